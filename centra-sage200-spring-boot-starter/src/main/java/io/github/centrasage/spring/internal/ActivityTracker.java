package io.github.centrasage.spring.internal;

import io.github.centrasage.sync.SyncListener;
import io.github.centrasage.sync.spi.Job;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, per flow, when a cycle last finished without a discover error (the flow reached the
 * system it reads) and when a job last succeeded (it reached the system it writes), for the health
 * indicator.
 */
public final class ActivityTracker implements SyncListener {
  private final Clock clock;
  private final Map<String, Instant> lastCleanCycle = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastSuccess = new ConcurrentHashMap<>();

  public ActivityTracker(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void flowCycleFinished(String flow, Optional<Throwable> error) {
    if (error.isEmpty()) {
      lastCleanCycle.put(flow, clock.instant());
    }
  }

  @Override
  public void jobSucceeded(Job job) {
    lastSuccess.put(job.flow(), clock.instant());
  }

  public Optional<Instant> lastCleanCycle(String flow) {
    return Optional.ofNullable(lastCleanCycle.get(flow));
  }

  public Optional<Instant> lastJobSucceeded(String flow) {
    return Optional.ofNullable(lastSuccess.get(flow));
  }
}
