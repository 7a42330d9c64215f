package io.github.centrasage.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock a sandbox stamps its records with ({@code date_time_updated}, order dates, events) and
 * measures timed faults against. It starts pinned at a fixed instant so scenario tests are
 * deterministic, and moves only when told to.
 *
 * <pre>{@code sage.clock().advance(Duration.ofMinutes(5));}</pre>
 */
public final class SandboxClock extends Clock {
  /** Where a fresh sandbox clock starts: 2026-01-05T09:00:00Z. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-05T09:00:00Z");

  private final AtomicReference<Instant> now;

  private SandboxClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /** A clock pinned at {@code start}. */
  public static SandboxClock startingAt(Instant start) {
    if (start == null) {
      throw new IllegalArgumentException("start must not be null");
    }
    return new SandboxClock(start);
  }

  /** Moves the clock to {@code instant} (backwards too, to test out-of-order data). */
  public void set(Instant instant) {
    if (instant == null) {
      throw new IllegalArgumentException("instant must not be null");
    }
    now.set(instant);
  }

  /** Moves the clock forward by {@code duration}. */
  public void advance(Duration duration) {
    if (duration == null || duration.isNegative()) {
      throw new IllegalArgumentException("duration must be zero or positive, was " + duration);
    }
    now.updateAndGet(i -> i.plus(duration));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    // A sandbox is UTC-only, like the date-times both APIs exchange.
    if (!ZoneOffset.UTC.equals(zone)) {
      throw new UnsupportedOperationException("the sandbox clock is UTC only");
    }
    return this;
  }

  @Override
  public String toString() {
    return "SandboxClock[" + now.get() + "]";
  }
}
