package io.github.centrasage.sync;

import io.github.centrasage.http.RetrySettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.spi.DiscoverContext;
import io.github.centrasage.sync.spi.JobContext;
import io.github.centrasage.sync.spi.NewJob;
import io.github.centrasage.sync.spi.SyncFlow;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import io.github.centrasage.sync.testing.ScriptedFlow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a newcomer reaches for in the first hour: loud wiring mistakes, run-until-idle, parked jobs in bulk. */
class SyncEngineFirstHourTest {
  private static final String FLOW = "Scripted";
  private final InMemorySyncStateStore store = new InMemorySyncStateStore(Clock.systemUTC());

  @Test
  void runUntilIdleRunsEveryJobIncludingRetriesAndLeavesParkedOnesAlone() {
    AtomicInteger attempts = new AtomicInteger();
    AtomicInteger discovered = new AtomicInteger();
    ScriptedFlow flow = new ScriptedFlow(FLOW).onDiscover(ctx -> ctx.enqueue(discovered.getAndIncrement() > 0 ? List.of() : List.of(
        NewJob.builder().flow(FLOW).key("a").payload("ok").build(),
        NewJob.builder().flow(FLOW).key("b").payload("flaky").build(),
        NewJob.builder().flow(FLOW).key("c").payload("bad").build())))
        .onProcess(ctx -> {
          String payload = ctx.job().payload();
          if (payload.equals("flaky") && attempts.incrementAndGet() < 3) {
            throw JobFailure.transientFailure("Sage answered 503");
          }
          if (payload.equals("bad")) {
            throw JobFailure.permanent("no Sage tax code for 7%");
          }
        });
    SyncEngine engine = SyncEngine.builder().store(store).flow(flow)
        .retryPolicy(SyncEngine.defaultRetrySettings().toBuilder().maxAttempts(5).initialDelay(Duration.ofMillis(1))
            .maxDelay(Duration.ofMillis(2)).jitter(0).build())
        .build();

    List<SyncStatus> statuses = engine.runUntilIdle(Duration.ofSeconds(30));

    SyncStatus status = statuses.get(0);
    assertThat(status.succeeded()).isEqualTo(2);
    assertThat(status.parked()).isEqualTo(1);
    assertThat(status.queued() + status.retrying() + status.running()).isZero();
    assertThat(attempts.get()).isEqualTo(3);
  }

  @Test
  void runUntilIdleGivesUpAtTheTimeoutWhileAJobWaitsForALaterRetry() {
    ScriptedFlow flow = new ScriptedFlow(FLOW).onProcess(ctx -> {
      throw JobFailure.transientFailure("Sage answered 503");
    });
    store.enqueue(NewJob.builder().flow(FLOW).key("a").payload("x").build());
    SyncEngine engine = SyncEngine.builder().store(store).flow(flow)
        .retryPolicy(SyncEngine.defaultRetrySettings().toBuilder().maxAttempts(5).initialDelay(Duration.ofHours(1)).maxDelay(Duration.ofHours(1)).jitter(0).build())
        .build();

    SyncStatus status = engine.runUntilIdle(Duration.ofMillis(50)).get(0);

    assertThat(status.retrying()).isEqualTo(1);
  }

  @Test
  void parkedJobsAreListedAndReplayedInBulkByReason() {
    Map<String, String> reasons = Map.of("1", "no Sage tax code for 7%", "2", "unknown SKU X-1", "3",
        "no Sage tax code for 5%");
    AtomicInteger pass = new AtomicInteger();
    ScriptedFlow flow = new ScriptedFlow(FLOW).onProcess(ctx -> {
      if (pass.get() == 0) {
        throw JobFailure.permanent(reasons.get(ctx.job().payload()));
      }
    });
    reasons.keySet().forEach(k -> store.enqueue(NewJob.builder().flow(FLOW).key("order:" + k).payload(k).build()));
    SyncEngine engine = SyncEngine.builder().store(store).flow(flow).build();
    engine.runOnce(FLOW);
    assertThat(engine.parkedJobs(FLOW, 10)).hasSize(3);

    pass.set(1); // the tax mapping was fixed
    List<Job> replayed = engine.replayParked(FLOW, "TAX CODE");
    engine.runOnce(FLOW);

    assertThat(replayed).extracting(Job::payload).containsExactlyInAnyOrder("1", "3");
    assertThat(engine.parkedJobs(FLOW, 10)).extracting(Job::payload).containsExactly("2");
    assertThat(store.list(FLOW, java.util.EnumSet.of(JobState.SUCCEEDED), 0, 10)).hasSize(2);
    assertThatThrownBy(() -> engine.replayParked("NoSuchFlow", "")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCursorStillAtTheEpochShowsNoLagInsteadOfFiftySevenYears() {
    store.putCursor(FLOW, Instant.EPOCH.toString());
    SyncFlow flow = new SyncFlow() {
      @Override
      public String name() {
        return FLOW;
      }

      @Override
      public void discover(DiscoverContext ctx) {}

      @Override
      public void process(JobContext ctx) {}

      @Override
      public Optional<Instant> cursorTime(String value) {
        return Optional.of(Instant.parse(value));
      }
    };
    SyncEngine engine = SyncEngine.builder().store(store).flow(flow).build();

    assertThat(engine.status(FLOW).cursorLag()).isEmpty();
  }
}
