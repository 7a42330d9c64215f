package io.github.centrasage.centra;

import java.util.List;
import org.immutables.value.Value;

/**
 * Filter for reading the event queue; Centra always returns the oldest unconfirmed events first.
 *
 * <pre>{@code
 * EventQuery q = EventQuery.builder().addObjectTypes("Order", "Return").limit(100).build();
 * }</pre>
 */
@Value.Immutable
public interface EventQuery {
  List<String> objectTypes();

  List<EventChangeType> changeTypes();

  /** At most this many events (1–200, default 100). */
  @Value.Default
  default int limit() {
    return 100;
  }

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  @Value.Check
  default void check() {
    if (limit() < 1 || limit() > 200) {
      throw new IllegalArgumentException("EventQuery.limit must be between 1 and 200, was " + limit());
    }
  }

  /** Builds a {@link EventQuery}; get one from {@link EventQuery#builder()}. */
  final class Builder extends ImmutableEventQuery.Builder {
    Builder() {}
  }
}
