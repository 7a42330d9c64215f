package io.github.centrasage.sync.finance;

import io.github.centrasage.sync.spi.internal.SyncStyle;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One payout of a payment service provider (an Adyen settlement batch, a Stripe payout): what
 * {@link SettlementPosting} posts to Sage as receipts, refunds, fees and one transfer to the bank.
 * Sage references are {@code <payoutId>/<n>} (at most 20 characters), so the payout id must be
 * short enough for them.
 *
 * <p>Usage: {@code PayoutBatch.builder().psp("adyen").payoutId("42").payoutDate(date).currency("GBP").addItems(item).build()}
 */
@Value.Immutable
@SyncStyle
public abstract class PayoutBatch {
  /** Sage's limit on {@code reference}. */
  static final int MAX_REFERENCE = 20;

  /** The PSP (payment method) name as used in {@code Mappings.paymentAccounts}, e.g. {@code adyen}. */
  public abstract String psp();

  /** The PSP's id of this payout (batch number); with the merchant account, the idempotency key. */
  public abstract String payoutId();

  /**
   * The PSP account the batch belongs to (Adyen merchant account), when the PSP numbers batches
   * per account: batch 800 of two merchant accounts are two payouts. Empty for a PSP with one
   * numbering.
   */
  public abstract Optional<String> merchantAccount();

  /** The payout's key: {@code <payoutId>}, or {@code <payoutId>@<merchantAccount>}. */
  public final String key() {
    return payoutId() + merchantAccount().map(a -> "@" + a).orElse("");
  }

  /** The date the PSP paid out; every posting is dated with it. */
  public abstract LocalDate payoutDate();

  /** ISO 4217 currency of every amount in the batch. */
  public abstract String currency();

  /**
   * The lines, in the PSP report's order. Sage references are numbered by each line's
   * {@link PayoutItem#identity() identity}, not its position, so the same report in another order
   * posts the same references.
   */
  public abstract List<PayoutItem> items();

  /** What actually reached the bank, if the report states it; otherwise the sum of the lines' net. */
  public abstract Optional<BigDecimal> payoutAmount();

  /** The amount transferred from the clearing bank to the current bank. */
  public final BigDecimal transferAmount() {
    return payoutAmount().orElseGet(() -> items().stream().map(PayoutItem::net).reduce(BigDecimal.ZERO, BigDecimal::add));
  }

  /** The Sage reference of the {@code n}-th line (1-based). */
  public final String itemReference(int n) {
    return payoutId() + "/" + n;
  }

  @Value.Check
  protected void check() {
    if (psp().isBlank() || payoutId().isBlank()) {
      throw new IllegalArgumentException("PayoutBatch needs a PSP and a payout id: " + psp() + "/" + payoutId());
    }
    if (!currency().matches("[A-Z]{3}")) {
      throw new IllegalArgumentException("PayoutBatch currency must be an ISO 4217 code, was '" + currency() + "'");
    }
    if (items().isEmpty()) {
      throw new IllegalArgumentException("PayoutBatch " + payoutId() + " has no items");
    }
    String longest = itemReference(Math.max(items().size(), 9));
    if (longest.length() > MAX_REFERENCE) {
      throw new IllegalArgumentException("PayoutBatch id '" + payoutId() + "' is too long: Sage references such as '"
          + longest + "' must fit in " + MAX_REFERENCE + " characters");
    }
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link PayoutBatch}. */
  public static final class Builder extends ImmutablePayoutBatch.Builder {
    Builder() {}
  }
}
