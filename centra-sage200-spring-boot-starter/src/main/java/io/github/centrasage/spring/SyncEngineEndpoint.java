package io.github.centrasage.spring;

import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.SyncStatus;
import io.github.centrasage.sync.spi.Job;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The Actuator endpoint {@code centrasage200}: {@code GET /actuator/centrasage200} lists every flow's
 * status; {@code POST /actuator/centrasage200/{jobId}} puts a parked job back in the queue (after the
 * mapping or the data was fixed). Expose it like any endpoint
 * ({@code management.endpoints.web.exposure.include=health,centrasage200}) and secure it as you
 * secure Actuator: a replay writes to Sage.
 */
@Endpoint(id = "centrasage200")
public class SyncEngineEndpoint {
  private final SyncEngine engine;

  /** An endpoint for {@code engine}. */
  public SyncEngineEndpoint(SyncEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  /** Every flow's status. */
  @ReadOperation
  public Map<String, Object> status() {
    Map<String, Object> flows = new LinkedHashMap<>();
    for (SyncStatus s : engine.status()) {
      Map<String, Object> flow = new LinkedHashMap<>();
      flow.put("queued", s.queued());
      flow.put("running", s.running());
      flow.put("retrying", s.retrying());
      flow.put("parked", s.parked());
      flow.put("done", s.entitiesDone());
      s.cursorLag().ifPresent(l -> flow.put("cursorLag", l.toString()));
      s.lastError().ifPresent(e -> flow.put("lastError", e));
      flow.put("notices", s.notices());
      flows.put(s.flow(), flow);
    }
    return Map.of("flows", flows);
  }

  /** Replays the parked job {@code jobId}; the answer says whether there was one to replay. */
  @WriteOperation
  public Map<String, Object> replay(@Selector long jobId) {
    return engine.replay(jobId)
        .<Map<String, Object>>map(job -> Map.of("replayed", true, "job", describe(job)))
        .orElse(Map.of("replayed", false, "reason", "no parked job " + jobId));
  }

  private static Map<String, Object> describe(Job job) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", job.id());
    m.put("flow", job.flow());
    m.put("reference", job.reference());
    m.put("state", job.state().name());
    return m;
  }
}
