package io.github.centrasage.sync.spi;

import io.github.centrasage.sync.spi.internal.SyncStyle;
import java.time.Instant;
import org.immutables.value.Value;

/**
 * A durable cursor: where a flow's discover step got to, and when it last moved.
 *
 * <p>Usage: {@code store.cursor("OrderImport").map(Cursor::value).orElse(initial)}.
 */
@Value.Immutable
@SyncStyle
public abstract class Cursor {
  /** The cursor's name. */
  public abstract String name();

  /** The stored value. */
  public abstract String value();

  /** When the value was last written, on the store's clock. */
  public abstract Instant updatedAt();

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Cursor}. */
  public static final class Builder extends ImmutableCursor.Builder {
    Builder() {}
  }
}
