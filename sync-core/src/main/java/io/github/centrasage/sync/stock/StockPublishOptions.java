package io.github.centrasage.sync.stock;

import io.github.centrasage.sync.spi.internal.SyncStyle;
import java.time.Duration;
import java.time.Instant;
import org.immutables.value.Value;

/**
 * Settings of {@link StockPublish} and {@link StockReconcile}. Every setting has a default that
 * suits a shop of a few thousand SKUs on Centra's default mutation budget (20 per 10 s).
 *
 * <p>Usage: {@code StockPublishOptions.builder().batchSize(100).discoverInterval(Duration.ofSeconds(15)).build()}
 */
@Value.Immutable
@SyncStyle
public abstract class StockPublishOptions {
  /** SKUs per {@code setStock} mutation (and per Sage holdings read); default 50. */
  @Value.Default
  public int batchSize() {
    return 50;
  }

  /**
   * How often Sage {@code warehouse_holdings} are polled; default 30 s. The latency from a Sage
   * change to Centra is this plus one Sage read and one {@code setStock} round trip.
   */
  @Value.Default
  public Duration discoverInterval() {
    return Duration.ofSeconds(30);
  }

  /**
   * How far before the cursor each poll reads again, so a holding whose {@code date_time_updated}
   * was committed late (or has a coarse timestamp) is not missed; default 2 min.
   */
  @Value.Default
  public Duration overlap() {
    return Duration.ofMinutes(2);
  }

  /** Where the first poll starts when no cursor is stored; default the epoch (a full first read). */
  @Value.Default
  public Instant initialCursor() {
    return Instant.EPOCH;
  }

  /**
   * How long a stock push holds its units; must exceed the slowest Sage read plus {@code setStock}
   * (the clients' timeouts bound both); default 2 min.
   */
  @Value.Default
  public Duration holdTtl() {
    return Duration.ofMinutes(2);
  }

  /** How long a SKU whose units are held (a despatch in progress) waits before it is pushed again; default 5 s. */
  @Value.Default
  public Duration busyDelay() {
    return Duration.ofSeconds(5);
  }

  /** How often {@link StockReconcile} runs its full pass; default 6 h. */
  @Value.Default
  public Duration reconcileInterval() {
    return Duration.ofHours(6);
  }

  /** The description written on Centra stock changes. */
  @Value.Default
  public String description() {
    return "Sage 200 stock";
  }

  @Value.Check
  protected void check() {
    if (batchSize() < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize());
    }
    positive(discoverInterval(), "discoverInterval");
    positive(holdTtl(), "holdTtl");
    positive(reconcileInterval(), "reconcileInterval");
    // zero would re-queue a held unit due at once, and the worker would spin claim/enqueue until the hold ends
    positive(busyDelay(), "busyDelay");
    if (overlap().isNegative()) {
      throw new IllegalArgumentException("overlap must not be negative, was " + overlap());
    }
  }

  private static void positive(Duration d, String name) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }

  /** The defaults. */
  public static StockPublishOptions defaults() {
    return builder().build();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link StockPublishOptions}. */
  public static final class Builder extends ImmutableStockPublishOptions.Builder {
    Builder() {}
  }
}
