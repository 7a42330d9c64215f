package io.github.centrasage.sync.spi;

/**
 * What a flow's process step gets for one job: the job, which attempt this is, and whether an
 * earlier attempt ended without knowing if its write took effect.
 *
 * <p>Usage: {@code if (ctx.previousAttemptAmbiguous()) { existing = lookUp(ctx.job().key()); }}
 */
public interface JobContext extends SyncContext {
  /** The job as claimed. */
  Job job();

  /** This attempt's number, 1 for the first. */
  default int attempt() {
    return job().attempts();
  }

  /**
   * Whether an earlier attempt may have written to the target without hearing back: the flow
   * must look up before it creates.
   */
  default boolean previousAttemptAmbiguous() {
    return job().ambiguous();
  }

  /**
   * Marks this job failed within a batch (see {@link SyncFlow#processBatch}); the other jobs of
   * the batch still succeed.
   */
  void fail(Throwable failure);
}
