package io.github.centrasage.sync.finance;

import io.github.centrasage.sync.internal.SyncStyle;
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
  public static ImmutableSettlementPostingOptions.Builder builder() {
    return ImmutableSettlementPostingOptions.builder();
  }
}
