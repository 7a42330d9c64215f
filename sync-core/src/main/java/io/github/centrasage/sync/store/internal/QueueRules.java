package io.github.centrasage.sync.store.internal;

import io.github.centrasage.sync.spi.Coalescing;
import io.github.centrasage.sync.spi.FailureKind;
import io.github.centrasage.sync.spi.JobAttempt;
import io.github.centrasage.sync.spi.JobState;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The job queue's state machine, written once for both stores: the JDBC store turns these rules
 * into SQL ({@link #sql}), the in-memory store applies them to its rows.
 *
 * <ul>
 *   <li>A job is <b>waiting</b> while queued or retrying; <b>pending</b> while waiting or running.
 *   <li>A new job folds into the last job of its flow and key in {@link #foldsInto} its coalescing.
 *   <li>A job is <b>due</b> when it is waiting and its run time has come, or running and its lease has
 *       expired (its worker died). Only the head of a key (its pending job enqueued or replayed
 *       first) is claimed, so a key's jobs run one at a time, in order.
 *   <li>A claim counts an attempt; a retry counts a locked attempt for
 *       {@link FailureKind#RECORD_LOCKED}; a retry or park for {@link FailureKind#AMBIGUOUS_WRITE}
 *       marks the job ambiguous, and only success clears the mark.
 *   <li>Only a parked job is replayed (behind the pending jobs of its key, with a fresh budget); a
 *       parked or waiting job can be discarded.
 * </ul>
 */
public final class QueueRules {
  /** Jobs that wait for a worker. */
  public static final Set<JobState> WAITING = states(JobState.QUEUED, JobState.RETRYING);
  /** Jobs that wait for or hold a worker ({@link JobState#isPending()}). */
  public static final Set<JobState> PENDING = states(JobState.QUEUED, JobState.RETRYING, JobState.RUNNING);
  /** Jobs a person can discard. */
  public static final Set<JobState> DISCARDABLE = states(JobState.PARKED, JobState.QUEUED, JobState.RETRYING);
  /** The one state a replay starts from. */
  public static final JobState REPLAYABLE = JobState.PARKED;

  private static final Set<JobState> FOLD_KEEP_EXISTING = states(JobState.QUEUED, JobState.RETRYING, JobState.PARKED);

  private QueueRules() {}

  private static Set<JobState> states(JobState first, JobState... rest) {
    return Collections.unmodifiableSet(EnumSet.of(first, rest));
  }

  /** The states of an existing job of the key that a new job with {@code coalescing} folds into. */
  public static Set<JobState> foldsInto(Coalescing coalescing) {
    switch (coalescing) {
      case KEEP_EXISTING:
        return FOLD_KEEP_EXISTING;
      case KEEP_NEWEST:
        return WAITING;
      default:
        return Set.of();
    }
  }

  /** Whether folding in replaces the payload and reference of the job folded into. */
  public static boolean replacesPayload(Coalescing coalescing) {
    return coalescing == Coalescing.KEEP_NEWEST;
  }

  /** Whether a job is due for a claim at {@code now} (see the class comment). */
  public static boolean isDue(JobState state, Instant nextRunAt, Instant leaseUntil, Instant now) {
    if (state == JobState.RUNNING) {
      return !leaseUntil.isAfter(now);
    }
    return WAITING.contains(state) && !nextRunAt.isAfter(now);
  }

  /**
   * The history outcome of a retry of {@code kind}.
   *
   * @throws IllegalArgumentException for {@link FailureKind#PERMANENT}, which is parked instead
   */
  public static JobAttempt.Outcome retryOutcome(FailureKind kind) {
    StoreChecks.retryKind(kind);
    return kind == FailureKind.RECORD_LOCKED ? JobAttempt.Outcome.LOCKED : JobAttempt.Outcome.RETRIED;
  }

  /** Whether a retry of {@code kind} counts a locked attempt (not against the transient budget). */
  public static boolean countsLockedAttempt(FailureKind kind) {
    return kind == FailureKind.RECORD_LOCKED;
  }

  /** Whether a retry or park of {@code kind} marks the job ambiguous (look up before creating). */
  public static boolean marksAmbiguous(FailureKind kind) {
    return kind == FailureKind.AMBIGUOUS_WRITE;
  }

  /** {@code states} as a SQL list, such as {@code ('QUEUED', 'RETRYING')}. */
  public static String sql(Set<JobState> states) {
    return states.stream().sorted().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));
  }
}
