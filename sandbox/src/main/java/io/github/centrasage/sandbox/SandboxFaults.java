package io.github.centrasage.sandbox;

import io.github.centrasage.sandbox.internal.FaultRegistry;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The fault-injection switchboard of one sandbox. Faults are checked in injection order; the first
 * one whose scope matches a request strikes it. Thread-safe.
 *
 * <pre>{@code try (var f = centra.faults().inject(Fault.httpStatus(502), FaultScope.nextCalls(3))) { … }}</pre>
 */
public final class SandboxFaults {
  private final FaultRegistry registry;

  SandboxFaults(FaultRegistry registry) {
    this.registry = registry;
  }

  /** Injects {@code fault} for the requests {@code scope} selects. */
  public Injected inject(Fault fault, FaultScope scope) {
    return new Injected(registry, registry.add(fault, scope));
  }

  /** Removes every injected fault. */
  public void clear() {
    registry.clear();
  }

  /** Descriptions of the faults still active (for test diagnostics). */
  public List<String> active() {
    return registry.active().stream()
        .map(e -> e.fault() + " " + e.scope() + " applied=" + e.applied())
        .collect(Collectors.toList());
  }

  /**
   * Handle on one injected fault; closing it removes the fault.
   *
   * <pre>{@code int hits = injected.timesApplied();}</pre>
   */
  public static final class Injected implements AutoCloseable {
    private final FaultRegistry registry;
    private final FaultRegistry.Entry entry;

    Injected(FaultRegistry registry, FaultRegistry.Entry entry) {
      this.registry = registry;
      this.entry = entry;
    }

    /** How many requests this fault has struck so far. */
    public int timesApplied() {
      return entry.applied();
    }

    /** Removes the fault (idempotent). */
    @Override
    public void close() {
      registry.remove(entry);
    }
  }
}
