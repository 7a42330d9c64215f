package io.github.centrasage.sync;

import io.github.centrasage.sync.spi.FailureClassification;
import io.github.centrasage.sync.spi.FailureKind;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An exception a flow throws from {@code process} to tell the engine exactly how to treat the
 * failure, without relying on a classifier.
 *
 * <p>Usage: {@code throw JobFailure.permanent("unknown SKU ABC-M", "no Sage tax code for 25% in SE");}
 */
public final class JobFailure extends SyncException {
  private final FailureClassification classification;

  private JobFailure(FailureClassification classification, Throwable cause) {
    super(classification.message(), cause, classification.kind() != FailureKind.PERMANENT);
    this.classification = classification;
  }

  /** How the engine treats this failure. */
  public FailureClassification classification() {
    return classification;
  }

  /** Back off and try again (connection refused, 5xx on a read). */
  public static JobFailure transientFailure(String message) {
    return new JobFailure(FailureClassification.transientFailure(message, Optional.empty()), null);
  }

  /** Back off at least {@code retryAfter} (a 429 with {@code Retry-After}). */
  public static JobFailure transientFailure(String message, Duration retryAfter) {
    return new JobFailure(FailureClassification.transientFailure(message, Optional.of(retryAfter)), null);
  }

  /** The target record is being edited; retry on the lock schedule, then park for a person. */
  public static JobFailure recordLocked(String message) {
    return new JobFailure(FailureClassification.recordLocked(message), null);
  }

  /** A write may have taken effect; retry, and look up before creating on the next attempt. */
  public static JobFailure ambiguousWrite(String message, Throwable cause) {
    return new JobFailure(FailureClassification.ambiguousWrite(message), cause);
  }

  /** Cannot succeed as it is: park at once with every reason. */
  public static JobFailure permanent(String... reasons) {
    return permanent(List.of(reasons));
  }

  /** Cannot succeed as it is: park at once with every reason. */
  public static JobFailure permanent(List<String> reasons) {
    Objects.requireNonNull(reasons, "reasons");
    return new JobFailure(FailureClassification.permanent(List.copyOf(reasons)), null);
  }
}
