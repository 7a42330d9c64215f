package io.github.centrasage.sync.finance;

import io.github.centrasage.sync.spi.internal.SyncStyle;
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

  /**
   * Decimals of the unit prices OrderImport sent to Sage ({@code OrderImportOptions.unitPriceScale},
   * default 2): a full return is credited with the goods and tax the sale booked, which Sage
   * computed from those rounded unit prices.
   */
  @Value.Default
  public int saleUnitPriceScale() {
    return 2;
  }

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

  /**
   * The shortest wait before a return that has no refund payment yet is looked at again (default
   * 30 min). The wait grows with the return's age (half of it), up to {@link #refundWaitMax()}:
   * refunds usually follow days later, once the goods are back, and a return should not cost a
   * Centra read every half hour for weeks.
   */
  @Value.Default
  public Duration refundWait() {
    return Duration.ofMinutes(30);
  }

  /** The longest wait between two looks at a return that has no refund payment yet (default 4 h). */
  @Value.Default
  public Duration refundWaitMax() {
    return Duration.ofHours(4);
  }

  /**
   * How long after its creation a return may wait for its refund (default 60 days); a return with
   * no refund payment by then parks with that reason. Waiting uses up no retry attempts.
   */
  @Value.Default
  public Duration maxRefundWait() {
    return Duration.ofDays(60);
  }

  @Value.Check
  protected void check() {
    if (goodsNominal().isBlank()) {
      throw new IllegalArgumentException("RefundImportOptions.goodsNominal must not be blank");
    }
    if (!positive(refundWait()) || refundWaitMax().compareTo(refundWait()) < 0 || !positive(maxRefundWait())) {
      throw new IllegalArgumentException("RefundImportOptions: refundWait and maxRefundWait must be positive and"
          + " refundWaitMax at least refundWait; refundWait=" + refundWait() + ", refundWaitMax=" + refundWaitMax()
          + ", maxRefundWait=" + maxRefundWait());
    }
    if (pollOverlap().isNegative()) {
      throw new IllegalArgumentException("RefundImportOptions.pollOverlap must not be negative: " + pollOverlap());
    }
    // Sage's nominal_analysis_items.code holds 8 characters; say so here rather than in a parked job
    if (goodsNominal().length() > 8 || shippingNominal().map(String::length).orElse(0) > 8) {
      throw new IllegalArgumentException("RefundImportOptions: a Sage nominal code has at most 8 characters: "
          + goodsNominal() + shippingNominal().map(n -> ", " + n).orElse(""));
    }
    if (referencePrefix().length() > 8) {
      throw new IllegalArgumentException("RefundImportOptions.referencePrefix is longer than 8 characters: "
          + referencePrefix());
    }
  }

  private static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link RefundImportOptions}. */
  public static final class Builder extends ImmutableRefundImportOptions.Builder {
    Builder() {}
  }
}
