package io.github.centrasage.sync.finance;

import io.github.centrasage.sync.internal.SyncStyle;
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
  public static ImmutableSettlementReport.Builder builder() {
    return ImmutableSettlementReport.builder();
  }
}
