package io.github.centrasage.sync.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads the ISO-8601 instants the time-based flows keep as their cursor values. */
public final class CursorInstants {
  private CursorInstants() {
  }

  /** The instant {@code text} holds, or empty when it is not one (a cursor written by another version). */
  public static Optional<Instant> parse(String text) {
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
