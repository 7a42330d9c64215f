package io.github.centrasage.http.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Parses {@code Retry-After}. RFC 9110 allows delay-seconds or an HTTP date; Centra's older docs
 * call the value "the timestamp of when you can resume", so a Unix epoch and ISO-8601 are accepted
 * too. A time in the past means "now"; anything unreadable means "not said".
 */
public final class RetryAfter {
  /** Integers above this are read as an epoch second rather than a delay (about 2001-09-09). */
  private static final long EPOCH_THRESHOLD = 1_000_000_000L;
  private static final DateTimeFormatter[] DATE_FORMS = {
      DateTimeFormatter.RFC_1123_DATE_TIME, DateTimeFormatter.ISO_OFFSET_DATE_TIME};

  private RetryAfter() {}

  public static Optional<Duration> parse(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    if (value.chars().allMatch(Character::isDigit)) {
      long number;
      try {
        number = Long.parseLong(value);
      } catch (NumberFormatException tooLong) {
        return Optional.empty();
      }
      return Optional.of(number > EPOCH_THRESHOLD ? until(Instant.ofEpochSecond(number), clock) : Duration.ofSeconds(number));
    }
    for (DateTimeFormatter format : DATE_FORMS) {
      try {
        return Optional.of(until(ZonedDateTime.parse(value, format).toInstant(), clock));
      } catch (DateTimeParseException ignored) {
        // try the next form
      }
    }
    return Optional.empty();
  }

  private static Duration until(Instant instant, Clock clock) {
    Duration d = Duration.between(clock.instant(), instant);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
