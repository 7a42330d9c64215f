package io.github.centrasage.sync.store;

import io.github.centrasage.sync.store.Allocation;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.spi.Coalescing;
import io.github.centrasage.sync.spi.Cursor;
import io.github.centrasage.sync.spi.CursorMove;
import io.github.centrasage.sync.spi.FailureKind;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobAttempt;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.spi.NewJob;
import io.github.centrasage.sync.store.StockVersion;
import io.github.centrasage.sync.store.SyncStateStore;
import io.github.centrasage.sync.store.internal.InMemoryAllocationLedger;
import io.github.centrasage.sync.store.internal.QueueRules;
import io.github.centrasage.sync.store.internal.StoreChecks;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A {@link SyncStateStore} in memory, for tests and throwaway runs: nothing survives the JVM and
 * it cannot be shared by engine instances. Time comes from the given {@link Clock}, so tests that
 * move a settable clock move the store's due times and leases with it.
 *
 * <p>Why it is not H2 in memory on the JDBC code: database time cannot be set, so a test on the JDBC
 * store has to wait for leases and due times to pass, while this store follows a settable clock and
 * lets thousands of engine tests run in milliseconds without a driver on the classpath. The queue's
 * rules (what a new job folds into, when a job is due, what a retry or park records, what can be
 * replayed or discarded) come from {@code QueueRules}, the same class the JDBC store builds its SQL
 * from, and both stores pass the published {@code SyncStateStoreContract} in {@code sync-testing}.
 *
 * <p>Usage: {@code SyncStateStore store = new InMemorySyncStateStore(Clock.systemUTC());}
 */
public final class InMemorySyncStateStore implements SyncStateStore {
  private final Clock clock;
  private final Object lock = new Object();
  private final Map<String, Cursor> cursors = new HashMap<>();
  /** Jobs by id; ids grow with enqueue order. */
  private final TreeMap<Long, Row> jobs = new TreeMap<>();
  private final Map<Long, List<JobAttempt>> history = new HashMap<>();
  private final Map<String, Binding> bindingsByCentra = new HashMap<>();
  private final Map<String, Binding> bindingsBySage = new HashMap<>();
  private final Map<String, StockVersion> stockVersions = new HashMap<>();
  private final InMemoryAllocationLedger ledger = new InMemoryAllocationLedger();
  private final Map<String, Lease> leases = new HashMap<>();
  private long nextId = 1;
  private long nextSeq = 1;

  /** A store whose clock is {@code clock}. */
  public InMemorySyncStateStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  // ---- cursors

  @Override
  public Optional<Cursor> cursor(String name) {
    synchronized (lock) {
      return Optional.ofNullable(cursors.get(name));
    }
  }

  @Override
  public void putCursor(String name, String value) {
    synchronized (lock) {
      writeCursor(CursorMove.of(name, value));
    }
  }

  private void writeCursor(CursorMove move) {
    cursors.put(
        move.name(),
        Cursor.builder().name(move.name()).value(move.value()).updatedAt(now()).build());
  }

  // ---- job queue

  @Override
  public List<Job> enqueue(Collection<NewJob> newJobs, Optional<CursorMove> cursor) {
    List<Job> result = new ArrayList<>(newJobs.size());
    synchronized (lock) {
      Instant now = now();
      for (NewJob nj : newJobs) {
        Set<JobState> foldsInto = QueueRules.foldsInto(nj.coalescing());
        Row waiting = nj.coalescing() == Coalescing.NONE
            ? null
            : jobs.values().stream()
                .filter(r -> r.flow.equals(nj.flow()) && r.key.equals(nj.key()))
                .filter(r -> foldsInto.contains(r.state))
                .reduce((a, b) -> b) // the last waiting one: new work folds into the tail
                .orElse(null);
        if (waiting != null) {
          if (QueueRules.replacesPayload(nj.coalescing())) {
            waiting.payload = nj.payload();
            waiting.reference = nj.reference();
          }
          waiting.updatedAt = now;
          result.add(waiting.toJob());
          continue;
        }
        Row row = new Row();
        row.id = nextId++;
        row.seq = nextSeq++;
        row.flow = nj.flow();
        row.key = nj.key();
        row.payload = nj.payload();
        row.reference = nj.reference();
        row.state = JobState.QUEUED;
        row.nextRunAt = now.plus(nj.delay());
        row.createdAt = now;
        row.updatedAt = now;
        jobs.put(row.id, row);
        result.add(row.toJob());
      }
      cursor.ifPresent(this::writeCursor);
    }
    return result;
  }

  @Override
  public List<Job> claim(String flow, String owner, int limit, Duration lease) {
    StoreChecks.claimArguments(owner, limit, lease);
    synchronized (lock) {
      Instant now = now();
      Set<String> blockedKeys = new HashSet<>();
      for (Row r : jobs.values()) {
        if (r.flow.equals(flow) && r.state == JobState.RUNNING && r.leaseUntil.isAfter(now)) {
          blockedKeys.add(r.key);
        }
      }
      List<Row> pendingInOrder = jobs.values().stream()
          .filter(r -> r.flow.equals(flow) && r.state.isPending())
          .sorted(Comparator.comparingLong(r -> r.seq))
          .collect(Collectors.toList());
      List<Row> claimable = new ArrayList<>();
      for (Row r : pendingInOrder) {
        if (QueueRules.isDue(r.state, r.nextRunAt, r.leaseUntil, now) && !blockedKeys.contains(r.key)) {
          claimable.add(r);
        }
        // whether claimed or not, this job holds back the later jobs of its key
        blockedKeys.add(r.key);
      }
      claimable.sort(Comparator.<Row, Instant>comparing(r -> r.state == JobState.RUNNING ? r.leaseUntil : r.nextRunAt)
          .thenComparingLong(r -> r.seq));
      List<Job> claimed = new ArrayList<>();
      for (Row r : claimable.subList(0, Math.min(limit, claimable.size()))) {
        r.state = JobState.RUNNING;
        r.leaseOwner = owner;
        r.leaseUntil = now.plus(lease);
        r.attempts++;
        r.updatedAt = now;
        claimed.add(r.toJob());
      }
      return claimed;
    }
  }

  @Override
  public boolean extendLease(long jobId, String owner, Duration lease) {
    synchronized (lock) {
      Row r = runningOwnedBy(jobId, owner);
      if (r == null) {
        return false;
      }
      r.leaseUntil = now().plus(lease);
      return true;
    }
  }

  @Override
  public boolean complete(long jobId, String owner) {
    synchronized (lock) {
      Row r = runningOwnedBy(jobId, owner);
      if (r == null) {
        return false;
      }
      settle(r, JobState.SUCCEEDED);
      r.ambiguous = false;
      addHistory(r, JobAttempt.Outcome.SUCCEEDED, null);
      return true;
    }
  }

  @Override
  public boolean retry(long jobId, String owner, Instant runAt, FailureKind kind, String error) {
    JobAttempt.Outcome outcome = QueueRules.retryOutcome(kind);
    synchronized (lock) {
      Row r = runningOwnedBy(jobId, owner);
      if (r == null) {
        return false;
      }
      settle(r, JobState.RETRYING);
      r.nextRunAt = runAt;
      r.lastError = error;
      if (QueueRules.countsLockedAttempt(kind)) {
        r.lockedAttempts++;
      }
      if (QueueRules.marksAmbiguous(kind)) {
        r.ambiguous = true;
      }
      addHistory(r, outcome, error);
      return true;
    }
  }

  @Override
  public boolean park(long jobId, String owner, FailureKind kind, List<String> reasons, String error) {
    synchronized (lock) {
      Row r = runningOwnedBy(jobId, owner);
      if (r == null) {
        return false;
      }
      settle(r, JobState.PARKED);
      r.parkReasons = List.copyOf(reasons);
      if (QueueRules.marksAmbiguous(kind)) {
        r.ambiguous = true;
      }
      r.lastError = error;
      addHistory(r, JobAttempt.Outcome.PARKED, error);
      return true;
    }
  }

  @Override
  public Optional<Job> replay(long jobId) {
    synchronized (lock) {
      Row r = jobs.get(jobId);
      if (r == null || r.state != QueueRules.REPLAYABLE) {
        return Optional.empty();
      }
      Instant now = now();
      r.state = JobState.QUEUED;
      r.seq = nextSeq++;
      r.nextRunAt = now;
      r.updatedAt = now;
      r.attempts = 0;
      r.lockedAttempts = 0;
      r.parkReasons = List.of();
      addHistory(r, JobAttempt.Outcome.REPLAYED, null);
      return Optional.of(r.toJob());
    }
  }

  @Override
  public Optional<Job> discard(long jobId, String note) {
    synchronized (lock) {
      Row r = jobs.get(jobId);
      if (r == null || !QueueRules.DISCARDABLE.contains(r.state)) {
        return Optional.empty();
      }
      r.state = JobState.DISCARDED;
      r.updatedAt = now();
      addHistory(r, JobAttempt.Outcome.DISCARDED, note);
      return Optional.of(r.toJob());
    }
  }

  @Override
  public Optional<Job> job(long jobId) {
    synchronized (lock) {
      return Optional.ofNullable(jobs.get(jobId)).map(Row::toJob);
    }
  }

  @Override
  public List<Job> list(String flow, Set<JobState> states, int offset, int limit) {
    synchronized (lock) {
      return jobs.values().stream()
          .filter(r -> r.flow.equals(flow) && (states.isEmpty() || states.contains(r.state)))
          .skip(offset)
          .limit(limit)
          .map(Row::toJob)
          .collect(Collectors.toList());
    }
  }

  @Override
  public Map<JobState, Long> count(String flow) {
    Map<JobState, Long> counts = new EnumMap<>(JobState.class);
    for (JobState s : JobState.values()) {
      counts.put(s, 0L);
    }
    synchronized (lock) {
      jobs.values().stream().filter(r -> r.flow.equals(flow)).forEach(r -> counts.merge(r.state, 1L, Long::sum));
    }
    return counts;
  }

  @Override
  public Optional<Instant> oldestPendingSince(String flow) {
    synchronized (lock) {
      return jobs.values().stream()
          .filter(r -> r.flow.equals(flow) && r.state.isPending())
          .map(r -> r.createdAt)
          .min(Comparator.naturalOrder());
    }
  }

  @Override
  public List<Job> search(String text, int limit) {
    StoreChecks.searchArguments(text, limit);
    synchronized (lock) {
      return jobs.descendingMap().values().stream()
          .filter(r -> r.key.contains(text) || r.reference.contains(text))
          .limit(limit)
          .map(Row::toJob)
          .collect(Collectors.toList());
    }
  }

  @Override
  public List<JobAttempt> history(long jobId) {
    synchronized (lock) {
      return List.copyOf(history.getOrDefault(jobId, List.of()));
    }
  }

  private Row runningOwnedBy(long jobId, String owner) {
    Row r = jobs.get(jobId);
    if (r == null || r.state != JobState.RUNNING || !owner.equals(r.leaseOwner)) {
      return null;
    }
    return r;
  }

  private void settle(Row r, JobState state) {
    r.state = state;
    r.leaseOwner = null;
    r.leaseUntil = null;
    r.updatedAt = now();
  }

  private void addHistory(Row r, JobAttempt.Outcome outcome, String error) {
    history.computeIfAbsent(r.id, id -> new ArrayList<>()).add(
        JobAttempt.builder()
            .jobId(r.id)
            .attempt(r.attempts)
            .at(now())
            .outcome(outcome)
            .error(Optional.ofNullable(error))
            .build());
  }

  // ---- bindings

  @Override
  public Binding bind(Binding binding) {
    synchronized (lock) {
      String centraKey = binding.entityType() + "\u0000" + binding.centraId();
      String sageKey = binding.entityType() + "\u0000" + binding.sageId();
      Binding other = bindingsBySage.get(sageKey);
      if (other != null && !other.centraId().equals(binding.centraId())) {
        throw StoreChecks.sageIdTaken(binding, other.centraId());
      }
      Binding previous = bindingsByCentra.get(centraKey);
      if (previous != null) {
        bindingsBySage.remove(binding.entityType() + "\u0000" + previous.sageId());
      }
      Binding stored = Binding.builder().from(binding).syncedAt(now()).build();
      bindingsByCentra.put(centraKey, stored);
      bindingsBySage.put(sageKey, stored);
      return stored;
    }
  }

  @Override
  public Optional<Binding> bindingByCentraId(String entityType, String centraId) {
    synchronized (lock) {
      return Optional.ofNullable(bindingsByCentra.get(entityType + "\u0000" + centraId));
    }
  }

  @Override
  public Optional<Binding> bindingBySageId(String entityType, String sageId) {
    synchronized (lock) {
      return Optional.ofNullable(bindingsBySage.get(entityType + "\u0000" + sageId));
    }
  }

  @Override
  public Map<String, Binding> bindingsByCentraIds(String entityType, Collection<String> centraIds) {
    Map<String, Binding> found = new LinkedHashMap<>();
    synchronized (lock) {
      for (String id : centraIds) {
        Binding b = bindingsByCentra.get(entityType + "\u0000" + id);
        if (b != null) {
          found.put(id, b);
        }
      }
    }
    return found;
  }

  @Override
  public List<Binding> searchBindings(String text, int limit) {
    StoreChecks.searchArguments(text, limit);
    synchronized (lock) {
      return bindingsByCentra.values().stream()
          .filter(b -> b.centraId().contains(text))
          .sorted(Comparator.comparing(Binding::entityType).thenComparing(Binding::centraId))
          .limit(limit)
          .collect(Collectors.toList());
    }
  }

  @Override
  public List<Binding> recentBindings(String entityType, int limit) {
    StoreChecks.positiveLimit(limit);
    synchronized (lock) {
      return bindingsByCentra.values().stream()
          .filter(b -> b.entityType().equals(entityType))
          .sorted(Comparator.comparing((Binding b) -> b.syncedAt().orElse(Instant.MIN)).reversed()
              .thenComparing(Binding::centraId))
          .limit(limit)
          .collect(Collectors.toList());
    }
  }

  @Override
  public long countBindings(String entityType) {
    synchronized (lock) {
      return bindingsByCentra.values().stream().filter(b -> b.entityType().equals(entityType)).count();
    }
  }

  @Override
  public boolean unbind(String entityType, String centraId) {
    synchronized (lock) {
      Binding b = bindingsByCentra.remove(entityType + "\u0000" + centraId);
      if (b != null) {
        bindingsBySage.remove(entityType + "\u0000" + b.sageId());
      }
      return b != null;
    }
  }

  // ---- stock versions

  @Override
  public Optional<StockVersion> stockVersion(String sku, String warehouse) {
    synchronized (lock) {
      return Optional.ofNullable(stockVersions.get(sku + "\u0000" + warehouse));
    }
  }

  @Override
  public boolean applyStockVersionIfNewer(String sku, String warehouse, StockVersion version) {
    synchronized (lock) {
      String k = sku + "\u0000" + warehouse;
      StockVersion current = stockVersions.get(k);
      if (current != null && current.compareTo(version) >= 0) {
        return false;
      }
      stockVersions.put(k, version);
      return true;
    }
  }

  // ---- allocation ledger: state of its own, so its own class and lock

  @Override
  public void recordAllocations(String orderRef, List<Allocation> lines) {
    ledger.recordAllocations(orderRef, lines);
  }

  @Override
  public boolean releaseAllocation(String orderRef, String releaseId, String sku, String warehouse, BigDecimal quantity) {
    return ledger.releaseAllocation(orderRef, releaseId, sku, warehouse, quantity);
  }

  @Override
  public List<Allocation> openAllocations(String orderRef) {
    return ledger.openAllocations(orderRef);
  }

  @Override
  public BigDecimal allocatedQuantity(String sku, String warehouse) {
    return ledger.allocatedQuantity(sku, warehouse);
  }

  @Override
  public Map<String, BigDecimal> allocatedQuantities(String warehouse, Collection<String> skus) {
    return ledger.allocatedQuantities(warehouse, skus);
  }

  @Override
  public Set<String> ordersHolding(String warehouse, Collection<String> skus) {
    return ledger.ordersHolding(warehouse, skus);
  }

  // ---- leases

  @Override
  public boolean tryAcquireLease(String name, String owner, Duration ttl) {
    StoreChecks.leaseArguments(name, owner, ttl);
    synchronized (lock) {
      Instant now = now();
      Lease current = leases.get(name);
      if (current != null && current.until.isAfter(now) && !current.owner.equals(owner)) {
        return false;
      }
      leases.put(name, new Lease(owner, now.plus(ttl)));
      return true;
    }
  }

  @Override
  public boolean releaseLease(String name, String owner) {
    synchronized (lock) {
      Lease current = leases.get(name);
      if (current == null || !current.owner.equals(owner) || !current.until.isAfter(now())) {
        return false;
      }
      leases.remove(name);
      return true;
    }
  }

  @Override
  public Optional<String> leaseHolder(String name) {
    synchronized (lock) {
      Lease current = leases.get(name);
      return current != null && current.until.isAfter(now()) ? Optional.of(current.owner) : Optional.empty();
    }
  }

  private static final class Lease {
    final String owner;
    final Instant until;

    Lease(String owner, Instant until) {
      this.owner = owner;
      this.until = until;
    }
  }

  /** Mutable row, only touched under {@code lock}. */
  private static final class Row {
    long id;
    long seq;
    String flow;
    String key;
    String payload;
    String reference;
    JobState state;
    int attempts;
    int lockedAttempts;
    boolean ambiguous;
    Instant nextRunAt;
    Instant createdAt;
    Instant updatedAt;
    String lastError;
    List<String> parkReasons = List.of();
    String leaseOwner;
    Instant leaseUntil;

    Job toJob() {
      return Job.builder()
          .id(id)
          .flow(flow)
          .key(key)
          .payload(payload)
          .reference(reference)
          .state(state)
          .attempts(attempts)
          .lockedAttempts(lockedAttempts)
          .ambiguous(ambiguous)
          .nextRunAt(nextRunAt)
          .createdAt(createdAt)
          .updatedAt(updatedAt)
          .lastError(Optional.ofNullable(lastError))
          .parkReasons(parkReasons)
          .leaseOwner(Optional.ofNullable(leaseOwner))
          .leaseUntil(Optional.ofNullable(leaseUntil))
          .build();
    }
  }
}
