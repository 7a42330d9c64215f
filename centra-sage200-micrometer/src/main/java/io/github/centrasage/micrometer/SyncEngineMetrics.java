package io.github.centrasage.micrometer;

import io.github.centrasage.sync.spi.FailureClassification;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.SyncListener;
import io.github.centrasage.sync.SyncStatus;
import io.github.centrasage.sync.spi.Job;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer meters for a {@link SyncEngine}, named after the library ({@code centra_sage200.*})
 * with the flow and the outcome as tags.
 *
 * <p>As a {@link SyncListener} it counts jobs by outcome and times every attempt; {@link
 * #bindTo(SyncEngine)} adds gauges per flow read from the engine's status. Gauges read one status
 * snapshot, cached briefly, so a scrape costs one round of store queries.
 *
 * <p>Usage:
 * <pre>{@code
 * SyncEngineMetrics metrics = SyncEngineMetrics.create(registry);
 * SyncEngine engine = SyncEngine.builder().listener(metrics)....build();
 * metrics.bindTo(engine);
 * }</pre>
 *
 * <p>Meters (all tagged {@code flow}):
 * <ul>
 *   <li>{@code centra_sage200.jobs} counter, tag {@code outcome}: {@code succeeded}, {@code retried},
 *       {@code parked}, {@code replayed}, {@code discarded};
 *   <li>{@code centra_sage200.job.retries} counter, tag {@code kind}: the failure kind of each retry
 *       ({@code transient}, {@code record_locked}, {@code ambiguous_write});
 *   <li>{@code centra_sage200.job.duration} timer, tag {@code outcome}: {@code succeeded},
 *       {@code retried}, {@code parked} (one sample per attempt);
 *   <li>{@code centra_sage200.queue.depth} gauge: jobs waiting, retrying or running;
 *   <li>{@code centra_sage200.parked} gauge: jobs waiting for a person;
 *   <li>{@code centra_sage200.cursor.lag} time gauge (seconds; NaN until the flow has a cursor; for
 *       {@code StockPublish} the stock lag);
 *   <li>{@code centra_sage200.oldest.job.age} time gauge (seconds; NaN when nothing waits);
 *   <li>{@code centra_sage200.entities.done} function counter: entities done as the store counts
 *       them (for {@code OrderImport} the orders imported, while {@code centra_sage200.jobs} counts
 *       every notice's job).
 * </ul>
 */
public final class SyncEngineMetrics implements SyncListener {
  static final String PREFIX = "centra_sage200.";
  /** Attempts whose outcome never came (the worker lost its lease) are forgotten past this many. */
  private static final int MAX_OPEN_ATTEMPTS = 10_000;

  private final MeterRegistry registry;
  private final Duration statusCacheTtl;
  private final Map<Long, Long> attemptStarts = new ConcurrentHashMap<>();
  private final Object cacheLock = new Object();
  private SyncEngine engine;
  private List<SyncStatus> cached;
  private Instant cachedAt;

  private SyncEngineMetrics(MeterRegistry registry, Duration statusCacheTtl) {
    this.registry = Objects.requireNonNull(registry, "registry");
    if (statusCacheTtl.isNegative()) {
      throw new IllegalArgumentException("statusCacheTtl must not be negative: " + statusCacheTtl);
    }
    this.statusCacheTtl = statusCacheTtl;
  }

  /** Meters in {@code registry}; gauges reuse a status snapshot for up to 5 seconds. */
  public static SyncEngineMetrics create(MeterRegistry registry) {
    return create(registry, Duration.ofSeconds(5));
  }

  /** Meters in {@code registry}; gauges reuse a status snapshot for up to {@code statusCacheTtl} (zero: never). */
  public static SyncEngineMetrics create(MeterRegistry registry, Duration statusCacheTtl) {
    return new SyncEngineMetrics(registry, Objects.requireNonNull(statusCacheTtl, "statusCacheTtl"));
  }

  /**
   * Registers the gauges of every flow of {@code engine}. Call once, after the engine is built.
   *
   * @return this
   * @throws IllegalStateException if already bound to an engine
   */
  public SyncEngineMetrics bindTo(SyncEngine engine) {
    Objects.requireNonNull(engine, "engine");
    synchronized (cacheLock) {
      if (this.engine != null) {
        throw new IllegalStateException("SyncEngineMetrics is already bound to an engine");
      }
      this.engine = engine;
    }
    for (SyncStatus s : engine.status()) {
      String flow = s.flow();
      gauge("queue.depth", flow, "Jobs waiting, retrying or running", st -> st.queued() + st.running() + st.retrying());
      gauge("parked", flow, "Jobs waiting for a person", SyncStatus::parked);
      timeGauge("cursor.lag", flow, "How far the flow's cursor is behind", SyncStatus::cursorLag);
      timeGauge("oldest.job.age", flow, "Age of the oldest waiting job", SyncStatus::oldestJobAge);
      FunctionCounter.builder(PREFIX + "entities.done", this,
              m -> m.status(flow).map(st -> (double) st.entitiesDone()).orElse(Double.NaN))
          .description("Entities done (OrderImport: orders imported), not jobs")
          .tag("flow", flow)
          .register(registry);
    }
    return this;
  }

  private void gauge(String name, String flow, String description, ToDoubleFunction<SyncStatus> value) {
    Gauge.builder(PREFIX + name, this, m -> m.status(flow).map(value::applyAsDouble).orElse(Double.NaN))
        .description(description)
        .tag("flow", flow)
        .strongReference(true)
        .register(registry);
  }

  private void timeGauge(String name, String flow, String description,
      Function<SyncStatus, Optional<Duration>> value) {
    TimeGauge.builder(PREFIX + name, this, TimeUnit.SECONDS,
            m -> m.status(flow).flatMap(value).map(d -> d.toMillis() / 1000.0).orElse(Double.NaN))
        .description(description)
        .tag("flow", flow)
        .strongReference(true)
        .register(registry);
  }

  private Optional<SyncStatus> status(String flow) {
    List<SyncStatus> snapshot;
    synchronized (cacheLock) {
      Instant now = engine.store().now();
      if (cached == null || statusCacheTtl.isZero() || !now.isBefore(cachedAt.plus(statusCacheTtl))) {
        cached = engine.status();
        cachedAt = now;
      }
      snapshot = cached;
    }
    return snapshot.stream().filter(s -> s.flow().equals(flow)).findFirst();
  }

  private void count(Job job, String outcome) {
    Counter.builder(PREFIX + "jobs")
        .description("Jobs by what became of them")
        .tag("flow", job.flow())
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  private void timeAttempt(Job job, String outcome) {
    Long start = attemptStarts.remove(job.id());
    if (start == null) {
      return; // started before this listener saw it (or another instance ran it)
    }
    Timer.builder(PREFIX + "job.duration")
        .description("How long one attempt of a job ran")
        .tag("flow", job.flow())
        .tag("outcome", outcome)
        .register(registry)
        .record(registry.config().clock().monotonicTime() - start, TimeUnit.NANOSECONDS);
  }

  @Override
  public void jobStarted(Job job) {
    if (attemptStarts.size() >= MAX_OPEN_ATTEMPTS) {
      attemptStarts.clear(); // only lost leases leave entries behind; a few missed samples beat a leak
    }
    attemptStarts.put(job.id(), registry.config().clock().monotonicTime());
  }

  @Override
  public void jobSucceeded(Job job) {
    timeAttempt(job, "succeeded");
    count(job, "succeeded");
  }

  @Override
  public void jobRetried(Job job, FailureClassification failure, Instant runAt) {
    timeAttempt(job, "retried");
    count(job, "retried");
    Counter.builder(PREFIX + "job.retries")
        .description("Failed attempts scheduled to run again, by failure kind")
        .tag("flow", job.flow())
        .tag("kind", failure.kind().name().toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }

  @Override
  public void jobParked(Job job, List<String> reasons) {
    timeAttempt(job, "parked");
    count(job, "parked");
  }

  @Override
  public void jobReplayed(Job job) {
    count(job, "replayed");
  }

  @Override
  public void jobDiscarded(Job job) {
    count(job, "discarded");
  }
}
