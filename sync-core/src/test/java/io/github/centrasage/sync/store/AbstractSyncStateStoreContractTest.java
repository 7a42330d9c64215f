package io.github.centrasage.sync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.centrasage.sync.BindingConflictException;
import io.github.centrasage.sync.spi.Allocation;
import io.github.centrasage.sync.spi.Binding;
import io.github.centrasage.sync.spi.Coalescing;
import io.github.centrasage.sync.spi.CursorMove;
import io.github.centrasage.sync.spi.FailureKind;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobAttempt;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.spi.NewJob;
import io.github.centrasage.sync.spi.StockVersion;
import io.github.centrasage.sync.spi.SyncStateStore;
import java.math.BigDecimal;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SyncStateStore} must have. Subclasses provide fresh stores and a way
 * to let time pass on the store's clock.
 */
public abstract class AbstractSyncStateStoreContractTest {
  protected static final String FLOW = "OrderImport";
  private static final Duration LEASE = Duration.ofMinutes(5);

  protected SyncStateStore store;

  /** A store on an empty database. */
  protected abstract SyncStateStore newStore();

  /** A second store instance on the same database as {@link #store} (the same instance if it cannot be shared). */
  protected abstract SyncStateStore secondInstance();

  /** Lets at least {@code d} pass on the store's clock. */
  protected abstract void advance(Duration d);

  /** A lease short enough to expire with {@link #advance}. */
  protected Duration shortLease() {
    return Duration.ofMillis(50);
  }

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private static NewJob job(String key, String payload) {
    return NewJob.builder().flow(FLOW).key(key).payload(payload).reference(key.substring(key.indexOf(':') + 1)).build();
  }

  private static NewJob job(String key, String payload, Coalescing coalescing) {
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
  void bindingsAreUniqueOnBothSides() {
    Binding order = Binding.builder().entityType("order").centraId("1234").sageId("5501").sageReference("0000012").build();

    Binding stored = store.bind(order);

    assertThat(stored.syncedAt()).isPresent();
    assertThat(store.bindingByCentraId("order", "1234")).hasValueSatisfying(b -> assertThat(b.sageId()).isEqualTo("5501"));
    assertThat(store.bindingBySageId("order", "5501")).hasValueSatisfying(b -> assertThat(b.centraId()).isEqualTo("1234"));
    assertThat(store.bindingBySageId("customer", "5501")).isEmpty();
    assertThatThrownBy(() -> store.bind(Binding.builder().entityType("order").centraId("9999").sageId("5501").build()))
        .isInstanceOf(BindingConflictException.class)
        .hasMessageContaining("5501");

    store.bind(Binding.builder().from(order).sageId("5502").sourceVersion("v2").build());
    assertThat(store.bindingBySageId("order", "5501")).isEmpty();
    assertThat(store.bindingsByCentraIds("order", List.of("1234", "777"))).containsOnlyKeys("1234");
    assertThat(store.unbind("order", "1234")).isTrue();
    assertThat(store.bindingByCentraId("order", "1234")).isEmpty();
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
  void searchBindingsFindsEveryEntityTypeByCentraId() {
    store.bind(Binding.builder().entityType("order").centraId("1234").sageId("5501").sageReference("0000012").build());
    store.bind(Binding.builder().entityType("despatch").centraId("1234-1").sageId("88").build());
    store.bind(Binding.builder().entityType("order").centraId("999").sageId("5502").build());
    store.bind(Binding.builder().entityType("sku").centraId("A_B").sageId("9").build());

    assertThat(store.searchBindings("1234", 10))
        .extracting(Binding::entityType, Binding::centraId, Binding::sageId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("despatch", "1234-1", "88"),
            org.assertj.core.groups.Tuple.tuple("order", "1234", "5501"));
    assertThat(store.searchBindings("1234", 10).get(1).sageReference()).contains("0000012");
    assertThat(store.searchBindings("1234", 1)).hasSize(1);
    assertThat(store.searchBindings("A_B", 10)).hasSize(1);
    assertThat(store.searchBindings("A%", 10)).isEmpty();
    assertThatThrownBy(() -> store.searchBindings("1234", 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aStockVersionIsAppliedOnlyIfNewerThanTheStoredOne() {
    Instant t = Instant.parse("2024-05-01T10:00:00.123456Z");

    assertThat(store.applyStockVersionIfNewer("ABC-M", "WH1", StockVersion.of(t, 1))).isTrue();
    assertThat(store.applyStockVersionIfNewer("ABC-M", "WH1", StockVersion.of(t, 1))).as("equal").isFalse();
    assertThat(store.applyStockVersionIfNewer("ABC-M", "WH1", StockVersion.of(t, 0))).as("older tie-breaker").isFalse();
    assertThat(store.applyStockVersionIfNewer("ABC-M", "WH1", StockVersion.of(t.minusSeconds(5), 9))).isFalse();
    assertThat(store.applyStockVersionIfNewer("ABC-M", "WH2", StockVersion.of(t.minusSeconds(5), 0))).as("other warehouse").isTrue();
    assertThat(store.applyStockVersionIfNewer("ABC-M", "WH1", StockVersion.of(t, 2))).isTrue();
    assertThat(store.applyStockVersionIfNewer("ABC-M", "WH1", StockVersion.of(t.plusNanos(1000), 0))).isTrue();
    assertThat(store.stockVersion("ABC-M", "WH1")).contains(StockVersion.of(t.plusNanos(1000), 0));
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
  void eightWorkersOnTwoStoreInstancesRunEveryJobExactlyOnceAndNeverOverlapAKey() throws Exception {
    int jobCount = 2_000;
    int keyCount = 200;
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < jobCount; i++) {
      jobs.add(NewJob.builder().flow(FLOW).key("k" + (i % keyCount)).payload(Integer.toString(i)).coalescing(Coalescing.NONE).build());
    }
    store.enqueue(jobs, Optional.empty());
    SyncStateStore other = secondInstance();

    Map<Long, AtomicInteger> completions = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> runningPerKey = new ConcurrentHashMap<>();
    Map<String, AtomicLong> lastPayloadPerKey = new ConcurrentHashMap<>();
    List<String> violations = new CopyOnWriteArrayList<>();
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        SyncStateStore s = w % 2 == 0 ? store : other;
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

  // ---- allocation ledger

  private static Allocation alloc(String sku, String warehouse, String quantity) {
    return Allocation.of(sku, warehouse, new BigDecimal(quantity));
  }

  @Test
  void ledgerSumsOpenAllocationsPerSkuAndWarehouseOverOrders() {
    store.recordAllocations("1001", List.of(alloc("TEE-M", "1", "2"), alloc("TEE-L", "1", "1")));
    store.recordAllocations("1002", List.of(alloc("TEE-M", "1", "3"), alloc("TEE-M", "2", "5")));

    assertThat(store.allocatedQuantity("TEE-M", "1")).isEqualByComparingTo("5");
    assertThat(store.allocatedQuantity("TEE-M", "2")).isEqualByComparingTo("5");
    assertThat(store.allocatedQuantity("TEE-S", "1")).isEqualByComparingTo("0");
    Map<String, BigDecimal> many = store.allocatedQuantities("1", List.of("TEE-M", "TEE-L", "TEE-S"));
    assertThat(many).containsOnlyKeys("TEE-M", "TEE-L");
    assertThat(many.get("TEE-L")).isEqualByComparingTo("1");
  }

  @Test
  void ordersHoldingNamesOnlyOrdersWithAnOpenQuantityOfTheSkusInThatWarehouse() {
    store.recordAllocations("1001", List.of(alloc("TEE-M", "1", "2")));
    store.recordAllocations("1002", List.of(alloc("TEE-M", "2", "3"), alloc("TEE-L", "1", "1")));
    store.recordAllocations("1003", List.of(alloc("TEE-M", "1", "1")));
    store.releaseAllocation("1003", "despatch:9", "TEE-M", "1", BigDecimal.ONE);

    assertThat(store.ordersHolding("1", List.of("TEE-M", "TEE-L"))).containsExactlyInAnyOrder("1001", "1002");
    assertThat(store.ordersHolding("2", List.of("TEE-M"))).containsExactly("1002");
    assertThat(store.ordersHolding("1", List.of("TEE-S"))).isEmpty();
  }

  @Test
  void recordingAnOrderAgainReplacesItsLinesInsteadOfAddingThem() {
    store.recordAllocations("1001", List.of(alloc("TEE-M", "1", "2"), alloc("TEE-L", "1", "1")));
    store.recordAllocations("1001", List.of(alloc("TEE-M", "1", "2"), alloc("TEE-M", "1", "1")));

    assertThat(store.allocatedQuantity("TEE-M", "1")).isEqualByComparingTo("3");
    assertThat(store.allocatedQuantity("TEE-L", "1")).isEqualByComparingTo("0");
    assertThat(store.openAllocations("1001")).hasSize(1);
  }

  @Test
  void aReleaseIsAppliedOnceAndNeverGoesBelowZero() {
    store.recordAllocations("1001", List.of(alloc("TEE-M", "1", "3")));

    assertThat(store.releaseAllocation("1001", "shipment-7", "TEE-M", "1", new BigDecimal("2"))).isTrue();
    assertThat(store.releaseAllocation("1001", "shipment-7", "TEE-M", "1", new BigDecimal("2"))).isFalse();
    assertThat(store.allocatedQuantity("TEE-M", "1")).isEqualByComparingTo("1");

    assertThat(store.releaseAllocation("1001", "shipment-8", "TEE-M", "1", new BigDecimal("5"))).isTrue();
    assertThat(store.allocatedQuantity("TEE-M", "1")).isEqualByComparingTo("0");
    assertThat(store.openAllocations("1001")).isEmpty();
  }

  @Test
  void aReleaseBeforeTheRecordStillCountsAndReRecordingKeepsIt() {
    // a despatch can be processed before a retried import writes its ledger lines
    store.releaseAllocation("1001", "shipment-1", "TEE-M", "1", new BigDecimal("1"));
    store.recordAllocations("1001", List.of(alloc("TEE-M", "1", "2")));
    store.recordAllocations("1001", List.of(alloc("TEE-M", "1", "2")));

    assertThat(store.openAllocations("1001")).singleElement().satisfies(a ->
        assertThat(a.quantity()).isEqualByComparingTo("1"));
    assertThat(secondInstance().allocatedQuantity("TEE-M", "1")).isEqualByComparingTo("1");
  }

  @Test
  void ledgerRejectsBlankReferencesAndNegativeQuantities() {
    assertThatThrownBy(() -> store.recordAllocations(" ", List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.releaseAllocation("1001", "", "TEE-M", "1", BigDecimal.ONE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> alloc("TEE-M", "1", "-1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void recentBindingsListOneEntityTypeNewestFirst() {
    store.bind(Binding.builder().entityType("order-totals-mismatch").centraId("1").sageId("11").syncedAt(store.now()).build());
    advance(Duration.ofSeconds(1));
    store.bind(Binding.builder().entityType("order-totals-mismatch").centraId("2").sageId("12").syncedAt(store.now()).build());
    store.bind(Binding.builder().entityType("order").centraId("3").sageId("13").syncedAt(store.now()).build());

    assertThat(store.recentBindings("order-totals-mismatch", 10)).extracting(Binding::centraId).containsExactly("2", "1");
    assertThat(store.recentBindings("order-totals-mismatch", 1)).extracting(Binding::centraId).containsExactly("2");
    assertThat(store.recentBindings("refund", 5)).isEmpty();
    assertThatThrownBy(() -> store.recentBindings("order", 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void countBindingsCountsOneEntityType() {
    store.bind(Binding.builder().entityType("order").centraId("1").sageId("11").build());
    store.bind(Binding.builder().entityType("order").centraId("2").sageId("12").build());
    store.bind(Binding.builder().entityType("order").centraId("2").sageId("12").sageReference("SO2").build()); // rebound
    store.bind(Binding.builder().entityType("customer").centraId("a@b.example").sageId("7").build());

    assertThat(store.countBindings("order")).isEqualTo(2);
    assertThat(store.countBindings("customer")).isEqualTo(1);
    assertThat(store.countBindings("refund")).isZero();
    store.unbind("order", "1");
    assertThat(store.countBindings("order")).isEqualTo(1);
  }
}
