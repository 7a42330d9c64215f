package io.github.centrasage.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.centrasage.sandbox.SandboxClock;
import io.github.centrasage.sync.spi.Coalescing;
import io.github.centrasage.sync.spi.Cursor;
import io.github.centrasage.sync.spi.CursorMove;
import io.github.centrasage.sync.spi.EngineStore;
import io.github.centrasage.sync.spi.FailureKind;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobAttempt;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.spi.NewJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every engine store ({@link EngineStore}: job queue, cursors, named leases) must have,
 * as a JUnit 5 test class to extend, with the hooks a store's test implements: enqueue and
 * coalescing, claims in due-time order with one job per key at a time, lease expiry, retries,
 * parking, replay and discard, history, search, cursors, named leases, the store's clock, and eight
 * workers on two store instances at once. A store of the engine alone extends this class; a store
 * for the Centra↔Sage flows (a {@link io.github.centrasage.sync.store.SyncStateStore}) extends
 * {@link SyncStateStoreContract}, which adds bindings, the allocation ledger and stock versions.
 *
 * <pre>
 * class RedisEngineStoreTest extends JobQueueContract&lt;RedisEngineStore&gt; {
 *   &#64;Override
 *   protected RedisEngineStore newStore() {
 *     redis.flushAll();
 *     return new RedisEngineStore(redis, clock());
 *   }
 * }
 * </pre>
 *
 * <p>A subclass gives a fresh, empty store per test; a store that takes a {@link Clock} gets
 * {@link #clock()}, which the contract moves to let leases and due times pass. A store on database
 * time (which cannot be set) needs nothing more: {@link #advance} then waits, briefly, for the
 * store's own clock to move.
 *
 * <p>One class on purpose, a little over 600 lines: a store author extends one contract and reads
 * every rule of the queue in one place, in the order the engine relies on them.
 */
public abstract class JobQueueContract<S extends EngineStore> {
  /** The flow name most tests enqueue under. */
  protected static final String FLOW = "OrderImport";
  /** A lease long enough never to expire during a test. */
  protected static final Duration LEASE = Duration.ofMinutes(5);
  /** How long {@link #advance} waits for a store on database time before it fails. */
  private static final Duration CLOCK_WAIT = Duration.ofSeconds(10);

  private final SandboxClock clock = SandboxClock.startingAt(Instant.parse("2024-05-01T10:00:00Z"));
  private final List<S> others = new ArrayList<>();

  /** The store under test, fresh from {@link #newStore()} for every test and closed after it. */
  protected S store;

  /** A store on empty state. Called once before every test. */
  protected abstract S newStore();

  /**
   * A second store instance on the same data as {@link #store}, as a second engine instance would
   * open it; the contract closes it after the test. The default returns {@link #store} itself, for
   * a store that cannot be shared between instances (the concurrency tests then race threads on one
   * instance).
   */
  protected S secondInstance() {
    return store;
  }

  /**
   * The settable clock to give a store that takes a {@link Clock}. It starts at
   * 2024-05-01T10:00:00Z and moves only when {@link #advance} moves it.
   */
  protected final Clock clock() {
    return clock;
  }

  /**
   * Lets at least {@code d} pass on the store's clock: moves {@link #clock()}, then, for a store on
   * database time, waits until {@link EngineStore#now()} has moved by {@code d}.
   */
  protected void advance(Duration d) {
    Instant target = store.now().plus(d);
    clock.advance(d);
    long deadline = System.nanoTime() + CLOCK_WAIT.toNanos();
    while (store.now().isBefore(target)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("The store's clock did not move by " + d + " within " + CLOCK_WAIT
            + ": now() must follow the clock the contract hands out (clock()) or real time");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  /** A lease short enough to expire with {@link #advance}: keep it small for a store on database time. */
  protected Duration shortLease() {
    return Duration.ofMillis(50);
  }

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStores() {
    for (S other : others) {
      if (other != store) {
        other.close();
      }
    }
    others.clear();
    store.close();
  }

  /** {@link #secondInstance()}, closed after the test. */
  protected final S other() {
    S other = secondInstance();
    others.add(other);
    return other;
  }

  /** A job of {@link #FLOW} whose reference is the key after its colon. */
  protected static NewJob job(String key, String payload) {
    return NewJob.builder().flow(FLOW).key(key).payload(payload).reference(key.substring(key.indexOf(':') + 1)).build();
  }

  /** {@link #job(String, String)} with a coalescing rule. */
  protected static NewJob job(String key, String payload, Coalescing coalescing) {
    return NewJob.builder().from(job(key, payload)).coalescing(coalescing).build();
  }

  @Test
  void claimReturnsAnEnqueuedJobAndCountsTheAttempt() {
    Job enqueued = store.enqueue(job("order:1", "{\"n\":1}"));

    List<Job> claimed = store.claim(FLOW, "w1", 10, LEASE);

    assertThat(enqueued.state()).isEqualTo(JobState.QUEUED);
    assertThat(claimed).singleElement().satisfies(j -> {
      assertThat(j.id()).isEqualTo(enqueued.id());
      assertThat(j.payload()).isEqualTo("{\"n\":1}");
      assertThat(j.reference()).isEqualTo("1");
      assertThat(j.state()).isEqualTo(JobState.RUNNING);
      assertThat(j.attempts()).isEqualTo(1);
      assertThat(j.leaseOwner()).contains("w1");
    });
    assertThat(store.claim(FLOW, "w2", 10, LEASE)).isEmpty();
    assertThat(store.claim("OtherFlow", "w2", 10, LEASE)).isEmpty();
  }

  @Test
  void secondEnqueueOfAWaitingKeyCoalescesAndKeepsTheNewestPayload() {
    Job first = store.enqueue(job("sku:A@WH1", "5"));
    Job second = store.enqueue(job("sku:A@WH1", "7"));

    assertThat(second.id()).isEqualTo(first.id());
    assertThat(store.count(FLOW).get(JobState.QUEUED)).isEqualTo(1);
    assertThat(store.claim(FLOW, "w1", 10, LEASE)).singleElement().extracting(Job::payload).isEqualTo("7");
  }

  @Test
  void keepExistingCoalescingKeepsTheFirstPayload() {
    store.enqueue(job("order:9", "first", Coalescing.KEEP_EXISTING));
    store.enqueue(job("order:9", "second", Coalescing.KEEP_EXISTING));

    assertThat(store.claim(FLOW, "w1", 10, LEASE)).singleElement().extracting(Job::payload).isEqualTo("first");
  }

  @Test
  void keepExistingFoldsIntoAParkedJobOfTheKeyWhichStaysParked() {
    Job first = store.enqueue(job("order:9", "first", Coalescing.KEEP_EXISTING));
    store.claim(FLOW, "w1", 1, LEASE);
    store.park(first.id(), "w1", FailureKind.PERMANENT, List.of("unknown SKU X"), "mapping");
    Instant parkedAt = store.job(first.id()).orElseThrow().updatedAt();
    advance(Duration.ofMillis(20));

    Job again = store.enqueue(job("order:9", "second", Coalescing.KEEP_EXISTING));

    assertThat(again.id()).as("the notice folds into the parked job").isEqualTo(first.id());
    assertThat(again.state()).isEqualTo(JobState.PARKED);
    assertThat(again.payload()).isEqualTo("first");
    assertThat(again.parkReasons()).containsExactly("unknown SKU X");
    assertThat(again.updatedAt()).as("when the last notice came").isAfter(parkedAt);
    assertThat(store.list(FLOW, Set.of(), 0, 10)).singleElement();
    assertThat(store.claim(FLOW, "w1", 1, LEASE)).as("nothing runs until a person replays").isEmpty();
  }

  @Test
  void keepNewestAndNoneStillAddAJobBehindAParkedOne() {
    Job parked = store.enqueue(job("sku:A@WH1", "5"));
    store.claim(FLOW, "w1", 1, LEASE);
    store.park(parked.id(), "w1", FailureKind.PERMANENT, List.of("x"), "x");

    Job newest = store.enqueue(job("sku:A@WH1", "6"));
    Job appended = store.enqueue(job("sku:A@WH1", "7", Coalescing.NONE));

    assertThat(newest.id()).isNotEqualTo(parked.id());
    assertThat(appended.id()).isNotIn(parked.id(), newest.id());
    assertThat(store.job(parked.id()).orElseThrow().payload()).isEqualTo("5");
    assertThat(store.claim(FLOW, "w1", 1, LEASE)).singleElement().extracting(Job::payload).isEqualTo("6");
  }

  @Test
  void enqueueWhileAJobOfTheKeyRunsAddsOneThatWaitsForIt() {
    store.enqueue(job("sku:A@WH1", "5"));
    Job running = store.claim(FLOW, "w1", 10, LEASE).get(0);

    Job next = store.enqueue(job("sku:A@WH1", "6"));

    assertThat(next.id()).isNotEqualTo(running.id());
    assertThat(store.claim(FLOW, "w2", 10, LEASE)).as("key is busy").isEmpty();
    assertThat(store.complete(running.id(), "w1")).isTrue();
    assertThat(store.claim(FLOW, "w2", 10, LEASE)).singleElement().extracting(Job::payload).isEqualTo("6");
  }

  @Test
  void jobsOfOneKeyRunOneAtATimeInEnqueueOrderWhileOtherKeysRunInParallel() {
    List<Job> jobs = store.enqueue(List.of(
        job("order:1", "a", Coalescing.NONE), job("order:1", "b", Coalescing.NONE), job("order:2", "c", Coalescing.NONE)),
        Optional.empty());

    List<Job> firstRound = store.claim(FLOW, "w1", 10, LEASE);
    assertThat(firstRound).extracting(Job::payload).containsExactlyInAnyOrder("a", "c");
    store.complete(jobs.get(0).id(), "w1");
    assertThat(store.claim(FLOW, "w1", 10, LEASE)).extracting(Job::payload).containsExactly("b");
  }

  @Test
  void enqueueMovesTheCursorInTheSameCall() {
    assertThat(store.cursor("OrderImport")).isEmpty();

    store.enqueue(List.of(job("order:1", "a")), Optional.of(CursorMove.of("OrderImport", "2024-05-01T10:00:00Z")));

    assertThat(store.cursor("OrderImport")).hasValueSatisfying(c -> assertThat(c.value()).isEqualTo("2024-05-01T10:00:00Z"));
    store.putCursor("OrderImport", "2024-05-02T00:00:00Z");
    assertThat(store.cursor("OrderImport").orElseThrow().value()).isEqualTo("2024-05-02T00:00:00Z");
  }

  @Test
  void aRetriedJobIsNotClaimedBeforeItsRunTimeAndKeepsItsFlags() {
    Job job = store.enqueue(job("order:1", "a"));
    store.claim(FLOW, "w1", 1, LEASE);

    assertThat(store.retry(job.id(), "w1", store.now().plus(Duration.ofHours(1)), FailureKind.AMBIGUOUS_WRITE, "timeout")).isTrue();
    assertThat(store.claim(FLOW, "w1", 1, LEASE)).isEmpty();
    Job retrying = store.job(job.id()).orElseThrow();
    assertThat(retrying.state()).isEqualTo(JobState.RETRYING);
    assertThat(retrying.ambiguous()).isTrue();
    assertThat(retrying.lastError()).contains("timeout");

    Job again = store.enqueue(job("order:1", "b"));
    assertThat(again.id()).as("a retrying job still coalesces").isEqualTo(job.id());
  }

  @Test
  void aDueRetryIsClaimedAgainAndLockedAttemptsAreCountedApart() {
    Job job = store.enqueue(job("order:1", "a"));
    store.claim(FLOW, "w1", 1, LEASE);
    store.retry(job.id(), "w1", store.now().minusSeconds(1), FailureKind.RECORD_LOCKED, "record in use");
    Job second = store.claim(FLOW, "w1", 1, LEASE).get(0);
    store.retry(job.id(), "w1", store.now().minusSeconds(1), FailureKind.TRANSIENT, "503");
    Job third = store.claim(FLOW, "w1", 1, LEASE).get(0);

    assertThat(second.attempts()).isEqualTo(2);
    assertThat(third.attempts()).isEqualTo(3);
    assertThat(third.lockedAttempts()).isEqualTo(1);
    assertThat(third.transientAttempts()).isEqualTo(2);
    assertThat(third.ambiguous()).isFalse();
    assertThat(store.history(job.id())).extracting(JobAttempt::outcome)
        .containsExactly(JobAttempt.Outcome.LOCKED, JobAttempt.Outcome.RETRIED);
    assertThatThrownBy(() -> store.retry(job.id(), "w1", store.now(), FailureKind.PERMANENT, "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aParkedJobKeepsPayloadReasonsAndHistoryAndCanBeReplayedWithAFreshBudget() {
    Job job = store.enqueue(job("order:1", "{\"lines\":2}"));
    store.claim(FLOW, "w1", 1, LEASE);
    store.retry(job.id(), "w1", store.now().minusSeconds(1), FailureKind.TRANSIENT, "503");
    store.claim(FLOW, "w1", 1, LEASE);

    assertThat(store.park(job.id(), "w1", FailureKind.PERMANENT, List.of("unknown SKU X", "no tax code for 25% SE\nsecond line"), "mapping")).isTrue();

    Job parked = store.job(job.id()).orElseThrow();
    assertThat(parked.state()).isEqualTo(JobState.PARKED);
    assertThat(parked.payload()).isEqualTo("{\"lines\":2}");
    assertThat(parked.parkReasons()).containsExactly("unknown SKU X", "no tax code for 25% SE\nsecond line");
    assertThat(store.claim(FLOW, "w1", 1, LEASE)).isEmpty();
    assertThat(store.list(FLOW, Set.of(JobState.PARKED), 0, 10)).extracting(Job::id).containsExactly(job.id());

    Job replayed = store.replay(job.id()).orElseThrow();
    assertThat(replayed.state()).isEqualTo(JobState.QUEUED);
    assertThat(replayed.attempts()).isZero();
    assertThat(replayed.parkReasons()).isEmpty();
    assertThat(store.replay(job.id())).as("only parked jobs replay").isEmpty();
    Job rerun = store.claim(FLOW, "w2", 1, LEASE).get(0);
    assertThat(rerun.payload()).isEqualTo("{\"lines\":2}");
    assertThat(store.complete(rerun.id(), "w2")).isTrue();
    assertThat(store.history(job.id())).extracting(JobAttempt::outcome).containsExactly(
        JobAttempt.Outcome.RETRIED, JobAttempt.Outcome.PARKED, JobAttempt.Outcome.REPLAYED, JobAttempt.Outcome.SUCCEEDED);
    assertThat(store.history(job.id()).get(1).error()).contains("mapping");
  }

  @Test
  void discardKeepsTheJobAsDiscardedWithTheNote() {
    Job job = store.enqueue(job("order:1", "a"));

    assertThat(store.discard(job.id(), "cancelled in Centra")).hasValueSatisfying(j -> assertThat(j.state()).isEqualTo(JobState.DISCARDED));
    assertThat(store.discard(job.id(), "again")).isEmpty();
    assertThat(store.claim(FLOW, "w1", 1, LEASE)).isEmpty();
    assertThat(store.history(job.id())).singleElement().satisfies(a -> {
      assertThat(a.outcome()).isEqualTo(JobAttempt.Outcome.DISCARDED);
      assertThat(a.error()).contains("cancelled in Centra");
    });
  }

  @Test
  void onlyTheLeaseOwnerCanSettleARunningJob() {
    Job job = store.enqueue(job("order:1", "a"));
    store.claim(FLOW, "w1", 1, LEASE);

    assertThat(store.complete(job.id(), "w2")).isFalse();
    assertThat(store.park(job.id(), "w2", FailureKind.PERMANENT, List.of("x"), "x")).isFalse();
    assertThat(store.retry(job.id(), "w2", store.now(), FailureKind.TRANSIENT, "x")).isFalse();
    assertThat(store.job(job.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING);
    assertThat(store.complete(job.id(), "w1")).isTrue();
    assertThat(store.complete(job.id(), "w1")).as("completes once").isFalse();
  }

  @Test
  void aJobWhoseLeaseExpiredIsClaimedByAnotherWorkerAndTheOldOwnerLosesIt() {
    Job job = store.enqueue(job("order:1", "a"));
    store.claim(FLOW, "dead-worker", 1, shortLease());

    advance(shortLease().multipliedBy(2));

    List<Job> reclaimed = store.claim(FLOW, "w2", 1, LEASE);
    assertThat(reclaimed).singleElement().satisfies(j -> {
      assertThat(j.attempts()).isEqualTo(2);
      assertThat(j.leaseOwner()).contains("w2");
    });
    assertThat(store.complete(job.id(), "dead-worker")).isFalse();
    assertThat(store.complete(job.id(), "w2")).isTrue();
  }

  @Test
  void extendLeaseKeepsARunningJobFromBeingReclaimed() {
    Job job = store.enqueue(job("order:1", "a"));
    store.claim(FLOW, "w1", 1, shortLease());

    assertThat(store.extendLease(job.id(), "w1", LEASE)).isTrue();
    advance(shortLease().multipliedBy(2));

    assertThat(store.claim(FLOW, "w2", 1, LEASE)).isEmpty();
    assertThat(store.extendLease(job.id(), "w2", LEASE)).isFalse();
  }

  @Test
  void countsListsAndOldestPendingReflectTheQueue() {
    Instant before = store.now();
    List<Job> jobs = store.enqueue(List.of(job("order:1", "a"), job("order:2", "b"), job("order:3", "c")), Optional.empty());
    store.claim(FLOW, "w1", 1, LEASE);

    Map<JobState, Long> counts = store.count(FLOW);

    assertThat(counts).containsEntry(JobState.QUEUED, 2L).containsEntry(JobState.RUNNING, 1L).containsEntry(JobState.PARKED, 0L);
    assertThat(store.list(FLOW, Set.of(), 0, 10)).extracting(Job::id).containsExactly(jobs.get(0).id(), jobs.get(1).id(), jobs.get(2).id());
    assertThat(store.list(FLOW, Set.of(JobState.QUEUED), 1, 10)).hasSize(1);
    assertThat(store.oldestPendingSince(FLOW)).hasValueSatisfying(t -> assertThat(t).isAfterOrEqualTo(before.minusSeconds(1)));
    assertThat(store.oldestPendingSince("NoSuchFlow")).isEmpty();
  }

  @Test
  void searchFindsJobsOfEveryFlowByKeyOrReferenceNewestFirst() {
    Job byKey = store.enqueue(job("order:1234", "{}"));
    Job byReference = store.enqueue(NewJob.builder().flow("DespatchToCentra").key("despatch:77").reference("1234/1").build());
    store.enqueue(job("order:999", "{}"));
    Job wildcard = store.enqueue(NewJob.builder().flow("StockPublish").key("sku:A_%B").build());

    assertThat(store.search("1234", 10)).extracting(Job::id).containsExactly(byReference.id(), byKey.id());
    assertThat(store.search("1234", 1)).extracting(Job::id).containsExactly(byReference.id());
    assertThat(store.search("A_%", 10)).extracting(Job::id).containsExactly(wildcard.id());
    assertThat(store.search("A%", 10)).isEmpty(); // % is not a wildcard
    assertThat(store.search("nothing", 10)).isEmpty();
    assertThatThrownBy(() -> store.search(" ", 10)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eightWorkersOnTwoStoreInstancesRunEveryJobExactlyOnceAndNeverOverlapAKey() throws Exception {
    int jobCount = 2_000;
    int keyCount = 200;
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < jobCount; i++) {
      jobs.add(NewJob.builder().flow(FLOW).key("k" + (i % keyCount)).payload(Integer.toString(i)).coalescing(Coalescing.NONE).build());
    }
    store.enqueue(jobs, Optional.empty());
    S other = other();

    Map<Long, AtomicInteger> completions = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> runningPerKey = new ConcurrentHashMap<>();
    Map<String, AtomicLong> lastPayloadPerKey = new ConcurrentHashMap<>();
    List<String> violations = new CopyOnWriteArrayList<>();
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        S s = w % 2 == 0 ? store : other;
        String owner = "worker-" + w;
        workers.add(pool.submit(() -> {
          long idleSince = System.nanoTime();
          while (done.get() < jobCount && System.nanoTime() - idleSince < TimeUnit.SECONDS.toNanos(20)) {
            List<Job> claimed = s.claim(FLOW, owner, 8, LEASE);
            if (!claimed.isEmpty()) {
              idleSince = System.nanoTime();
            }
            for (Job j : claimed) {
              if (runningPerKey.computeIfAbsent(j.key(), k -> new AtomicInteger()).incrementAndGet() != 1) {
                violations.add("overlap on " + j.key());
              }
              long payload = Long.parseLong(j.payload());
              long previous = lastPayloadPerKey.computeIfAbsent(j.key(), k -> new AtomicLong(-1)).getAndSet(payload);
              if (previous >= payload) {
                violations.add("out of order on " + j.key() + ": " + previous + " then " + payload);
              }
              runningPerKey.get(j.key()).decrementAndGet();
              if (s.complete(j.id(), owner)) {
                completions.computeIfAbsent(j.id(), id -> new AtomicInteger()).incrementAndGet();
                done.incrementAndGet();
              } else {
                violations.add("lost lease on " + j.id());
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : workers) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(violations).isEmpty();
    assertThat(completions).hasSize(jobCount);
    assertThat(completions.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    assertThat(store.count(FLOW)).containsEntry(JobState.SUCCEEDED, (long) jobCount);
  }

  @Test
  void nowMovesWithTheClockAndTwoInstancesAgree() {
    Instant before = store.now();

    advance(Duration.ofSeconds(1));

    assertThat(store.now()).isAfterOrEqualTo(before.plusSeconds(1));
    assertThat(Duration.between(store.now(), other().now()).abs()).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void dueJobsAreClaimedInDueTimeOrderUpToTheLimitAndDelayedJobsWait() {
    Job a = store.enqueue(job("order:1", "a"));
    Job b = store.enqueue(job("order:2", "b"));
    Job delayed = store.enqueue(NewJob.builder().from(job("order:3", "c")).delay(Duration.ofHours(1)).build());
    assertThat(store.claim(FLOW, "w1", 10, LEASE)).extracting(Job::id).containsExactly(a.id(), b.id());
    // b is now due before a, although a was enqueued first
    store.retry(b.id(), "w1", store.now().minusSeconds(60), FailureKind.TRANSIENT, "503");
    store.retry(a.id(), "w1", store.now().minusSeconds(30), FailureKind.TRANSIENT, "503");

    assertThat(store.claim(FLOW, "w1", 1, LEASE)).extracting(Job::id).containsExactly(b.id());
    assertThat(store.claim(FLOW, "w1", 10, LEASE)).extracting(Job::id).containsExactly(a.id());
    assertThat(delayed.nextRunAt()).isAfter(store.now().plus(Duration.ofMinutes(59)));
    assertThat(store.job(delayed.id()).orElseThrow().state()).isEqualTo(JobState.QUEUED);
  }

  @Test
  void claimRejectsABlankOwnerANonPositiveLimitOrLease() {
    store.enqueue(job("order:1", "a"));

    assertThatThrownBy(() -> store.claim(FLOW, " ", 1, LEASE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.claim(FLOW, "w1", 0, LEASE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.claim(FLOW, "w1", 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThat(store.count(FLOW)).as("nothing was claimed").containsEntry(JobState.QUEUED, 1L);
  }

  @Test
  void anAmbiguousParkIsKeptThroughReplayAndClearedOnlyBySuccess() {
    Job job = store.enqueue(job("order:1", "a"));
    store.claim(FLOW, "w1", 1, LEASE);
    store.park(job.id(), "w1", FailureKind.AMBIGUOUS_WRITE, List.of("timed out creating the order"), "timeout");

    assertThat(store.job(job.id()).orElseThrow().ambiguous()).isTrue();
    assertThat(store.replay(job.id()).orElseThrow().ambiguous()).as("a replay looks up first").isTrue();
    Job rerun = store.claim(FLOW, "w1", 1, LEASE).get(0);
    assertThat(rerun.ambiguous()).isTrue();
    store.complete(rerun.id(), "w1");
    assertThat(store.job(job.id()).orElseThrow().ambiguous()).isFalse();
    assertThat(store.job(job.id()).orElseThrow().leaseOwner()).isEmpty();
  }

  @Test
  void aReplayedJobRunsBehindTheJobsOfItsKeyEnqueuedWhileItWasParked() {
    Job parked = store.enqueue(job("order:1", "old", Coalescing.NONE));
    store.claim(FLOW, "w1", 1, LEASE);
    store.park(parked.id(), "w1", FailureKind.PERMANENT, List.of("x"), "x");
    Job newer = store.enqueue(job("order:1", "new", Coalescing.NONE));

    store.replay(parked.id());

    assertThat(store.claim(FLOW, "w1", 10, LEASE)).extracting(Job::id).containsExactly(newer.id());
    store.complete(newer.id(), "w1");
    assertThat(store.claim(FLOW, "w1", 10, LEASE)).extracting(Job::id).containsExactly(parked.id());
  }

  @Test
  void aRunningJobCannotBeDiscardedAndUnknownJobsAreEmpty() {
    Job job = store.enqueue(job("order:1", "a"));
    store.claim(FLOW, "w1", 1, LEASE);

    assertThat(store.discard(job.id(), "no")).isEmpty();
    assertThat(store.job(job.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING);
    assertThat(store.job(job.id() + 1000)).isEmpty();
    assertThat(store.replay(job.id() + 1000)).isEmpty();
    assertThat(store.discard(job.id() + 1000, "no")).isEmpty();
    assertThat(store.history(job.id() + 1000)).isEmpty();
  }

  @Test
  void enqueueReturnsOneJobPerInputInInputOrderAndFoldedInputsShareTheirJob() {
    List<Job> result = store.enqueue(List.of(job("order:1", "a"), job("order:2", "b"), job("order:1", "c")),
        Optional.empty());

    assertThat(result).hasSize(3);
    assertThat(result.get(0).key()).isEqualTo("order:1");
    assertThat(result.get(1).key()).isEqualTo("order:2");
    assertThat(result.get(2).id()).as("folded into the first").isEqualTo(result.get(0).id());
    assertThat(store.count(FLOW).get(JobState.QUEUED)).isEqualTo(2);
  }

  @Test
  void aLeaseIsHeldByOneOwnerUntilReleasedOrExpired() {
    assertThat(store.tryAcquireLease("discover:OrderImport", "a", LEASE)).isTrue();
    assertThat(store.tryAcquireLease("discover:OrderImport", "b", LEASE)).isFalse();
    assertThat(store.tryAcquireLease("discover:OrderImport", "a", LEASE)).as("owner renews").isTrue();
    assertThat(store.leaseHolder("discover:OrderImport")).contains("a");
    assertThat(store.releaseLease("discover:OrderImport", "b")).isFalse();
    assertThat(store.releaseLease("discover:OrderImport", "a")).isTrue();
    assertThat(store.leaseHolder("discover:OrderImport")).isEmpty();
    assertThat(store.tryAcquireLease("discover:OrderImport", "b", shortLease())).isTrue();

    advance(shortLease().multipliedBy(2));

    assertThat(store.leaseHolder("discover:OrderImport")).isEmpty();
    assertThat(store.tryAcquireLease("discover:OrderImport", "a", LEASE)).isTrue();
  }

  @Test
  void aCursorIsStampedWithTheStoreClockAndSeenByASecondInstance() {
    // a cursor may hold any text: the Integration keeps its store identity (tenant, company) in one
    Instant before = store.now();
    store.putCursor("engine.identity", "centra=https://shop.example\nsage.company=1");

    Cursor cursor = other().cursor("engine.identity").orElseThrow();
    assertThat(cursor.name()).isEqualTo("engine.identity");
    assertThat(cursor.value()).isEqualTo("centra=https://shop.example\nsage.company=1");
    assertThat(cursor.updatedAt()).isAfterOrEqualTo(before.minusSeconds(1));
    assertThat(store.cursor("nothing")).isEmpty();
  }

  @Test
  void aLeaseRejectsBlankNamesAndOwnersAndANonPositiveTtl() {
    assertThatThrownBy(() -> store.tryAcquireLease(" ", "a", LEASE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.tryAcquireLease("x", "", LEASE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.tryAcquireLease("x", "a", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThat(store.leaseHolder("x")).isEmpty();
  }

  @Test
  void aLeaseHeldOnOneInstanceIsRefusedOnTheOther() {
    S other = other();
    assertThat(store.tryAcquireLease("discover:OrderImport", "a", LEASE)).isTrue();

    assertThat(other.tryAcquireLease("discover:OrderImport", "b", LEASE)).isFalse();
    assertThat(other.leaseHolder("discover:OrderImport")).contains("a");
  }
}
