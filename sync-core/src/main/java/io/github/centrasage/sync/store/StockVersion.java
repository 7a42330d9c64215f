package io.github.centrasage.sync.store;

import io.github.centrasage.sync.spi.internal.SyncStyle;
import java.time.Instant;
import java.util.Comparator;
import org.immutables.value.Value;

/**
 * The source version of a stock value: Sage's {@code date_time_updated} plus a tie-breaker for
 * changes within the same instant. Versions order by time, then tie-breaker.
 *
 * <p>Usage: {@code store.applyStockVersionIfNewer("ABC-M", "WH1", StockVersion.of(updatedAt, 0))}.
 */
@Value.Immutable
@SyncStyle
public abstract class StockVersion implements Comparable<StockVersion> {
  private static final Comparator<StockVersion> ORDER =
      Comparator.comparing(StockVersion::sourceTime).thenComparingLong(StockVersion::tieBreaker);

  /** When the source changed. */
  @Value.Parameter
  public abstract Instant sourceTime();

  /** Orders changes with the same source time (a sequence, a counter). */
  @Value.Parameter
  public abstract long tieBreaker();

  @Override
  public int compareTo(StockVersion other) {
    return ORDER.compare(this, other);
  }

  /** A version. */
  public static StockVersion of(Instant sourceTime, long tieBreaker) {
    return ImmutableStockVersion.of(sourceTime, tieBreaker);
  }
}
