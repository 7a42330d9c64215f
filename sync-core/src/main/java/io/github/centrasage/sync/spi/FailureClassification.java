package io.github.centrasage.sync.spi;

import io.github.centrasage.sync.spi.internal.SyncStyle;
import io.github.centrasage.sync.spi.FailureKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * How the engine should treat a failure: its {@link FailureKind}, a retry-after the server asked
 * for, and for permanent failures the reasons a person needs to fix it.
 *
 * <p>Usage: {@code FailureClassification.permanent(List.of("unknown SKU ABC-M"))}.
 */
@Value.Immutable
@SyncStyle
public abstract class FailureClassification {
  /** The kind. */
  public abstract FailureKind kind();

  /** What happened, for logs and the job's last error. */
  public abstract String message();

  /** How long the server asked us to wait (HTTP {@code Retry-After}), if it did. */
  public abstract Optional<Duration> retryAfter();

  /** Why the job cannot succeed as it is (for {@link FailureKind#PERMANENT}). */
  public abstract List<String> reasons();

  /** A transient failure. */
  public static FailureClassification transientFailure(String message, Optional<Duration> retryAfter) {
    return ImmutableFailureClassification.builder().kind(FailureKind.TRANSIENT).message(message).retryAfter(retryAfter).build();
  }

  /** The target record is locked. */
  public static FailureClassification recordLocked(String message) {
    return ImmutableFailureClassification.builder().kind(FailureKind.RECORD_LOCKED).message(message).build();
  }

  /**
   * The target is locked or held by someone else; {@code reasons} say by whom and what to do (the
   * park reason names them when the lock schedule runs out).
   */
  public static FailureClassification recordLocked(String message, List<String> reasons) {
    return ImmutableFailureClassification.builder().kind(FailureKind.RECORD_LOCKED).message(message)
        .addAllReasons(reasons).build();
  }

  /** A write whose effect is unknown. */
  public static FailureClassification ambiguousWrite(String message) {
    return ImmutableFailureClassification.builder().kind(FailureKind.AMBIGUOUS_WRITE).message(message).build();
  }

  /** A failure that retrying cannot fix, with every reason found. */
  public static FailureClassification permanent(List<String> reasons) {
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("a permanent failure needs at least one reason");
    }
    return ImmutableFailureClassification.builder()
        .kind(FailureKind.PERMANENT)
        .message(String.join("; ", reasons))
        .reasons(reasons)
        .build();
  }
}
