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

  static ImmutableDespatchItem.Builder builder() {
    return ImmutableDespatchItem.builder();
  }
}
