package io.github.centrasage.sync.finance;

import io.github.centrasage.sync.internal.SyncStyle;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Settings of {@link RefundImport}.
 *
 * <p>Usage: {@code RefundImportOptions.builder().goodsNominal("4010").shippingNominal("4900").build()}
 */
@Value.Immutable
@SyncStyle
public abstract class RefundImportOptions {
  /** How a refund reaches Sage. */
  public enum CreditMethod {
    /** A sales-ledger credit note ({@code sales_credit_notes}): money only, no stock movement. The default. */
    LEDGER_CREDIT_NOTE,
    /** A SOP return ({@code sop_returns}, Sage 200 2025 R1+); a site without it gets a ledger credit note. */
    SOP_RETURN_ELSE_CREDIT_NOTE,
    /** A SOP return only; a site without {@code sop_returns} parks the job with that reason. */
    SOP_RETURN
  }

  /** Nominal code the refunded goods are credited to (e.g. a sales-returns nominal). */
  public abstract String goodsNominal();

  /** Nominal code refunded shipping and handling is credited to; needed once a refund includes any. */
  public abstract Optional<String> shippingNominal();

  /** VAT rate of refunded shipping; empty takes the highest rate on the order, as OrderImport does. */
  public abstract Optional<BigDecimal> shippingTaxPercent();

  /** See {@link CreditMethod}. */
  @Value.Default
  public CreditMethod creditMethod() {
    return CreditMethod.LEDGER_CREDIT_NOTE;
  }

  /** Prefix of the credit note reference; the Centra return id follows ({@code RMA12345}). */
  @Value.Default
  public String referencePrefix() {
    return "RMA";
  }

  /** Returns created from this instant on are polled the first time (later, from the cursor). */
  @Value.Default
  public Instant pollStart() {
    return Instant.EPOCH;
  }

  /** How far each poll reaches back before the cursor, for returns written late. */
  @Value.Default
  public Duration pollOverlap() {
    return Duration.ofMinutes(5);
  }

  /** How long to wait before looking again at a return that has no refund payment yet. */
  @Value.Default
  public Duration refundWait() {
    return Duration.ofMinutes(30);
  }

  @Value.Check
  protected void check() {
    if (goodsNominal().isBlank()) {
      throw new IllegalArgumentException("RefundImportOptions.goodsNominal must not be blank");
    }
    if (referencePrefix().length() > 8) {
      throw new IllegalArgumentException("RefundImportOptions.referencePrefix is longer than 8 characters: "
          + referencePrefix());
    }
  }

  /** A builder. */
  public static ImmutableRefundImportOptions.Builder builder() {
    return ImmutableRefundImportOptions.builder();
  }
}
