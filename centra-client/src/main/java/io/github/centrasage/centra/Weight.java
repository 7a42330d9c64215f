package io.github.centrasage.centra;

import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A product's weight as Centra holds it: a value and, where given, its unit.
 *
 * <pre>{@code
 * ProductInput.builder().weight(Weight.of(new BigDecimal("0.350"), "KG")).build()
 * }</pre>
 */
@Value.Immutable
public interface Weight {
  BigDecimal value();

  /**
   * The unit, a value of Centra's weight unit enum; Centra's docs do not list its values, so it is
   * passed through as text and left out when absent.
   */
  Optional<String> unit();

  static Weight of(BigDecimal value, String unit) {
    return ImmutableWeight.builder().value(value).unit(Optional.ofNullable(unit)).build();
  }

  @Value.Check
  default void check() {
    if (value().signum() < 0) {
      throw new IllegalArgumentException("Weight.value must not be negative, was " + value());
    }
  }
}
