package io.github.centrasage.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock a sandbox stamps its records with ({@code date_time_updated}, order dates, events) and
 * measures timed faults against. A {@link #startingAt pinned} clock moves only when told to, so
 * scenario tests are deterministic; a {@link #ticking} clock follows real time (plus any
 * adjustment), for people clicking through a standalone sandbox.
 *
 * <pre>{@code sage.clock().advance(Duration.ofMinutes(5));}</pre>
 */
public final class SandboxClock extends Clock {
  /** Where a fresh sandbox clock starts: 2026-01-05T09:00:00Z. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-05T09:00:00Z");

  private final AtomicReference<Instant> now;
  /** For a ticking clock: how far it is ahead of the system clock; null for a pinned clock. */
  private final AtomicReference<Duration> offset;

  private SandboxClock(Instant start, boolean ticking) {
    this.now = new AtomicReference<>(start);
    this.offset = ticking ? new AtomicReference<>(Duration.ZERO) : null;
  }

  /** A clock that follows system time; {@link #set} and {@link #advance} shift it. */
  public static SandboxClock ticking() {
    return new SandboxClock(null, true);
  }

  /** A clock pinned at {@code start}. */
  public static SandboxClock startingAt(Instant start) {
    if (start == null) {
      throw new IllegalArgumentException("start must not be null");
    }
    return new SandboxClock(start, false);
  }

  /** Moves the clock to {@code instant} (backwards too, to test out-of-order data). */
  public void set(Instant instant) {
    if (instant == null) {
      throw new IllegalArgumentException("instant must not be null");
    }
    if (offset != null) {
      offset.set(Duration.between(Instant.now(), instant));
    } else {
      now.set(instant);
    }
  }

  /** Moves the clock forward by {@code duration}. */
  public void advance(Duration duration) {
    if (duration == null || duration.isNegative()) {
      throw new IllegalArgumentException("duration must be zero or positive, was " + duration);
    }
    if (offset != null) {
      offset.updateAndGet(o -> o.plus(duration));
    } else {
      now.updateAndGet(i -> i.plus(duration));
    }
  }

  @Override
  public Instant instant() {
    return offset != null ? Instant.now().plus(offset.get()) : now.get();
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
    return "SandboxClock[" + instant() + (offset != null ? ", ticking" : "") + "]";
  }
}
