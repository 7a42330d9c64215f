package io.github.centrasage.sync.finance;

import io.github.centrasage.sync.integration.RecordTreatment;
import io.github.centrasage.sync.spi.internal.SyncStyle;
import java.math.BigDecimal;
import java.util.List;
import org.immutables.value.Value;

/**
 * One line of a payout's reconciliation: a line of the PSP report, the Sage posting(s) it made and
 * where its money stands. {@link SettlementReport#reconciliationCsv()} writes them as a file.
 *
 * <p>Usage: {@code report.lines().stream().filter(l -> l.status() == ReconciliationLine.Status.UNALLOCATED)}
 */
@Value.Immutable
@SyncStyle
public abstract class ReconciliationLine {
  /** The line's position in the PSP report as submitted (1-based). */
  public abstract int line();

  /** The PSP's record type ({@code Settled}…), or empty for a line without one. */
  @Value.Default
  public String recordType() {
    return "";
  }

  /** The PSP reference. */
  @Value.Default
  public String pspReference() {
    return "";
  }

  /** The PSP's modification reference. */
  @Value.Default
  public String modificationReference() {
    return "";
  }

  /** The order number, return id or modification merchant reference the line names. */
  @Value.Default
  public String merchantReference() {
    return "";
  }

  /** Gross amount in the payout currency. */
  public abstract BigDecimal gross();

  /** The PSP's fee of the line. */
  public abstract BigDecimal fee();

  /** What the line added to the payout. */
  public abstract BigDecimal net();

  /** The treatment applied. */
  public abstract RecordTreatment treatment();

  /** The Sage references the line posted to ({@code 800/3}, {@code 800/F}…). */
  public abstract List<String> postings();

  /** Where the line's money stands. */
  public abstract Status status();

  /** What the accountant should know about the line, if anything. */
  @Value.Default
  public String note() {
    return "";
  }

  /** Where a line's money stands after posting. */
  public enum Status {
    /** Receipt or refund allocated against its invoice or credit note. */
    ALLOCATED,
    /** Receipt or refund left on the customer account. */
    UNALLOCATED,
    /** A chargeback without a reversal. */
    OPEN_CHARGEBACK,
    /** A chargeback or refund reversal paired with what it reverses (or a chargeback since reversed). */
    PAIRED,
    /** Part of the payout's fee payment. */
    FEE,
    /** Posted to a balance-sheet nominal or as a bank transfer. */
    POSTED,
    /** Posted to the variance nominal: no customer explains it. */
    VARIANCE
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ReconciliationLine}. */
  public static final class Builder extends ImmutableReconciliationLine.Builder {
    Builder() {}
  }
}
