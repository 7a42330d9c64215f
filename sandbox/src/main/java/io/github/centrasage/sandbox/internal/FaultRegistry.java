package io.github.centrasage.sandbox.internal;

import io.github.centrasage.sandbox.Fault;
import io.github.centrasage.sandbox.FaultScope;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The faults injected into one sandbox; picks the fault (if any) that strikes a request. */
public final class FaultRegistry {
  private final Clock clock;
  private final List<Entry> entries = new CopyOnWriteArrayList<>();

  public FaultRegistry(Clock clock) {
    this.clock = clock;
  }

  /** One injected fault with its remaining budget. */
  public static final class Entry {
    final Fault fault;
    final FaultScope scope;
    final Instant until;
    final AtomicInteger remaining;
    final AtomicInteger applied = new AtomicInteger();

    Entry(Fault fault, FaultScope scope, Instant until) {
      this.fault = fault;
      this.scope = scope;
      this.until = until;
      this.remaining = new AtomicInteger(scope.calls());
    }

    public Fault fault() {
      return fault;
    }

    public FaultScope scope() {
      return scope;
    }

    public int applied() {
      return applied.get();
    }

    /** Takes one unit of budget; false when this entry is used up. */
    boolean take() {
      if (scope.calls() < 0) {
        applied.incrementAndGet();
        return true;
      }
      while (true) {
        int left = remaining.get();
        if (left <= 0) {
          return false;
        }
        if (remaining.compareAndSet(left, left - 1)) {
          applied.incrementAndGet();
          return true;
        }
      }
    }

    public boolean exhausted(Instant now) {
      return (scope.calls() >= 0 && remaining.get() <= 0) || (until != null && !now.isBefore(until));
    }
  }

  public Entry add(Fault fault, FaultScope scope) {
    if (fault == null || scope == null) {
      throw new IllegalArgumentException("fault and scope must not be null");
    }
    Instant until = scope.duration() == null ? null : clock.instant().plus(scope.duration());
    Entry entry = new Entry(fault, scope, until);
    entries.add(entry);
    return entry;
  }

  public void remove(Entry entry) {
    entries.remove(entry);
  }

  public void clear() {
    entries.clear();
  }

  public List<Entry> active() {
    Instant now = clock.instant();
    entries.removeIf(e -> e.exhausted(now));
    return List.copyOf(entries);
  }

  /** The fault striking a call of {@code operation}, consuming its budget; null when none. */
  public Fault strike(String operation) {
    Instant now = clock.instant();
    for (Entry e : entries) {
      if (e.until != null && !now.isBefore(e.until)) {
        entries.remove(e);
        continue;
      }
      if (e.scope.operation() != null && !e.scope.operation().equals(operation)) {
        continue;
      }
      if (e.take()) {
        return e.fault;
      }
      entries.remove(e);
    }
    return null;
  }
}
