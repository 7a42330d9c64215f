package io.github.centrasage.sync.finance;

import io.github.centrasage.sync.integration.RecordTreatment;
import io.github.centrasage.sync.spi.internal.SyncStyle;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One line of a PSP payout: a captured payment (positive gross) or a refund or chargeback
 * (negative gross), with the PSP's fee and what reached the payout. {@code net} is normally
 * {@code gross - fee}; a line where it is not is listed in the {@link SettlementReport}.
 *
 * <p>Usage: {@code PayoutItem.builder().orderNumber("1001").gross(new BigDecimal("59.99")).fee(new BigDecimal("0.72")).net(new BigDecimal("59.27")).build()}
 */
@Value.Immutable
@SyncStyle
public abstract class PayoutItem {
  /** The Centra order number the money belongs to, if the PSP report carries it (merchant reference). */
  public abstract Optional<String> orderNumber();

  /** The Centra return id a refund belongs to, if known. */
  public abstract Optional<String> returnId();

  /** The PSP's own reference of the payment (Adyen PSP reference), kept as the second reference in Sage. */
  public abstract Optional<String> pspReference();

  /**
   * The PSP's record type of the line (Adyen's {@code Type} column: {@code Settled}, {@code Refunded},
   * {@code Chargeback}, {@code DepositCorrection}…); it chooses the line's treatment through
   * {@link io.github.centrasage.sync.integration.Mappings.PaymentAccounts#recordTypes()} and the built-in
   * {@link io.github.centrasage.sync.integration.RecordTreatment#adyenDefault defaults}. Empty: a payment when gross is positive, a refund
   * when negative, a fee when gross is zero.
   */
  public abstract Optional<String> recordType();

  /** The PSP's reference of the modification (Adyen {@code Modification Reference}): the refund's or chargeback's own reference. */
  public abstract Optional<String> modificationReference();

  /**
   * The merchant's reference of the modification (Adyen {@code Modification Merchant Reference}): for
   * a refund, the reference of the credit note it pays ({@code RMA678}).
   */
  public abstract Optional<String> modificationMerchantReference();

  /** When the event happened (Adyen {@code Creation Date}): the posting date under {@link SettlementPostingOptions.Dating#EVENT_DATE}. */
  public abstract Optional<LocalDate> eventDate();

  /**
   * The currency the shopper paid in (Adyen {@code Gross Currency}) when it differs from the batch
   * currency; then {@link #grossInShopperCurrency()} is the same money in it.
   */
  public abstract Optional<String> shopperCurrency();

  /** {@link #gross()} in {@link #shopperCurrency()}, signed the same way (Adyen {@code Gross Credit (GC)} - {@code Gross Debit (GC)}). */
  public abstract Optional<BigDecimal> grossInShopperCurrency();

  /** What the shopper paid (positive) or got back (negative), in the batch currency. */
  public abstract BigDecimal gross();

  /** The PSP's fee for this line (positive is a cost; negative a rebate). */
  @Value.Default
  public BigDecimal fee() {
    return BigDecimal.ZERO;
  }

  /** What this line added to the payout; {@code gross - fee} unless the PSP says otherwise. */
  @Value.Default
  public BigDecimal net() {
    return gross().subtract(fee());
  }

  /** Whether the money went back to the shopper (refund or chargeback). */
  public final boolean isRefund() {
    return gross().signum() < 0;
  }

  /**
   * What identifies this line whatever its position in the report: record type, PSP reference,
   * modification reference, order and return, and (for batch-level bookings that have no PSP
   * reference) the amounts and date. Two lines with the same identity are the same money.
   */
  public final String identity() {
    return String.join("|", recordType().orElse(""), pspReference().orElse(""), modificationReference().orElse(""),
        orderNumber().orElse(""), returnId().orElse(""), modificationMerchantReference().orElse(""),
        pspReference().isPresent() ? "" : gross().toPlainString() + "/" + fee().toPlainString() + "/"
            + net().toPlainString() + "/" + eventDate().map(LocalDate::toString).orElse(""));
  }

  @Value.Check
  protected void check() {
    if (gross().signum() == 0 && fee().signum() == 0) {
      throw new IllegalArgumentException("PayoutItem has neither a gross amount nor a fee: " + this);
    }
    // ISO 4217 minor units go up to 4 (CLF); 3 for KWD, BHD, JOD. Whether Sage can hold them is the poster's check.
    if (gross().scale() > 4 || fee().scale() > 4 || net().scale() > 4) {
      throw new IllegalArgumentException("PayoutItem amounts must have at most 4 decimals: " + this);
    }
    if (shopperCurrency().isPresent() != grossInShopperCurrency().isPresent()) {
      throw new IllegalArgumentException("PayoutItem needs both shopperCurrency and grossInShopperCurrency, or neither: "
          + this);
    }
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link PayoutItem}. */
  public static final class Builder extends ImmutablePayoutItem.Builder {
    Builder() {}
  }
}
