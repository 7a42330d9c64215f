package io.github.centrasage.sync;

import io.github.centrasage.sync.spi.FailureClassification;
import io.github.centrasage.sync.spi.Job;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Receives the engine's events, for metrics, alerts or audit. Every method has a no-op default;
 * an exception thrown by a listener is logged and never affects the job.
 *
 * <p>Usage: {@code SyncEngine.builder().listener(new SyncListener() { public void jobParked(Job job, List<String> reasons) { alert(job); } })}.
 */
public interface SyncListener {
  /** A discover step enqueued a job (or folded new work into a waiting one). */
  default void jobEnqueued(Job job) {}

  /**
   * A worker claimed the job and is about to run it; one of {@link #jobSucceeded}, {@link #jobRetried}
   * or {@link #jobParked} follows (unless the worker loses its lease), so the pair times an attempt.
   */
  default void jobStarted(Job job) {}

  /** A job completed. */
  default void jobSucceeded(Job job) {}

  /** A job failed and was scheduled to run again at {@code runAt}. */
  default void jobRetried(Job job, FailureClassification failure, Instant runAt) {}

  /** A job was parked for a person. */
  default void jobParked(Job job, List<String> reasons) {}

  /** A parked job was put back in the queue. */
  default void jobReplayed(Job job) {}

  /** A job was discarded. */
  default void jobDiscarded(Job job) {}

  /** A flow cycle (discover, then process due jobs) began. */
  default void flowCycleStarted(String flow) {}

  /** A flow cycle ended; {@code error} is what stopped its discover step, if anything did. */
  default void flowCycleFinished(String flow, Optional<Throwable> error) {}
}
