package io.github.centrasage.sync.finance;

import io.github.centrasage.sync.internal.SyncStyle;
import java.math.BigDecimal;
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

  @Value.Check
  protected void check() {
    if (gross().signum() == 0 && fee().signum() == 0) {
      throw new IllegalArgumentException("PayoutItem has neither a gross amount nor a fee: " + this);
    }
    if (gross().scale() > 2 || fee().scale() > 2 || net().scale() > 2) {
      throw new IllegalArgumentException("PayoutItem amounts must have at most 2 decimals: " + this);
    }
  }

  /** A builder. */
  public static ImmutablePayoutItem.Builder builder() {
    return ImmutablePayoutItem.builder();
  }
}
