package io.github.centrasage.doctor.internal;

import java.util.Optional;

/** Ids as they come from mappings files. */
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
}
