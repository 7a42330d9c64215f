package io.github.centrasage.sandbox;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * One way a sandbox can misbehave on a request. Inject it with {@link SandboxFaults#inject}.
 *
 * <pre>{@code sage.faults().inject(Fault.timeoutAfterCommit(Duration.ofSeconds(2)), FaultScope.nextCalls(1).on("POST /sop_orders"));}</pre>
 *
 * <p>Faults of the "before" kinds answer without touching state (the request never reached the
 * application). The "after commit" kinds and the body corruptions first apply the request to the
 * sandbox state and then spoil the answer, which is what makes blind retries create duplicates.
 */
public final class Fault {
  /** What the fault does. */
  public enum Kind {
    /** Delays the normal answer. */
    LATENCY,
    /** Closes the connection with a TCP reset before doing anything. */
    CONNECTION_RESET,
    /** Answers with an HTTP error status (500, 502, 503, 504) before doing anything. */
    HTTP_STATUS,
    /** Answers 429 with a {@code Retry-After} header. */
    RATE_LIMITED,
    /** Applies the write, then delays the answer beyond the client's read timeout. */
    TIMEOUT_AFTER_COMMIT,
    /** Applies the write, then resets the connection instead of answering. */
    RESET_AFTER_COMMIT,
    /** Applies the request, then answers 200 with a body that is not JSON. */
    MALFORMED_BODY,
    /** Applies the request, then answers 200 with only the first half of the real body. */
    TRUNCATED_BODY,
    /** Applies the write, then answers with an HTTP error status (500, 502, 503, 504) as a failing gateway would. */
    HTTP_STATUS_AFTER_COMMIT
  }

  private static final Set<Integer> ERROR_STATUSES = Set.of(500, 502, 503, 504);

  private final Kind kind;
  private final Duration minDelay;
  private final Duration maxDelay;
  private final int status;
  private final Duration retryAfter;
  private final boolean retryAfterAsDate;

  private Fault(Kind kind, Duration minDelay, Duration maxDelay, int status, Duration retryAfter,
      boolean retryAfterAsDate) {
    this.kind = kind;
    this.minDelay = minDelay;
    this.maxDelay = maxDelay;
    this.status = status;
    this.retryAfter = retryAfter;
    this.retryAfterAsDate = retryAfterAsDate;
  }

  /** Answers normally after {@code delay}. */
  public static Fault latency(Duration delay) {
    requirePositive(delay, "delay");
    return new Fault(Kind.LATENCY, delay, delay, 0, null, false);
  }

  /** Answers normally after a delay drawn uniformly from {@code [min, max]}. */
  public static Fault randomLatency(Duration min, Duration max) {
    requirePositive(min, "min");
    requirePositive(max, "max");
    if (max.compareTo(min) < 0) {
      throw new IllegalArgumentException("max (" + max + ") must not be below min (" + min + ")");
    }
    return new Fault(Kind.LATENCY, min, max, 0, null, false);
  }

  /** Resets the connection before the request is applied. */
  public static Fault connectionReset() {
    return new Fault(Kind.CONNECTION_RESET, Duration.ZERO, Duration.ZERO, 0, null, false);
  }

  /** Answers {@code status} (500, 502, 503 or 504) before the request is applied. */
  public static Fault httpStatus(int status) {
    if (!ERROR_STATUSES.contains(status)) {
      throw new IllegalArgumentException("status must be one of " + ERROR_STATUSES + ", was " + status);
    }
    return new Fault(Kind.HTTP_STATUS, Duration.ZERO, Duration.ZERO, status, null, false);
  }

  /** Applies the write, then answers {@code status} (500, 502, 503 or 504): the caller cannot tell it took effect. */
  public static Fault httpStatusAfterCommit(int status) {
    if (!ERROR_STATUSES.contains(status)) {
      throw new IllegalArgumentException("status must be one of " + ERROR_STATUSES + ", was " + status);
    }
    return new Fault(Kind.HTTP_STATUS_AFTER_COMMIT, Duration.ZERO, Duration.ZERO, status, null, false);
  }

  /** Answers 429 with {@code Retry-After} in seconds. */
  public static Fault rateLimited(Duration retryAfter) {
    requirePositive(retryAfter, "retryAfter");
    return new Fault(Kind.RATE_LIMITED, Duration.ZERO, Duration.ZERO, 429, retryAfter, false);
  }

  /**
   * Answers 429 with {@code Retry-After} as an HTTP date (sandbox clock + {@code retryAfter}), the
   * form Centra's older documentation describes.
   */
  public static Fault rateLimitedUntilDate(Duration retryAfter) {
    requirePositive(retryAfter, "retryAfter");
    return new Fault(Kind.RATE_LIMITED, Duration.ZERO, Duration.ZERO, 429, retryAfter, true);
  }

  /** Applies the write, then holds the answer back for {@code delay} (set it above the client's read timeout). */
  public static Fault timeoutAfterCommit(Duration delay) {
    requirePositive(delay, "delay");
    return new Fault(Kind.TIMEOUT_AFTER_COMMIT, delay, delay, 0, null, false);
  }

  /** Applies the write, then resets the connection. */
  public static Fault resetAfterCommit() {
    return new Fault(Kind.RESET_AFTER_COMMIT, Duration.ZERO, Duration.ZERO, 0, null, false);
  }

  /** Applies the request, then answers 200 with a body that is not JSON. */
  public static Fault malformedBody() {
    return new Fault(Kind.MALFORMED_BODY, Duration.ZERO, Duration.ZERO, 200, null, false);
  }

  /** Applies the request, then answers 200 with the first half of the real body. */
  public static Fault truncatedBody() {
    return new Fault(Kind.TRUNCATED_BODY, Duration.ZERO, Duration.ZERO, 200, null, false);
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
    }
  }

  /** What this fault does. */
  public Kind kind() {
    return kind;
  }

  /** Lower bound of the delay (latency and timeout-after-commit), zero otherwise. */
  public Duration minDelay() {
    return minDelay;
  }

  /** Upper bound of the delay (latency and timeout-after-commit), zero otherwise. */
  public Duration maxDelay() {
    return maxDelay;
  }

  /** The HTTP status answered, 0 where the fault sends none. */
  public int status() {
    return status;
  }

  /** How long a rate-limited caller is told to wait; null for other kinds. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** Whether {@code Retry-After} is sent as an HTTP date rather than seconds. */
  public boolean retryAfterAsDate() {
    return retryAfterAsDate;
  }

  /** Whether the request is applied to the sandbox state before the fault strikes. */
  public boolean appliesRequest() {
    return kind == Kind.LATENCY || kind == Kind.TIMEOUT_AFTER_COMMIT || kind == Kind.RESET_AFTER_COMMIT
        || kind == Kind.MALFORMED_BODY || kind == Kind.TRUNCATED_BODY || kind == Kind.HTTP_STATUS_AFTER_COMMIT;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Fault)) {
      return false;
    }
    Fault f = (Fault) o;
    return kind == f.kind && status == f.status && retryAfterAsDate == f.retryAfterAsDate
        && minDelay.equals(f.minDelay) && maxDelay.equals(f.maxDelay) && Objects.equals(retryAfter, f.retryAfter);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, minDelay, maxDelay, status, retryAfter, retryAfterAsDate);
  }

  @Override
  public String toString() {
    switch (kind) {
      case LATENCY:
        return "Fault[LATENCY " + minDelay + (minDelay.equals(maxDelay) ? "" : ".." + maxDelay) + "]";
      case HTTP_STATUS:
        return "Fault[HTTP " + status + "]";
      case RATE_LIMITED:
        return "Fault[429 Retry-After " + retryAfter + (retryAfterAsDate ? " as date" : "") + "]";
      case TIMEOUT_AFTER_COMMIT:
        return "Fault[TIMEOUT_AFTER_COMMIT " + minDelay + "]";
      default:
        return "Fault[" + kind + "]";
    }
  }
}
