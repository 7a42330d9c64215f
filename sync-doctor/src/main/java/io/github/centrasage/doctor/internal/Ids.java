package io.github.centrasage.doctor.internal;

import java.math.BigDecimal;
import java.util.Optional;

/** Ids as they come from mappings files and plain JSON. */
final class Ids {
  private Ids() {}

  /** A numeric Sage id from mappings text; empty when it is not a number. */
  static Optional<Long> parse(String text) {
    try {
      return Optional.of(Long.parseLong(text.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** A JSON id (Moshi reads numbers as doubles) as the text mappings use: 12, not 12.0. */
  static String text(Object value) {
    if (value instanceof Number n) {
      return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
    }
    return String.valueOf(value);
  }
}
