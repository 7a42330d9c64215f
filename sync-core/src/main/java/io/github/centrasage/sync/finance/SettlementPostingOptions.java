package io.github.centrasage.sync.finance;

import io.github.centrasage.sync.spi.internal.SyncStyle;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * Settings of {@link SettlementPosting}.
 *
 * <p>Usage: {@code SettlementPostingOptions.builder().feeTaxCodeId(exemptId).build()}
 */
@Value.Immutable
@SyncStyle
public abstract class SettlementPostingOptions {
  /**
   * Sage tax code id put on the fee payment; UK card-processing fees are usually exempt (T2) or
   * outside the scope (T9). Empty sends no tax code, leaving Sage's default for the nominal.
   */
  public abstract OptionalLong feeTaxCodeId();

  /**
   * Which field of the order's invoice in {@code sales_posted_transactions} carries the order's
   * Sage key, used to find the invoice a receipt is allocated to: {@code second_reference}
   * (default; the customer order number on a SOP invoice) or {@code reference}.
   */
  @Value.Default
  public String invoiceMatchField() {
    return "second_reference";
  }

  /**
   * What the invoice's match field holds: {@code CUSTOMER_DOCUMENT} (the order's
   * {@code customer_document_no}, e.g. {@code CENTRA-1001}, the default) or {@code SAGE_DOCUMENT}
   * (the Sage order number).
   */
  @Value.Default
  public InvoiceKey invoiceKey() {
    return InvoiceKey.CUSTOMER_DOCUMENT;
  }

  /** Narrative prefix on the cash-book postings; empty uses the PSP name. */
  public abstract Optional<String> narrativePrefix();

  /**
   * Sage tax code id for postings that are no supply (chargebacks, deposits, reserves, balance
   * transfers, the PSP's invoices, corrections): usually T9 outside the scope of VAT. Empty sends
   * no tax code there (Sage's default for the nominal). A record type's own mapping wins.
   */
  public abstract OptionalLong outOfScopeTaxCodeId();

  /** Which date the line postings carry (cut-off); default {@link Dating#PAYOUT_DATE}. */
  @Value.Default
  public Dating dating() {
    return Dating.PAYOUT_DATE;
  }

  /**
   * Dating of postings. Fees, balance movements and the transfer always carry the payout date; the
   * clearing bank nets to zero per payout under every choice.
   */
  public enum Dating {
    /** Every posting on the payout date (the bank's view). */
    PAYOUT_DATE,
    /** Receipts, refunds and chargebacks on the date of the event (the report's creation date). */
    EVENT_DATE,
    /**
     * Receipts, refunds and chargebacks of an earlier month than the payout on that month's last day,
     * the rest on the payout date: a payout that spans month end is split at it.
     */
    MONTH_END
  }

  @Value.Check
  protected void check() {
    if (!invoiceMatchField().equals("second_reference") && !invoiceMatchField().equals("reference")) {
      throw new IllegalArgumentException("invoiceMatchField must be second_reference or reference, was "
          + invoiceMatchField());
    }
  }

  /** What identifies an order's invoice in Sage. */
  public enum InvoiceKey {
    /** The Centra-derived customer document number ({@code CENTRA-1001}). */
    CUSTOMER_DOCUMENT,
    /** The Sage sales order document number. */
    SAGE_DOCUMENT
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SettlementPostingOptions}. */
  public static final class Builder extends ImmutableSettlementPostingOptions.Builder {
    Builder() {}
  }
}
