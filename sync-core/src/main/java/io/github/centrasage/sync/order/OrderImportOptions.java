package io.github.centrasage.sync.order;

import io.github.centrasage.centra.OrderStatus;
import io.github.centrasage.sync.spi.internal.SyncStyle;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * Settings of the {@link OrderImport} flow that are not shared mappings: how orders are
 * discovered, which statuses import, where lines ship from, and what a totals mismatch does.
 *
 * <p>Usage: {@code OrderImportOptions.builder().discovery(Discovery.POLLING).defaultWarehouse("1").build()}
 */
@Value.Immutable
@SyncStyle
public abstract class OrderImportOptions {
  /** How the flow learns about new orders. */
  public enum Discovery {
    /** Centra's event queue ({@code Order} events), confirmed after the jobs are durably enqueued. */
    EVENTS,
    /** Orders listed by order date since a durable cursor, with an overlap window. */
    POLLING,
    /** Nothing is read on a schedule; only {@link OrderImport#nudge} enqueues orders. */
    WEBHOOK_ONLY
  }

  /** What happens when Sage's gross total differs from Centra's by more than the rounding tolerance. */
  public enum TotalsMismatch {
    /** Keep the Sage order and record both figures ({@link OrderImport#totalsMismatch}). */
    FLAG,
    /** Keep the Sage order, record both figures and park the job; a replay accepts the order. */
    PARK
  }

  /**
   * What happens when a shopper's e-mail is found on a Sage account the integration does not own
   * (one it did not create and whose reference does not start with the customer strategy's prefix,
   * such as a trade account whose contact uses that address). The shopper controls the e-mail, so
   * such a match is never trusted.
   */
  public enum ForeignAccountMatch {
    /** Park the order with the account named; a person decides (the default). */
    PARK,
    /** Ignore the foreign account and create (or reuse) the shopper's own web account. */
    CREATE_SHOPPER_ACCOUNT
  }

  /** Discovery feed (default {@link Discovery#EVENTS}). */
  @Value.Default
  public Discovery discovery() {
    return Discovery.EVENTS;
  }

  /** Order statuses that import (default confirmed, processing and shipped). Pending orders wait; others are skipped. */
  @Value.Default
  public Set<OrderStatus> importStatuses() {
    return EnumSet.of(OrderStatus.CONFIRMED, OrderStatus.PROCESSING, OrderStatus.SHIPPED);
  }

  /** How long an order on hold, waiting for payment or pending waits before it is looked at again (default 15 min). */
  @Value.Default
  public Duration waitingOrderRecheck() {
    return Duration.ofMinutes(15);
  }

  /** How far polling reads back before its cursor, for orders that became visible late (default 10 min). */
  @Value.Default
  public Duration pollOverlap() {
    return Duration.ofMinutes(10);
  }

  /**
   * Where polling starts when it has no cursor; empty starts one day before the engine clock's now.
   * With {@link Discovery#EVENTS} it is the backfill: the first subscription a store records also
   * lists the orders placed since then (Centra's event queue holds only what comes after the
   * subscription); empty backfills nothing and says so in a warning and a notice.
   */
  public abstract Optional<Instant> pollStart();

  /** Orders handled together: one Sage lookup request covers the whole batch (default 20). */
  @Value.Default
  public int batchSize() {
    return 20;
  }

  /**
   * Centra warehouse whose Sage warehouse lines ship from, per market name; the value is a key of
   * {@code Mappings.warehouses()} (the Centra warehouse id, as the stock flows use it).
   */
  public abstract Map<String, String> warehouseByMarket();

  /** Centra warehouse (a key of {@code Mappings.warehouses()}) lines ship from when the market has no entry. */
  public abstract Optional<String> defaultWarehouse();

  /** VAT percent of the shipping charge; empty uses the highest rate among the order's lines. */
  public abstract Optional<BigDecimal> shippingTaxPercent();

  /** Decimal places of the net unit prices sent to Sage (default 2). */
  @Value.Default
  public int unitPriceScale() {
    return 2;
  }

  /**
   * How the amounts this library computes are rounded: net unit prices (to {@code unitPriceScale}),
   * the discount and shipping charge nets (to pence). Default {@link RoundingMode#HALF_UP}, the rule
   * a UK VAT invoice is usually worked to; {@code HALF_EVEN} suits a ledger kept with banker's rounding.
   */
  @Value.Default
  public RoundingMode priceRounding() {
    return RoundingMode.HALF_UP;
  }

  /**
   * How Sage rounds each line's net and VAT to pence, used to predict Sage's gross total (and so the
   * rounding line and the totals check). Default {@link RoundingMode#HALF_UP} [inferred: Sage's
   * documentation does not state it; see docs/known-unknowns.md].
   */
  @Value.Default
  public RoundingMode sageLineRounding() {
    return RoundingMode.HALF_UP;
  }

  /**
   * The largest line quantity an order may have (default 10,000): an order with more on one line is
   * refused (parked with the reason) as implausible instead of being written to Sage.
   */
  @Value.Default
  public int maxLineQuantity() {
    return 10_000;
  }

  /**
   * The largest amount (unit price, shipping, grand total, in the order's currency) an order may
   * have (default 1,000,000): above it the order is refused as implausible.
   */
  @Value.Default
  public BigDecimal maxAmount() {
    return new BigDecimal("1000000");
  }

  /**
   * The earliest year an order date may have (default 2000): an order dated before it (year 0001, a
   * lost century) is refused as implausible instead of entering Sage's books in that year.
   */
  @Value.Default
  public int minOrderYear() {
    return 2000;
  }

  /** The latest year an order date may have (default 2100); an order dated after it is refused as implausible. */
  @Value.Default
  public int maxOrderYear() {
    return 2100;
  }

  /** What an e-mail match on an account the integration does not own does (default {@link ForeignAccountMatch#PARK}). */
  @Value.Default
  public ForeignAccountMatch foreignAccountMatch() {
    return ForeignAccountMatch.PARK;
  }

  /**
   * How long a shared account ({@code CustomerStrategy.sharedAccount}) found in Sage is reused before
   * it is read again (default 10 min), so an account put on hold, re-currencied or replaced in Sage is
   * seen without a restart. Zero reads it for every batch.
   */
  @Value.Default
  public Duration sharedAccountCacheTtl() {
    return Duration.ofMinutes(10);
  }

  /** What a totals difference beyond the rounding tolerance does (default {@link TotalsMismatch#FLAG}). */
  @Value.Default
  public TotalsMismatch totalsMismatch() {
    return TotalsMismatch.FLAG;
  }

  /**
   * Sage order fields the site makes mandatory ({@code analysis_code_1}…): an order whose draft
   * leaves one empty is parked with that reason instead of failing in Sage.
   */
  public abstract Set<String> requiredFields();

  @Value.Check
  protected void check() {
    if (batchSize() < 1 || batchSize() > 200) {
      throw new IllegalArgumentException("OrderImportOptions.batchSize must be between 1 and 200, was " + batchSize());
    }
    if (unitPriceScale() < 0 || unitPriceScale() > 5) {
      throw new IllegalArgumentException("OrderImportOptions.unitPriceScale must be between 0 and 5, was " + unitPriceScale());
    }
    if (maxLineQuantity() < 1 || maxAmount().signum() <= 0) {
      throw new IllegalArgumentException("OrderImportOptions: maxLineQuantity and maxAmount must be positive, were "
          + maxLineQuantity() + " and " + maxAmount());
    }
    if (minOrderYear() < 1 || maxOrderYear() > 9998 || minOrderYear() > maxOrderYear()) {
      throw new IllegalArgumentException("OrderImportOptions: minOrderYear must be between 1 and maxOrderYear, and"
          + " maxOrderYear at most 9998, were " + minOrderYear() + " and " + maxOrderYear());
    }
    if (priceRounding() == RoundingMode.UNNECESSARY || sageLineRounding() == RoundingMode.UNNECESSARY) {
      throw new IllegalArgumentException("OrderImportOptions: priceRounding and sageLineRounding must round;"
          + " UNNECESSARY would fail on the first price with more decimals");
    }
    if (sharedAccountCacheTtl().isNegative()) {
      throw new IllegalArgumentException("OrderImportOptions.sharedAccountCacheTtl must not be negative");
    }
    if (pollOverlap().isNegative() || waitingOrderRecheck().isNegative() || waitingOrderRecheck().isZero()) {
      throw new IllegalArgumentException("OrderImportOptions: pollOverlap must not be negative and waitingOrderRecheck must"
          + " be positive");
    }
  }

  /** The Centra warehouse orders of {@code market} ship from. */
  public Optional<String> warehouseFor(String market) {
    return Optional.ofNullable(warehouseByMarket().get(market)).or(this::defaultWarehouse);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link OrderImportOptions}. */
  public static final class Builder extends ImmutableOrderImportOptions.Builder {
    Builder() {}
  }
}
