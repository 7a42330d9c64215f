package io.github.centrasage.sync.internal;

import io.github.centrasage.sync.SyncStatus;
import io.github.centrasage.sync.spi.DiscoverContext;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.spi.SyncFlow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A flow's status: job counts, cursor lag, what this instance saw of its runs, and the flow's own notices. */
final class FlowStatusReader {
  // FlowRunner's logger: the engine's log lines keep the category users configure them by
  private static final Logger log = LoggerFactory.getLogger(FlowRunner.class);

  private final FlowRunner.Settings s;
  private final Map<String, FlowHealth> health;
  private final Function<SyncFlow, DiscoverContext> contexts;

  FlowStatusReader(FlowRunner.Settings s, Map<String, FlowHealth> health, Function<SyncFlow, DiscoverContext> contexts) {
    this.s = s;
    this.health = health;
    this.contexts = contexts;
  }

  SyncStatus status(SyncFlow flow) {
    String flowName = flow.name();
    FlowHealth h = health.get(flowName);
    Instant now = s.store().now();
    Map<JobState, Long> counts = s.store().count(flowName);
    Optional<Duration> lag = s.store().cursor(flowName).flatMap(c -> {
      // A cursor's source time is on the other system's clock, which is the engine's (a sandbox's pinned
      // day, say); when the flow cannot say, the time it last moved is on the store's clock.
      Optional<Instant> source = flow.cursorTime(c.value());
      Instant position = source.orElse(c.updatedAt());
      Instant measuredAt = source.isPresent() ? s.clock().instant() : now;
      // a cursor still at the epoch ("from the beginning") has read nothing yet: no lag to show, not 57 years
      return position.equals(Instant.EPOCH) ? Optional.empty()
          : Optional.of(nonNegative(Duration.between(position, measuredAt)));
    });
    return SyncStatus.builder()
        .flow(flowName)
        .lastRunStartedAt(Optional.ofNullable(h.lastRunStartedAt))
        .lastRunFinishedAt(Optional.ofNullable(h.lastRunFinishedAt))
        .cursorLag(lag)
        .queued(counts.get(JobState.QUEUED))
        .running(counts.get(JobState.RUNNING))
        .retrying(counts.get(JobState.RETRYING))
        .parked(counts.get(JobState.PARKED))
        .succeeded(counts.get(JobState.SUCCEEDED))
        .entitiesDone(entitiesDone(flow).orElse(counts.get(JobState.SUCCEEDED)))
        .oldestJobAge(s.store().oldestPendingSince(flowName).map(t -> nonNegative(Duration.between(t, now))))
        .lastError(Optional.ofNullable(h.lastError))
        .notices(notices(flow))
        .build();
  }

  private OptionalLong entitiesDone(SyncFlow flow) {
    try {
      return flow.entitiesDone(contexts.apply(flow));
    } catch (RuntimeException e) {
      // a status read must not fail because one flow cannot count; done falls back to succeeded jobs
      log.warn("Flow {} could not count the entities it has done", flow.name(), e);
      return OptionalLong.empty();
    }
  }

  private List<String> notices(SyncFlow flow) {
    try {
      return List.copyOf(flow.notices(contexts.apply(flow)));
    } catch (RuntimeException e) {
      // a status read must not fail because one flow cannot list its notices
      log.warn("Flow {} could not list its notices", flow.name(), e);
      return List.of("Could not list notices: " + Failures.describe(e));
    }
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
