package io.github.centrasage.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobAttempt;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.store.JdbcSyncStateStore;
import io.github.centrasage.sync.testing.ScriptedFlow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine on the embedded H2 store: database time for due times, state that outlives the engine. */
class SyncEngineOnJdbcTest {
  @TempDir Path dir;

  @Test
  void aParkedJobSurvivesARestartAndIsReplayedByTheNextEngine() {
    AtomicInteger runs = new AtomicInteger();
    ScriptedFlow flow = new ScriptedFlow("OrderImport")
        .onDiscover(ctx -> {
          if (ctx.cursor().isEmpty()) {
            ctx.enqueue(List.of(ctx.newJob("order:1").payload("{\"n\":1}").reference("1").build()), "c1");
          }
        })
        .onProcess(ctx -> {
          if (runs.incrementAndGet() == 1) {
            throw JobFailure.permanent("unknown SKU ABC-M");
          }
        });
    Path file = dir.resolve("sync");

    try (JdbcSyncStateStore store = JdbcSyncStateStore.embeddedH2(file);
        SyncEngine engine = SyncEngine.builder().store(store).flow(flow).build()) {
      SyncStatus status = engine.runOnce("OrderImport");
      assertThat(status.parked()).isEqualTo(1);
    }

    try (JdbcSyncStateStore store = JdbcSyncStateStore.embeddedH2(file);
        SyncEngine engine = SyncEngine.builder().store(store).flow(flow).build()) {
      Job parked = store.list("OrderImport", Set.of(JobState.PARKED), 0, 10).get(0);
      assertThat(parked.parkReasons()).containsExactly("unknown SKU ABC-M");
      engine.replay(parked.id());
      SyncStatus status = engine.runOnce("OrderImport");

      assertThat(status.succeeded()).isEqualTo(1);
      assertThat(status.cursorLag()).isPresent();
      assertThat(flow.discoverRuns).as("the cursor kept discover from enqueueing again").isEqualTo(2);
      assertThat(store.history(parked.id())).extracting(JobAttempt::outcome).containsExactly(
          JobAttempt.Outcome.PARKED, JobAttempt.Outcome.REPLAYED, JobAttempt.Outcome.SUCCEEDED);
    }
  }

  @Test
  void aRetryIsScheduledOnDatabaseTime() {
    ScriptedFlow flow = new ScriptedFlow("OrderImport").onProcess(ctx -> {
      throw JobFailure.transientFailure("503", Duration.ofHours(1));
    });
    try (JdbcSyncStateStore store = JdbcSyncStateStore.embeddedH2(dir.resolve("retry"));
        SyncEngine engine = SyncEngine.builder().store(store).flow(flow).build()) {
      Job job = store.enqueue(io.github.centrasage.sync.spi.NewJob.builder().flow("OrderImport").key("order:1").build());

      engine.runOnce("OrderImport");
      engine.runOnce("OrderImport");

      Job retrying = store.job(job.id()).orElseThrow();
      assertThat(retrying.state()).isEqualTo(JobState.RETRYING);
      assertThat(retrying.attempts()).isEqualTo(1);
      assertThat(Duration.between(store.now(), retrying.nextRunAt())).isBetween(Duration.ofMinutes(59), Duration.ofHours(1));
    }
  }
}
