package io.github.centrasage.sync.finance;

import io.github.centrasage.sync.spi.internal.SyncStyle;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@link SettlementPosting} did for one payout, for the accountant: how much went through the
 * clearing bank, what was posted now or found already posted, and every difference that went to
 * the variance nominal. {@link #clearingMovement()} is zero when the batch balances, which it
 * always does once the variance is posted.
 *
 * <p>Usage: {@code posting.report("42").ifPresent(r -> r.exceptions().forEach(log::warn));}
 */
@Value.Immutable
@SyncStyle
public abstract class SettlementReport {
  /** The PSP. */
  public abstract String psp();

  /** The payout id. */
  public abstract String payoutId();

  /** The PSP account (Adyen merchant account) of the payout, if the PSP has several. */
  public abstract Optional<String> merchantAccount();

  /** The date the PSP paid out. */
  public abstract Optional<java.time.LocalDate> payoutDate();

  /** The currency. */
  public abstract String currency();

  /** The Sage code of the clearing bank. */
  public abstract String clearingBank();

  /** Sum of customer receipts posted into the clearing bank. */
  public abstract BigDecimal receipts();

  /** Sum of refunds and chargebacks paid out of the clearing bank (positive). */
  public abstract BigDecimal refunds();

  /** Fees paid out of the clearing bank (the one bank payment). */
  public abstract BigDecimal fees();

  /** Transferred from the clearing bank to the current bank. */
  public abstract BigDecimal transferred();

  /** Net amount posted to the variance nominal (positive: money in that no customer explains). */
  public abstract BigDecimal variance();

  /** The clearing bank's movement for this batch: zero when it reconciles. */
  public abstract BigDecimal clearingMovement();

  /** Postings made by this run. */
  public abstract int posted();

  /** Postings found already in Sage by reference (an earlier run or attempt made them). */
  public abstract int alreadyPosted();

  /** Every line the accountant should look at: unknown orders, amount mismatches, unallocated receipts. */
  public abstract List<String> exceptions();

  /** Every line of the payout → the Sage postings it made → where its money stands, in report order. */
  public abstract List<ReconciliationLine> lines();

  /**
   * The reconciliation file of the payout (CSV, RFC 4180, one header row): every report line with
   * its Sage posting(s) and allocation status, then the payout-level postings (fees, variance,
   * transfer) with line number 0.
   */
  public String reconciliationCsv() {
    StringBuilder out = new StringBuilder("psp,merchant_account,payout,line,record_type,psp_reference,"
        + "modification_reference,merchant_reference,gross,fee,net,treatment,sage_postings,status,note\r\n");
    for (ReconciliationLine l : lines()) {
      out.append(String.join(",", csv(psp()), csv(merchantAccount().orElse("")), csv(payoutId()),
          Integer.toString(l.line()), csv(l.recordType()), csv(l.pspReference()), csv(l.modificationReference()),
          csv(l.merchantReference()), l.gross().toPlainString(), l.fee().toPlainString(), l.net().toPlainString(),
          l.treatment().name(), csv(String.join(" ", l.postings())), l.status().name(), csv(l.note()))).append("\r\n");
    }
    return out.toString();
  }

  /** One CSV cell: quoted when it holds a separator, quote or line break; a formula-like start made text. */
  static String csv(String value) {
    // A leading = + - @ would be a formula in a spreadsheet; quote-prefixing keeps the text as text.
    String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 && !value.matches("-?[0-9.]+") ? "'" + value
        : value;
    return safe.matches("[^,\"\r\n]*") ? safe : "\"" + safe.replace("\"", "\"\"") + "\"";
  }

  /**
   * When the report was stored in the state store; present on reports read back with
   * {@link SettlementPosting#storedReports}, empty on the one a posting run returns.
   */
  public abstract Optional<Instant> recordedAt();

  /** Whether the accountant should look at this payout: money went to variance or clearing did not net to zero. */
  public boolean needsAttention() {
    return variance().signum() != 0 || clearingMovement().signum() != 0;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SettlementReport}. */
  public static final class Builder extends ImmutableSettlementReport.Builder {
    Builder() {}
  }
}
