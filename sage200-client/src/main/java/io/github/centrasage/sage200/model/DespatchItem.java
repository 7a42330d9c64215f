package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import org.immutables.value.Value;

/**
 * One order line and the quantity (in stock units) to despatch.
 *
 * <p>Usage: {@code DespatchItem.builder()…build()}
 */
@Value.Immutable
public interface DespatchItem {
  /** JSON {@code id}. */
  long id();

  /** JSON {@code quantity}. */
  BigDecimal quantity();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link DespatchItem}; get one from {@link DespatchItem#builder()}. */
  final class Builder extends ImmutableDespatchItem.Builder {
    Builder() {}
  }
}
