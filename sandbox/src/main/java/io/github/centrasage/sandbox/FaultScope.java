package io.github.centrasage.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * Which requests an injected {@link Fault} strikes: the next N calls, every call, or every call
 * for a while (measured on the sandbox clock), optionally only for one operation.
 *
 * <p>Operation names are what {@code requestCount} reports: for Centra the GraphQL root field
 * ({@code "createShipment"}), for Sage the method and path pattern ({@code "POST /sop_orders"},
 * {@code "PUT /sop_orders/{id}"}).
 *
 * <pre>{@code FaultScope.nextCalls(2).on("setStock")}</pre>
 */
public final class FaultScope {
  private final int calls;
  private final Duration duration;
  private final String operation;

  private FaultScope(int calls, Duration duration, String operation) {
    this.calls = calls;
    this.duration = duration;
    this.operation = operation;
  }

  /** The next {@code n} matching calls. */
  public static FaultScope nextCalls(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, was " + n);
    }
    return new FaultScope(n, null, null);
  }

  /** Every matching call until the fault is removed. */
  public static FaultScope always() {
    return new FaultScope(-1, null, null);
  }

  /** Every matching call until the sandbox clock has moved {@code duration} past the injection. */
  public static FaultScope forDuration(Duration duration) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration must be positive, was " + duration);
    }
    return new FaultScope(-1, duration, null);
  }

  /** The same scope, restricted to one operation. */
  public FaultScope on(String operation) {
    if (operation == null || operation.isBlank()) {
      throw new IllegalArgumentException("operation must not be blank");
    }
    return new FaultScope(calls, duration, operation);
  }

  /** How many calls the fault strikes, -1 for unlimited. */
  public int calls() {
    return calls;
  }

  /** How long the fault lasts on the sandbox clock; null for no time limit. */
  public Duration duration() {
    return duration;
  }

  /** The only operation struck; null for every operation. */
  public String operation() {
    return operation;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FaultScope)) {
      return false;
    }
    FaultScope s = (FaultScope) o;
    return calls == s.calls && Objects.equals(duration, s.duration) && Objects.equals(operation, s.operation);
  }

  @Override
  public int hashCode() {
    return Objects.hash(calls, duration, operation);
  }

  @Override
  public String toString() {
    return "FaultScope[calls=" + (calls < 0 ? "unlimited" : calls) + ", duration=" + duration
        + ", operation=" + (operation == null ? "any" : operation) + "]";
  }
}
