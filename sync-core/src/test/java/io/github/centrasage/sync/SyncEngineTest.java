package io.github.centrasage.sync;

import io.github.centrasage.http.RetrySettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.centrasage.sync.spi.FailureClassification;
import io.github.centrasage.sync.spi.JobAttempt;
import io.github.centrasage.sync.spi.FailureKind;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobContext;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.spi.NewJob;
import io.github.centrasage.sync.spi.SyncFlow;
import io.github.centrasage.sync.spi.DiscoverContext;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import io.github.centrasage.sync.testing.RecordingListener;
import io.github.centrasage.sync.testing.ScriptedFlow;
import io.github.centrasage.sync.testing.SettableClock;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class SyncEngineTest {
  private static final String FLOW = "OrderImport";
  private final SettableClock clock = new SettableClock();
  private final InMemorySyncStateStore store = new InMemorySyncStateStore(clock);
  private final RecordingListener listener = new RecordingListener();
  private final ScriptedFlow flow = new ScriptedFlow(FLOW);

  private SyncEngine.Builder engine() {
    return SyncEngine.builder()
        .store(store)
        .clock(clock)
        .flow(flow)
        .listener(listener)
        .retryPolicy(SyncEngine.defaultRetrySettings().toBuilder().maxAttempts(3).initialDelay(Duration.ofSeconds(10)).multiplier(2)
            .maxDelay(Duration.ofMinutes(10)).jitter(0).build())
        .lockRetryPolicy(SyncEngine.defaultRetrySettings().toBuilder().maxAttempts(3).initialDelay(Duration.ofSeconds(30)).multiplier(1)
            .maxDelay(Duration.ofSeconds(30)).jitter(0).build());
  }

  private Job enqueue(String key, String payload) {
    return store.enqueue(NewJob.builder().flow(FLOW).key(key).payload(payload).build());
  }

  private Job job(Job j) {
    return store.job(j.id()).orElseThrow();
  }

  @Test
  void transientFailuresRetryOnTheBackoffScheduleAndParkWhenTheBudgetIsSpent() {
    flow.onProcess(ctx -> {
      throw JobFailure.transientFailure("Sage answered 503");
    });
    Job j = enqueue("order:1", "p");
    SyncEngine e = engine().build();
    Instant t0 = clock.instant();

    e.runOnce(FLOW);
    assertThat(job(j).state()).isEqualTo(JobState.RETRYING);
    assertThat(job(j).nextRunAt()).isEqualTo(t0.plusSeconds(10));

    e.runOnce(FLOW);
    assertThat(job(j).attempts()).as("not due yet").isEqualTo(1);

    clock.advance(Duration.ofSeconds(10));
    e.runOnce(FLOW);
    assertThat(job(j).nextRunAt()).isEqualTo(t0.plusSeconds(10 + 20));

    clock.advance(Duration.ofSeconds(20));
    e.runOnce(FLOW);
    Job parked = job(j);
    assertThat(parked.state()).isEqualTo(JobState.PARKED);
    assertThat(parked.attempts()).isEqualTo(3);
    assertThat(parked.parkReasons()).singleElement().asString().contains("Gave up after 3 attempts", "503");
    assertThat(parked.payload()).isEqualTo("p");
    assertThat(store.history(j.id())).extracting(JobAttempt::outcome)
        .containsExactly(JobAttempt.Outcome.RETRIED, JobAttempt.Outcome.RETRIED, JobAttempt.Outcome.PARKED);
    assertThat(listener.events).containsSubsequence(
        "retried order:1 TRANSIENT", "retried order:1 TRANSIENT", "parked order:1");
  }

  @Test
  void aRetryAfterLongerThanTheBackoffIsHonoured() {
    flow.onProcess(ctx -> {
      throw JobFailure.transientFailure("429 Too Many Requests", Duration.ofMinutes(2));
    });
    Job j = enqueue("order:1", "p");

    engine().build().runOnce(FLOW);

    assertThat(job(j).nextRunAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
  }

  @Test
  void recordLockedRetriesOnItsOwnScheduleWithoutSpendingTheTransientBudget() {
    AtomicInteger attempt = new AtomicInteger();
    flow.onProcess(ctx -> {
      switch (attempt.incrementAndGet()) {
        case 1:
        case 2:
          throw JobFailure.recordLocked("Sales order 5501 is in use by another user");
        case 3:
        case 4:
          throw JobFailure.transientFailure("504 from the on-premise tunnel");
        default:
          // succeeds
      }
    });
    Job j = enqueue("despatch:5501", "p");
    SyncEngine e = engine().build();

    e.runOnce(FLOW);
    assertThat(job(j).nextRunAt()).isEqualTo(clock.instant().plusSeconds(30));
    for (int i = 0; i < 6; i++) {
      clock.advance(Duration.ofMinutes(1));
      e.runOnce(FLOW);
    }

    Job done = job(j);
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.attempts()).as("2 locked + 2 transient failures with a budget of 3 transient attempts").isEqualTo(5);
    assertThat(done.lockedAttempts()).isEqualTo(2);
    assertThat(store.history(j.id())).extracting(JobAttempt::outcome).containsExactly(
        JobAttempt.Outcome.LOCKED, JobAttempt.Outcome.LOCKED, JobAttempt.Outcome.RETRIED, JobAttempt.Outcome.RETRIED,
        JobAttempt.Outcome.SUCCEEDED);
  }

  @Test
  void aFlowsOwnLockScheduleTakesPrecedenceOverTheEngines() {
    flow.withLockRetryPolicy(SyncEngine.defaultRetrySettings().toBuilder().maxAttempts(2).initialDelay(Duration.ofSeconds(5)).multiplier(1)
        .maxDelay(Duration.ofSeconds(5)).jitter(0).build());
    flow.onProcess(ctx -> {
      throw JobFailure.recordLocked("record is being edited");
    });
    Job j = enqueue("despatch:5502", "p");
    SyncEngine e = engine().build();

    e.runOnce(FLOW);
    assertThat(Duration.between(clock.instant(), job(j).nextRunAt())).isEqualTo(Duration.ofSeconds(5));
    clock.advance(Duration.ofSeconds(5));
    e.runOnce(FLOW);

    assertThat(job(j).state()).isEqualTo(JobState.PARKED);
    assertThat(job(j).parkReasons()).singleElement().asString().contains("stayed locked for 2 attempts");
  }

  @Test
  void aRecordThatStaysLockedIsParkedForAPerson() {
    flow.onProcess(ctx -> {
      throw JobFailure.recordLocked("record is being edited");
    });
    Job j = enqueue("despatch:5501", "p");
    SyncEngine e = engine().build();

    for (int i = 0; i < 3; i++) {
      e.runOnce(FLOW);
      clock.advance(Duration.ofSeconds(30));
    }

    Job parked = job(j);
    assertThat(parked.state()).isEqualTo(JobState.PARKED);
    assertThat(parked.parkReasons()).singleElement().asString().contains("stayed locked for 3 attempts", "replay");
    assertThat(listener.events).containsSubsequence(
        "retried despatch:5501 RECORD_LOCKED", "retried despatch:5501 RECORD_LOCKED", "parked despatch:5501");
  }

  @Test
  void afterAnAmbiguousFailureTheNextAttemptIsToldToLookUpFirst() {
    List<String> seen = new CopyOnWriteArrayList<>();
    flow.onProcess(ctx -> {
      seen.add(ctx.attempt() + ":" + ctx.previousAttemptAmbiguous());
      if (ctx.attempt() == 1) {
        throw new SocketTimeoutException("read timed out after POST /sop_orders");
      }
    });
    Job j = enqueue("order:1", "p");
    SyncEngine e = engine().build();

    e.runOnce(FLOW);
    clock.advance(Duration.ofSeconds(10));
    e.runOnce(FLOW);

    assertThat(seen).containsExactly("1:false", "2:true");
    assertThat(job(j).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(job(j).ambiguous()).isFalse();
    assertThat(listener.events).contains("retried order:1 AMBIGUOUS_WRITE");
  }

  @Test
  void aPermanentFailureParksAtOnceWithEveryReasonAndAReplayRunsTheJobAgain() {
    AtomicInteger runs = new AtomicInteger();
    flow.onProcess(ctx -> {
      if (runs.incrementAndGet() == 1) {
        throw JobFailure.permanent("unknown SKU ABC-M", "no Sage tax code for 25% in SE");
      }
    });
    Job j = enqueue("order:1", "{\"order\":1}");
    SyncEngine e = engine().build();

    e.runOnce(FLOW);
    Job parked = job(j);
    assertThat(parked.state()).isEqualTo(JobState.PARKED);
    assertThat(parked.attempts()).isEqualTo(1);
    assertThat(parked.parkReasons()).containsExactly("unknown SKU ABC-M", "no Sage tax code for 25% in SE");
    e.runOnce(FLOW);
    assertThat(runs).as("parked jobs do not run").hasValue(1);

    assertThat(e.replay(j.id())).isPresent();
    e.runOnce(FLOW);

    assertThat(job(j).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(flow.processedPayloads).containsExactly("{\"order\":1}", "{\"order\":1}");
    assertThat(listener.events).containsSubsequence("parked order:1", "replayed order:1", "succeeded order:1");
    assertThat(e.replay(j.id())).as("only parked jobs replay").isEmpty();
  }

  @Test
  void discardKeepsTheJobOutOfTheQueueAndTellsTheListener() {
    flow.onProcess(ctx -> {
      throw JobFailure.permanent("order was cancelled in Centra");
    });
    Job j = enqueue("order:1", "p");
    SyncEngine e = engine().build();
    e.runOnce(FLOW);

    assertThat(e.discard(j.id(), "cancelled; nothing to import")).isPresent();

    assertThat(job(j).state()).isEqualTo(JobState.DISCARDED);
    assertThat(listener.events).contains("discarded order:1");
  }

  @Test
  void discoverEnqueuesWithTheCursorAndRepeatedChangesOfAKeyCoalesceIntoOneRunWithTheNewestValue() {
    flow.onDiscover(ctx -> {
      String since = ctx.cursor().orElse("0");
      ctx.enqueue(List.of(
          ctx.newJob("sku:A@WH1").payload("5").build(),
          ctx.newJob("sku:B@WH1").payload("1").build(),
          ctx.newJob("sku:A@WH1").payload("7").build()), since + "+1");
    });

    SyncStatus status = engine().build().runOnce(FLOW);

    assertThat(flow.processedPayloads).containsExactlyInAnyOrder("7", "1");
    assertThat(store.cursor(FLOW).orElseThrow().value()).isEqualTo("0+1");
    assertThat(status.succeeded()).isEqualTo(2);
    assertThat(listener.events).containsSubsequence("cycle started OrderImport", "enqueued sku:A@WH1",
        "enqueued sku:B@WH1", "enqueued sku:A@WH1", "succeeded sku:A@WH1", "succeeded sku:B@WH1",
        "cycle finished OrderImport");
  }

  @Test
  void discoverIsSkippedWhileAnotherInstanceHoldsTheFlowLeaseButQueuedJobsStillRun() {
    store.tryAcquireLease("discover:" + FLOW, "other-instance", Duration.ofMinutes(5));
    enqueue("order:1", "p");

    engine().build().runOnce(FLOW);

    assertThat(flow.discoverRuns).isZero();
    assertThat(flow.processedPayloads).containsExactly("p");
  }

  @Test
  void aFailingDiscoverIsReportedWithoutMovingTheCursor() {
    flow.onDiscover(ctx -> {
      throw new IOException("Centra unreachable");
    });

    SyncStatus status = engine().build().runOnce(FLOW);

    assertThat(status.lastError()).hasValueSatisfying(err -> assertThat(err).contains("Centra unreachable"));
    assertThat(store.cursor(FLOW)).isEmpty();
    assertThat(listener.events).contains("cycle finished OrderImport with error");
    assertThat(store.leaseHolder("discover:" + FLOW)).as("lease released").isEmpty();
  }

  @Test
  void statusShowsCountsCursorLagOldestJobAgeAndRunTimes() {
    flow.onProcess(ctx -> {
      if (ctx.job().key().equals("order:2")) {
        throw JobFailure.permanent("unmapped tax rate");
      }
      if (ctx.job().key().equals("order:3")) {
        throw JobFailure.transientFailure("503");
      }
    });
    store.putCursor(FLOW, "c");
    enqueue("order:1", "p");
    enqueue("order:2", "p");
    enqueue("order:3", "p");
    clock.advance(Duration.ofMinutes(3));
    SyncEngine e = engine().build();

    e.runOnce(FLOW);
    enqueue("order:4", "p");
    clock.advance(Duration.ofSeconds(1));
    SyncStatus s = e.status(FLOW);

    assertThat(s.flow()).isEqualTo(FLOW);
    assertThat(s.succeeded()).isEqualTo(1);
    assertThat(s.parked()).isEqualTo(1);
    assertThat(s.retrying()).isEqualTo(1);
    assertThat(s.queued()).isEqualTo(1);
    assertThat(s.running()).isZero();
    assertThat(s.cursorLag()).contains(Duration.ofMinutes(3).plusSeconds(1));
    assertThat(s.oldestJobAge()).contains(Duration.ofMinutes(3).plusSeconds(1));
    assertThat(s.lastRunStartedAt()).contains(clock.instant().minusSeconds(1));
    assertThat(s.lastError()).isPresent();
    assertThat(e.status()).extracting(SyncStatus::flow).containsExactly(FLOW);
  }

  @Test
  void jobsRunWithFlowAndJobKeyInTheMdc() {
    List<String> mdc = new CopyOnWriteArrayList<>();
    flow.onProcess(ctx -> mdc.add(MDC.get("flow") + "/" + MDC.get("jobKey")));
    enqueue("order:1", "p");

    engine().build().runOnce(FLOW);

    assertThat(mdc).containsExactly("OrderImport/order:1");
    assertThat(MDC.get("flow")).isNull();
  }

  @Test
  void aBatchFlowCompletesTheJobsItDidNotMarkFailed() {
    SyncFlow batchFlow = new SyncFlow() {
      @Override
      public String name() {
        return "StockPublish";
      }

      @Override
      public void discover(DiscoverContext context) {}

      @Override
      public void process(JobContext context) {
        throw new AssertionError("batch flows get processBatch");
      }

      @Override
      public int batchSize() {
        return 10;
      }

      @Override
      public void processBatch(List<JobContext> batch) {
        assertThat(batch).hasSize(3);
        batch.stream().filter(c -> c.job().key().equals("sku:B")).forEach(c -> c.fail(JobFailure.permanent("unknown SKU B")));
      }
    };
    List<Job> jobs = new ArrayList<>();
    for (String k : List.of("sku:A", "sku:B", "sku:C")) {
      jobs.add(store.enqueue(NewJob.builder().flow("StockPublish").key(k).build()));
    }

    SyncEngine.builder().store(store).clock(clock).flow(batchFlow).build().runOnce("StockPublish");

    assertThat(jobs).extracting(j -> job(j).state())
        .containsExactly(JobState.SUCCEEDED, JobState.PARKED, JobState.SUCCEEDED);
  }

  @Test
  void aPluggedClassifierDecidesBeforeTheDefaults() {
    class SageLockedException extends RuntimeException {}
    flow.onProcess(ctx -> {
      throw new SageLockedException();
    });
    Job j = enqueue("despatch:1", "p");

    engine()
        .classifier(t -> t instanceof SageLockedException
            ? Optional.of(FailureClassification.recordLocked("locked"))
            : Optional.empty())
        .build()
        .runOnce(FLOW);

    assertThat(job(j).lockedAttempts()).isEqualTo(1);
    assertThat(store.history(j.id())).extracting(JobAttempt::outcome).containsExactly(JobAttempt.Outcome.LOCKED);
  }

  @Test
  void aThrowingListenerDoesNotAffectTheJob() {
    enqueue("order:1", "p");

    engine().listener(new SyncListener() {
      @Override
      public void jobSucceeded(Job job) {
        throw new IllegalStateException("listener bug");
      }
    }).build().runOnce(FLOW);

    assertThat(store.count(FLOW)).containsEntry(JobState.SUCCEEDED, 1L);
  }

  @Test
  void aFlowsOwnClassifierIsAskedAfterTheBuildersAndBeforeTheBuiltInRules() {
    class SageLockedException extends RuntimeException {}
    SyncFlow classifying = new ScriptedFlow(FLOW).withFailureClassifier(t -> t instanceof SageLockedException
        ? Optional.of(FailureClassification.recordLocked("the flow says: locked"))
        : Optional.empty()).onProcess(ctx -> {
          throw new SageLockedException();
        });
    Job first = enqueue("despatch:1", "p");

    SyncEngine.builder().store(store).clock(clock).flow(classifying).build().runOnce(FLOW);

    assertThat(job(first).lockedAttempts()).as("the flow's classifier, not the built-in 'ambiguous'").isEqualTo(1);
    assertThat(job(first).lastError()).contains("the flow says: locked");

    Job second = enqueue("despatch:2", "p");
    SyncEngine.builder().store(store).clock(clock).flow(classifying)
        .classifier(t -> Optional.of(FailureClassification.permanent(List.of("the host says: permanent"))))
        .build().runOnce(FLOW);

    assertThat(job(second).state()).as("the builder's classifier comes first").isEqualTo(JobState.PARKED);
    assertThat(job(second).parkReasons()).containsExactly("the host says: permanent");
  }

  @Test
  void buildRefusesFlowsWithProblemsAndListsEveryProblem() {
    SyncFlow picky = new SyncFlow() {
      @Override
      public String name() {
        return "Picky";
      }

      @Override
      public void discover(DiscoverContext context) {}

      @Override
      public void process(JobContext context) {}

      @Override
      public List<String> problems() {
        return List.of("needs a shipping charge code", "needs a rounding nominal");
      }
    };

    assertThatThrownBy(() -> SyncEngine.builder().store(store).flow(picky).build())
        .isInstanceOfSatisfying(SyncConfigurationException.class, e -> assertThat(e.problems()).containsExactly(
            "Picky: needs a shipping charge code", "Picky: needs a rounding nominal"));
    assertThatThrownBy(() -> SyncEngine.builder().store(store).build()).hasMessageContaining("at least one flow");
    assertThatThrownBy(() -> SyncEngine.builder().flow(flow).build()).hasMessageContaining("needs a store");
    assertThatThrownBy(() -> engine().build().runOnce("Nope")).hasMessageContaining("No flow named 'Nope'");
  }

  @Test
  void closeWaitsForTheJobInFlightToFinishAndBeRecordedThenStopsClaiming() throws Exception {
    InMemorySyncStateStore realTimeStore = new InMemorySyncStateStore(Clock.systemUTC());
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ScriptedFlow slow = new ScriptedFlow(FLOW).onProcess(ctx -> {
      if (ctx.job().key().equals("order:1")) {
        started.countDown();
        assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
      }
    });
    Job first = realTimeStore.enqueue(NewJob.builder().flow(FLOW).key("order:1").payload("p").build());
    SyncEngine e = SyncEngine.builder().store(realTimeStore).flow(slow).workers(2)
        .queuePollInterval(Duration.ofMillis(20)).defaultDiscoverInterval(Duration.ofHours(1)).build();
    e.start();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    Thread closer = new Thread(e::close, "closer");
    closer.start();
    // close() marks the engine closing, then waits (timed) for the workers to drain
    await().atMost(Duration.ofSeconds(5)).until(() -> closer.getState() == Thread.State.TIMED_WAITING);
    Job late = realTimeStore.enqueue(NewJob.builder().flow(FLOW).key("order:2").payload("late").build());
    assertThat(closer.isAlive()).as("close waits for the job in flight").isTrue();
    release.countDown();
    closer.join(10_000);

    assertThat(closer.isAlive()).isFalse();
    assertThat(realTimeStore.job(first.id()).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(realTimeStore.job(late.id()).orElseThrow().state()).as("no new work after close").isEqualTo(JobState.QUEUED);
    assertThat(slow.processedPayloads).containsExactly("p");
  }

  @Test
  void aJobSlowerThanItsLeaseKeepsTheLeaseAndRunsOnce() throws Exception {
    InMemorySyncStateStore realTimeStore = new InMemorySyncStateStore(Clock.systemUTC());
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ScriptedFlow slow = new ScriptedFlow(FLOW).onProcess(ctx -> {
      started.countDown();
      assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
    });
    Job job = realTimeStore.enqueue(NewJob.builder().flow(FLOW).key("order:1").payload("p").build());
    Duration lease = Duration.ofMillis(150);
    SyncEngine e = SyncEngine.builder().store(realTimeStore).flow(slow).leaseDuration(lease).build();
    Thread runner = new Thread(() -> e.runOnce(FLOW));
    runner.start();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    Instant firstLeaseEnd = realTimeStore.job(job.id()).orElseThrow().leaseUntil().orElseThrow();

    await().atMost(Duration.ofSeconds(5)).until(() -> realTimeStore.now().isAfter(firstLeaseEnd.plus(lease.multipliedBy(3))));

    assertThat(realTimeStore.claim(FLOW, "another-worker", 1, Duration.ofMinutes(1))).as("lease was extended").isEmpty();
    release.countDown();
    runner.join(10_000);
    assertThat(realTimeStore.job(job.id()).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(slow.processedPayloads).containsExactly("p");
    e.close();
  }

  @Test
  void startedEngineDiscoversAndProcessesOnItsOwn() {
    InMemorySyncStateStore realTimeStore = new InMemorySyncStateStore(Clock.systemUTC());
    ScriptedFlow auto = new ScriptedFlow(FLOW).onDiscover(ctx -> {
      if (ctx.cursor().isEmpty()) {
        ctx.enqueue(List.of(ctx.newJob("order:1").payload("a").build(), ctx.newJob("order:2").payload("b").build()), "done");
      }
    });
    try (SyncEngine e = SyncEngine.builder().store(realTimeStore).flow(auto).workers(2)
        .queuePollInterval(Duration.ofMillis(20)).defaultDiscoverInterval(Duration.ofMillis(50)).build()) {
      e.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> realTimeStore.count(FLOW).get(JobState.SUCCEEDED) == 2);
      assertThatThrownBy(e::start).isInstanceOf(IllegalStateException.class);
    }
    assertThat(auto.processedPayloads).containsExactlyInAnyOrder("a", "b");
    assertThat(realTimeStore.list(FLOW, Set.of(JobState.SUCCEEDED), 0, 10)).hasSize(2);
  }

  @Test
  void anErrorFromAFlowParksTheJobWithItsTextAndTheNextJobStillRuns() {
    flow.onProcess(ctx -> {
      if (ctx.job().key().equals("order:1")) {
        throw new AssertionError("mapping invariant broken");
      }
    });
    Job poison = enqueue("order:1", "p");
    Job next = enqueue("order:2", "q");
    SyncEngine e = engine().build();

    SyncStatus status = e.runOnce(FLOW);

    assertThat(job(poison).state()).isEqualTo(JobState.PARKED);
    assertThat(job(poison).parkReasons()).singleElement().asString()
        .contains("AssertionError").contains("mapping invariant broken");
    assertThat(job(next).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(status.lastError()).hasValueSatisfying(err -> assertThat(err).contains("mapping invariant broken"));
  }

  @Test
  void anOutOfMemoryErrorIsRetriedNotParkedBecauseTheJobMayBeInnocent() {
    flow.onProcess(ctx -> {
      throw new OutOfMemoryError("Java heap space");
    });
    Job j = enqueue("order:1", "p");

    engine().build().runOnce(FLOW);

    assertThat(job(j).state()).isEqualTo(JobState.RETRYING);
    assertThat(job(j).ambiguous()).as("the next attempt looks up first").isTrue();
    assertThat(job(j).lastError()).hasValueSatisfying(err -> assertThat(err).contains("Java heap space"));
  }

  @Test
  void aStartedEngineSurvivesErrorsFromProcessAndDiscover() {
    InMemorySyncStateStore realTimeStore = new InMemorySyncStateStore(Clock.systemUTC());
    AtomicInteger discovers = new AtomicInteger();
    ScriptedFlow poisoned = new ScriptedFlow(FLOW)
        .onDiscover(ctx -> {
          int n = discovers.incrementAndGet();
          if (n == 1) {
            throw new NoClassDefFoundError("com/example/Missing");
          }
          if (n == 2) {
            ctx.enqueue(List.of(ctx.newJob("order:1").payload("poison").build()));
          }
          if (n == 3) {
            ctx.enqueue(List.of(ctx.newJob("order:2").payload("good").build()));
          }
        })
        .onProcess(ctx -> {
          if (ctx.job().payload().equals("poison")) {
            throw new ExceptionInInitializerError("static init failed");
          }
        });
    // one worker: had the Error killed it, the good job would never run
    try (SyncEngine e = SyncEngine.builder().store(realTimeStore).flow(poisoned).workers(1)
        .queuePollInterval(Duration.ofMillis(20)).defaultDiscoverInterval(Duration.ofMillis(30)).build()) {
      e.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> realTimeStore.count(FLOW).get(JobState.SUCCEEDED) == 1
          && realTimeStore.count(FLOW).get(JobState.PARKED) == 1);
    }
    assertThat(discovers).as("discovery kept its schedule after the Error").hasValueGreaterThanOrEqualTo(3);
    assertThat(poisoned.processedPayloads).containsExactlyInAnyOrder("poison", "good");
  }

  @Test
  void aDiscoverSlowerThanItsLeaseKeepsTheLease() throws Exception {
    InMemorySyncStateStore realTimeStore = new InMemorySyncStateStore(Clock.systemUTC());
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ScriptedFlow slow = new ScriptedFlow(FLOW).onDiscover(ctx -> {
      started.countDown();
      assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
    });
    Duration lease = Duration.ofMillis(150);
    SyncEngine e = SyncEngine.builder().store(realTimeStore).flow(slow).leaseDuration(lease).instanceId("one").build();
    Thread runner = new Thread(() -> e.runOnce(FLOW));
    runner.start();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    Instant firstLeaseEnd = realTimeStore.now().plus(lease);

    await().atMost(Duration.ofSeconds(5)).until(() -> realTimeStore.now().isAfter(firstLeaseEnd.plus(lease.multipliedBy(3))));

    assertThat(realTimeStore.tryAcquireLease("discover:" + FLOW, "two", lease)).as("lease was extended").isFalse();
    release.countDown();
    runner.join(10_000);
    assertThat(realTimeStore.leaseHolder("discover:" + FLOW)).as("released after the cycle").isEmpty();
    e.close();
  }
}
