package io.github.centrasage.sync.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The durable job queue. Jobs of one flow and identity key never run at the same time and run in
 * the order they were enqueued; waiting jobs of a key coalesce as {@link Coalescing} says (a
 * {@link Coalescing#KEEP_EXISTING} job also folds into a parked job of its key). Every
 * state change that ends an attempt is written with a history row in the same transaction.
 * Methods taking an {@code owner} act only while that owner holds the job's lease and return
 * {@code false} otherwise (the lease expired and another worker took the job).
 *
 * <p>Usage: {@code for (Job job : store.claim("OrderImport", workerId, 10, Duration.ofMinutes(5))) { ...; store.complete(job.id(), workerId); }}
 */
public interface JobQueue {
  /**
   * Enqueues jobs and, if given, moves a cursor, all in one transaction.
   *
   * @return the resulting job per input, in input order (a coalesced input returns the job it folded into)
   */
  List<Job> enqueue(Collection<NewJob> jobs, Optional<CursorMove> cursor);

  /** Enqueues one job. */
  default Job enqueue(NewJob job) {
    return enqueue(List.of(job), Optional.empty()).get(0);
  }

  /**
   * Claims up to {@code limit} due jobs of a flow for {@code owner}: queued or retrying jobs whose
   * next run time has come, and running jobs whose lease expired (their worker died). A job is
   * only claimed when no other job of its key is running and no earlier job of its key is
   * pending. Each claim counts an attempt.
   */
  List<Job> claim(String flow, String owner, int limit, Duration lease);

  /** Extends the lease of a running job the owner holds. */
  boolean extendLease(long jobId, String owner, Duration lease);

  /** Marks a running job succeeded. */
  boolean complete(long jobId, String owner);

  /**
   * Schedules a running job to run again at {@code runAt}. {@link FailureKind#RECORD_LOCKED}
   * counts a locked attempt (not against the transient budget); {@link FailureKind#AMBIGUOUS_WRITE}
   * marks the job ambiguous until it succeeds, so the next attempt looks up before it creates.
   *
   * @throws IllegalArgumentException for {@link FailureKind#PERMANENT}: park instead
   */
  boolean retry(long jobId, String owner, Instant runAt, FailureKind kind, String error);

  /**
   * Parks a running job with the reasons a person needs to fix it. {@code kind}
   * {@link FailureKind#AMBIGUOUS_WRITE} marks the job ambiguous, so a replay looks up first.
   */
  boolean park(long jobId, String owner, FailureKind kind, List<String> reasons, String error);

  /**
   * Puts a parked job back in the queue behind the pending jobs of its key, due now, with a fresh
   * retry budget. Payload, history and the ambiguous mark are kept.
   *
   * @return the replayed job, or empty if there is no parked job with that id
   */
  Optional<Job> replay(long jobId);

  /**
   * Gives up on a parked, queued or retrying job; it is kept as {@code DISCARDED} with the note.
   *
   * @return the discarded job, or empty if there is no such job in one of those states
   */
  Optional<Job> discard(long jobId, String note);

  /** A job by id. */
  Optional<Job> job(long jobId);

  /** Jobs of a flow in the given states (all states if empty), oldest first. */
  List<Job> list(String flow, Set<JobState> states, int offset, int limit);

  /** How many jobs of a flow are in each state (every state is present, zero if none). */
  Map<JobState, Long> count(String flow);

  /** Creation time of the oldest pending (queued, running, retrying) job of a flow. */
  Optional<Instant> oldestPendingSince(String flow);

  /**
   * Jobs of any flow whose key or reference contains {@code text} (as typed, case-sensitive),
   * newest first: how a person finds everything that happened to one order or SKU.
   *
   * @throws IllegalArgumentException if {@code text} is blank or {@code limit} is not positive
   */
  List<Job> search(String text, int limit);

  /** A job's attempt history, oldest first. */
  List<JobAttempt> history(long jobId);
}
