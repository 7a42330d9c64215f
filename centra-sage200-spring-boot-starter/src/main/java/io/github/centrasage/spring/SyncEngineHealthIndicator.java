package io.github.centrasage.spring;

import io.github.centrasage.spring.internal.ActivityTracker;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.SyncStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The engine in {@code /actuator/health}: per flow the queue, parked jobs, cursor lag, the last
 * error, when a cycle last reached the source system without error ({@code lastCleanCycle}) and
 * when a job last succeeded ({@code lastJobSucceeded}). DOWN when the store cannot be read, or past
 * {@code centra-sage200.health.max-parked} / {@code max-cursor-lag}; otherwise UP (parked jobs need a
 * person, not a restart).
 */
public class SyncEngineHealthIndicator extends AbstractHealthIndicator {
  private final SyncEngine engine;
  private final ActivityTracker activity;
  private final CentraSage200Properties.Health limits;

  /** An indicator for {@code engine}. */
  SyncEngineHealthIndicator(SyncEngine engine, ActivityTracker activity, CentraSage200Properties.Health limits) {
    super("centra-sage200 health check failed");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.activity = activity;
    this.limits = limits;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    boolean down = false;
    for (SyncStatus s : engine.status()) {
      Map<String, Object> flow = new LinkedHashMap<>();
      flow.put("queued", s.queued());
      flow.put("running", s.running());
      flow.put("retrying", s.retrying());
      flow.put("parked", s.parked());
      flow.put("done", s.entitiesDone());
      s.cursorLag().ifPresent(lag -> flow.put("cursorLag", lag.toString()));
      s.oldestJobAge().ifPresent(age -> flow.put("oldestJobAge", age.toString()));
      s.lastRunFinishedAt().ifPresent(t -> flow.put("lastRunFinishedAt", t.toString()));
      activity.lastCleanCycle(s.flow()).ifPresent(t -> flow.put("lastCleanCycle", t.toString()));
      activity.lastJobSucceeded(s.flow()).ifPresent(t -> flow.put("lastJobSucceeded", t.toString()));
      s.lastError().ifPresent(e -> flow.put("lastError", e));
      if (limits.getMaxParked() != null && s.parked() > limits.getMaxParked()) {
        flow.put("problem", s.parked() + " parked jobs, more than " + limits.getMaxParked());
        down = true;
      }
      if (limits.getMaxCursorLag() != null && s.cursorLag().filter(l -> l.compareTo(limits.getMaxCursorLag()) > 0)
          .isPresent()) {
        flow.put("problem", "cursor lag over " + limits.getMaxCursorLag());
        down = true;
      }
      builder.withDetail(s.flow(), flow);
    }
    if (down) {
      builder.down();
    } else {
      builder.up();
    }
  }
}
