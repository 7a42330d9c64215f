package io.github.centrasage.sync.spi;

import io.github.centrasage.sync.spi.internal.SyncStyle;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A job as the store holds it: identity, payload, state and the bookkeeping the engine needs to
 * retry, park and show it.
 *
 * <p>Usage: {@code store.claim("OrderImport", "worker-1", 10, Duration.ofMinutes(5)).forEach(job -> ...)}.
 */
@Value.Immutable
@SyncStyle
public abstract class Job {
  /** The store's id of the job. */
  public abstract long id();

  /** The flow that processes this job. */
  public abstract String flow();

  /** The identity key. */
  public abstract String key();

  /** The payload, as the flow serialised it. */
  public abstract String payload();

  /** The reference a person recognises. */
  public abstract String reference();

  /** Current state. */
  public abstract JobState state();

  /** How many times a worker claimed the job (including the current run, when running). */
  public abstract int attempts();

  /** How many of those attempts ended with the target record locked; they do not count against the retry budget. */
  public abstract int lockedAttempts();

  /** Whether an earlier attempt ended without knowing if its write took effect: the next one must look up first. */
  public abstract boolean ambiguous();

  /** When the job is (or was) due. */
  public abstract Instant nextRunAt();

  /** When the job was first enqueued. */
  public abstract Instant createdAt();

  /** When the job last changed. */
  public abstract Instant updatedAt();

  /** The last error, if any attempt failed. */
  public abstract Optional<String> lastError();

  /** Why the job is parked (empty unless parked). */
  public abstract List<String> parkReasons();

  /** The worker that holds the lease, while running. */
  public abstract Optional<String> leaseOwner();

  /** Until when that worker holds the lease. */
  public abstract Optional<Instant> leaseUntil();

  /** Attempts that counted against the transient retry budget. */
  @Value.Derived
  @Value.Auxiliary
  public int transientAttempts() {
    return attempts() - lockedAttempts();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Job}. */
  public static final class Builder extends ImmutableJob.Builder {
    Builder() {}
  }
}
