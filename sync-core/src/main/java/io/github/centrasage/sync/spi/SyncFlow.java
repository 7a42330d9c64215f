package io.github.centrasage.sync.spi;

import io.github.centrasage.http.RetrySettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One direction of sync (order import, stock publish…), as two steps the engine runs: discover
 * finds changed entities and enqueues one job each; process handles one job (or a batch). A flow
 * throws to fail a job; {@link io.github.centrasage.sync.JobFailure} says exactly how.
 *
 * <p>A flow takes what it talks to (clients, settings) in its constructor; the engine knows only
 * this interface. A minimal flow:
 * <pre>{@code
 * final class PingFlow implements SyncFlow {
 *   private final MyClient client;
 *   PingFlow(MyClient client) { this.client = client; }
 *   public String name() { return "Ping"; }
 *   public void discover(DiscoverContext ctx) {
 *     ctx.enqueue(List.of(ctx.newJob("ping:" + ctx.clock().instant()).build()));
 *   }
 *   public void process(JobContext ctx) throws IOException { client.ping(ctx.job().key()); }
 * }
 * SyncEngine.builder().store(store).flow(new PingFlow(client)).build();
 * }</pre>
 */
public interface SyncFlow {
  /** A unique, stable name; jobs and the cursor are stored under it. */
  String name();

  /**
   * Reads what changed since the cursor and enqueues it. Runs on one engine instance at a time
   * (a store lease). Must not move the cursor past work it did not enqueue.
   */
  void discover(DiscoverContext context) throws Exception;

  /** Processes one job; returning normally completes it. */
  void process(JobContext context) throws Exception;

  /** How many due jobs {@link #processBatch} may get at once; 1 (the default) means one by one. */
  default int batchSize() {
    return 1;
  }

  /**
   * Processes several jobs at once (one {@code setStock} for many SKUs). Mark single failures with
   * {@link JobContext#fail}; throwing fails every job not marked. The default runs
   * {@link #process} for each job.
   */
  default void processBatch(List<JobContext> batch) throws Exception {
    for (JobContext job : batch) {
      try {
        process(job);
      } catch (Exception e) {
        job.fail(e);
      }
    }
  }

  /** How often discover runs when the engine is started; empty takes the engine's default. */
  default Optional<Duration> discoverInterval() {
    return Optional.empty();
  }

  /**
   * This flow's schedule while its target record is locked (a failure classified
   * {@link FailureKind#RECORD_LOCKED}), including the number of locked attempts before the job is
   * parked; empty takes the engine's {@code lockRetryPolicy}.
   */
  default Optional<RetrySettings> lockRetryPolicy() {
    return Optional.empty();
  }

  /**
   * How this flow's own failures are classified (its clients' exceptions), asked after the
   * classifiers given to the engine's builder and before the engine's built-in rules; empty by
   * default.
   */
  default Optional<FailureClassifier> failureClassifier() {
    return Optional.empty();
  }

  /**
   * Things a person should look at that stopped no job, such as an imported order whose Sage
   * total differs from Centra's; shown in {@link io.github.centrasage.sync.SyncStatus#notices()}.
   * Keep it cheap: it runs on every status read.
   */
  default List<String> notices(SyncContext context) {
    return List.of();
  }

  /**
   * How many entities this flow has finished, when one entity can take several jobs: OrderImport
   * counts orders imported, while every poll overlap, update event or recheck of an order is a job
   * of its own. Shown as {@link io.github.centrasage.sync.SyncStatus#entitiesDone()}; empty (the default)
   * means one job per entity, so done is the number of succeeded jobs. Keep it cheap: it runs on
   * every status read.
   */
  default OptionalLong entitiesDone(SyncContext context) {
    return OptionalLong.empty();
  }

  /**
   * Problems with this flow's configuration (such as mappings it needs but lacks), one sentence
   * each; the engine refuses to build while any flow has one. Empty by default.
   */
  default List<String> problems() {
    return List.of();
  }

  /**
   * The source time a cursor value stands for, if it is one, so the status can show how far
   * behind the flow is; empty shows the time since the cursor last moved instead.
   */
  default Optional<Instant> cursorTime(String cursorValue) {
    return Optional.empty();
  }
}
