package io.github.centrasage.sync.spi;

/**
 * Where a job is in its life. {@code QUEUED}, {@code RETRYING} and {@code RUNNING} are pending;
 * {@code SUCCEEDED}, {@code PARKED} and {@code DISCARDED} are settled, and only a person (or the
 * API) moves a parked job on, with {@code replay} or {@code discard}.
 *
 * <p>Usage: {@code store.count("OrderImport").get(JobState.PARKED)}.
 */
public enum JobState {
  /** Waiting to run for the first time (or again after a replay). */
  QUEUED,
  /** Claimed by a worker that holds its lease. */
  RUNNING,
  /** Failed, scheduled to run again at its next run time. */
  RETRYING,
  /** Done. */
  SUCCEEDED,
  /** Stopped for a person to look at: keeps payload, reasons and history. */
  PARKED,
  /** Given up on by a person; kept for the record. */
  DISCARDED;

  /** Whether a job in this state still waits for (or holds) a worker. */
  public boolean isPending() {
    return this == QUEUED || this == RUNNING || this == RETRYING;
  }
}
