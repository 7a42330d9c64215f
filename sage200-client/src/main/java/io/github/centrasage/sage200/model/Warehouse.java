package io.github.centrasage.sage200.model;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A warehouse.
 *
 * <p>Usage: {@code Warehouse.builder()…build()}
 */
@Value.Immutable
public interface Warehouse {
  /** JSON {@code id}. */
  long id();

  /** JSON {@code name}. */
  String name();

  /** JSON {@code description}. */
  Optional<String> description();

  /** JSON {@code date_time_updated}. */
  Optional<OffsetDateTime> dateTimeUpdated();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Warehouse}; get one from {@link Warehouse#builder()}. */
  final class Builder extends ImmutableWarehouse.Builder {
    Builder() {}
  }
}
