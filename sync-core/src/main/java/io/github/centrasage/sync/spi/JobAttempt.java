package io.github.centrasage.sync.spi;

import io.github.centrasage.sync.spi.internal.SyncStyle;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One row of a job's history: an attempt and how it ended, or a person's replay / discard.
 *
 * <p>Usage: {@code store.history(jobId).forEach(a -> log.info("{} {}", a.outcome(), a.error()))}.
 */
@Value.Immutable
@SyncStyle
public abstract class JobAttempt {
  /** How an attempt (or an action on the job) ended. */
  public enum Outcome {
    /** The flow finished the job. */
    SUCCEEDED,
    /** A transient failure; the job was scheduled again. */
    RETRIED,
    /** The target record was locked; the job was scheduled on the lock schedule. */
    LOCKED,
    /** The job was parked for a person. */
    PARKED,
    /** A person put a parked job back in the queue. */
    REPLAYED,
    /** A person gave up on the job. */
    DISCARDED
  }

  /** The job. */
  public abstract long jobId();

  /** The attempt number the row belongs to (the job's attempts at the time). */
  public abstract int attempt();

  /** When it happened, on the store's clock. */
  public abstract Instant at();

  /** How it ended. */
  public abstract Outcome outcome();

  /** The error or note, if any. */
  public abstract Optional<String> error();

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link JobAttempt}. */
  public static final class Builder extends ImmutableJobAttempt.Builder {
    Builder() {}
  }
}
