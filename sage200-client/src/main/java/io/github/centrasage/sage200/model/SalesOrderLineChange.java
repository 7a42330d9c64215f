package io.github.centrasage.sage200.model;

import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A change to one line in a sales order update: an existing line by {@code id} (quantity, price, or {@code isToDelete}), or a new line with {@code lineType}.
 *
 * <p>Usage: {@code SalesOrderLineChange.builder()…build()}
 */
@Value.Immutable
public interface SalesOrderLineChange extends LineItem {
  /** JSON {@code id}. */
  OptionalLong id();

  /** JSON {@code is_to_delete}. */
  Optional<Boolean> isToDelete();

  /** JSON {@code line_type}. */
  Optional<String> lineType();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SalesOrderLineChange}; get one from {@link SalesOrderLineChange#builder()}. */
  final class Builder extends ImmutableSalesOrderLineChange.Builder {
    Builder() {}
  }
}
