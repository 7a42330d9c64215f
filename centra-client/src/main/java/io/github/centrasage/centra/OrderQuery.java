package io.github.centrasage.centra;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Which orders to list: a date window (from inclusive; to optional), optionally one store type.
 *
 * <pre>{@code
 * OrderQuery q = OrderQuery.builder().from(since).storeType(StoreType.DIRECT_TO_CONSUMER).build();
 * }</pre>
 */
@Value.Immutable
public interface OrderQuery {
  OffsetDateTime from();

  Optional<OffsetDateTime> to();

  @Value.Default
  default OrderDateField dateField() {
    return OrderDateField.ORDER_DATE;
  }

  Optional<StoreType> storeType();

  /**
   * The {@code OrderSort} values sent as {@code sort}, so that page N+1 continues where page N ended
   * (without a sort the order of a page list is not guaranteed). Default {@code [orderDate_ASC]}, the
   * value Centra documents; see the README's known unknowns for a unique tie-breaker.
   */
  @Value.Default
  default List<String> sort() {
    return List.of("orderDate_ASC");
  }

  /** Orders per page (1–200, default 50). */
  @Value.Default
  default int pageSize() {
    return 50;
  }

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  @Value.Check
  default void check() {
    if (pageSize() < 1 || pageSize() > 200) {
      throw new IllegalArgumentException("OrderQuery.pageSize must be between 1 and 200, was " + pageSize());
    }
    if (to().isPresent() && to().get().isBefore(from())) {
      throw new IllegalArgumentException("OrderQuery.to (" + to().get() + ") is before from (" + from() + ")");
    }
    for (String value : sort()) {
      if (!value.matches("[A-Za-z][A-Za-z0-9]*_(ASC|DESC)")) {
        throw new IllegalArgumentException("OrderQuery.sort values look like orderDate_ASC, was '" + value + "'");
      }
    }
    if (storeType().equals(Optional.of(StoreType.UNRECOGNIZED))) {
      throw new IllegalArgumentException("OrderQuery.storeType must not be UNRECOGNIZED");
    }
  }

  /** Builds a {@link OrderQuery}; get one from {@link OrderQuery#builder()}. */
  final class Builder extends ImmutableOrderQuery.Builder {
    Builder() {}
  }
}
