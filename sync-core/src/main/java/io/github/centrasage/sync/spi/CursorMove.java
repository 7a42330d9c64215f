package io.github.centrasage.sync.spi;

import io.github.centrasage.sync.spi.internal.SyncStyle;
import org.immutables.value.Value;

/**
 * A cursor value to write in the same transaction as the jobs a discover step enqueues, so a crash
 * can never move the cursor past work that was not recorded.
 *
 * <p>Usage: {@code store.enqueue(jobs, CursorMove.of("OrderImport", "2024-05-01T10:00:00Z"))}.
 */
@Value.Immutable
@SyncStyle
public abstract class CursorMove {
  /** The cursor's name (usually the flow's name). */
  @Value.Parameter
  public abstract String name();

  /** The new value, in whatever form the flow reads it back. */
  @Value.Parameter
  public abstract String value();

  /** A cursor move. */
  public static CursorMove of(String name, String value) {
    return ImmutableCursorMove.of(name, value);
  }
}
