package io.github.centrasage.dashboard;

import io.github.centrasage.sync.FailureClassification;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.SyncListener;
import io.github.centrasage.sync.SyncStatus;
import io.github.centrasage.sync.spi.Job;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer meters for a {@link SyncEngine}. As a {@link SyncListener} it counts, per flow, the
 * jobs that succeeded, were retried (tagged with the failure kind), parked, replayed and
 * discarded; {@link #bindTo(SyncEngine)} adds gauges per flow for queue depth, parked jobs, entities done, the
 * age of the oldest waiting job and cursor lag (for {@code StockPublish} that is the stock lag).
 * Gauges read one status snapshot, cached briefly so a scrape costs one round of store queries.
 * Needs {@code io.micrometer:micrometer-core} on the classpath.
 *
 * <p>Usage:
 * <pre>{@code
 * SyncMetrics metrics = SyncMetrics.create(registry);
 * SyncEngine engine = SyncEngine.builder().listener(metrics)....build();
 * metrics.bindTo(engine);
 * }</pre>
 *
 * <p>Meters: counters {@code sync.jobs.succeeded}, {@code sync.jobs.retried} (tag {@code kind}),
 * {@code sync.jobs.parked}, {@code sync.jobs.replayed}, {@code sync.jobs.discarded}; gauges
 * {@code sync.queue.depth}, {@code sync.parked}, {@code sync.done} (entities done, such as orders
 * imported; the job counters count every notice's job), {@code sync.oldest.job.age} (seconds),
 * {@code sync.cursor.lag} (seconds; NaN until the flow has a cursor). All carry a {@code flow} tag.
 */
public final class SyncMetrics implements SyncListener {
  private final MeterRegistry registry;
  private final Duration statusCacheTtl;
  private final Object cacheLock = new Object();
  private SyncEngine engine;
  private List<SyncStatus> cached;
  private Instant cachedAt;

  private SyncMetrics(MeterRegistry registry, Duration statusCacheTtl) {
    this.registry = Objects.requireNonNull(registry, "registry");
    if (statusCacheTtl.isNegative()) {
      throw new IllegalArgumentException("statusCacheTtl must not be negative: " + statusCacheTtl);
    }
    this.statusCacheTtl = statusCacheTtl;
  }

  /** Meters in {@code registry}; gauges reuse a status snapshot for up to 5 seconds. */
  public static SyncMetrics create(MeterRegistry registry) {
    return create(registry, Duration.ofSeconds(5));
  }

  /** Meters in {@code registry}; gauges reuse a status snapshot for up to {@code statusCacheTtl} (zero: never). */
  public static SyncMetrics create(MeterRegistry registry, Duration statusCacheTtl) {
    return new SyncMetrics(registry, Objects.requireNonNull(statusCacheTtl, "statusCacheTtl"));
  }

  /**
   * Registers the gauges of every flow of {@code engine}. Call once, after the engine is built.
   *
   * @throws IllegalStateException if already bound to an engine
   */
  public SyncMetrics bindTo(SyncEngine engine) {
    Objects.requireNonNull(engine, "engine");
    synchronized (cacheLock) {
      if (this.engine != null) {
        throw new IllegalStateException("SyncMetrics is already bound to an engine");
      }
      this.engine = engine;
    }
    for (SyncStatus s : engine.status()) {
      String flow = s.flow();
      gauge("sync.queue.depth", flow, "Jobs waiting or running", st -> st.queued() + st.running() + st.retrying());
      gauge("sync.parked", flow, "Jobs that need a person", SyncStatus::parked);
      gauge("sync.done", flow, "Entities done (OrderImport: orders imported), not jobs", SyncStatus::done);
      timeGauge("sync.oldest.job.age", flow, "Age of the oldest waiting job", SyncStatus::oldestJobAge);
      timeGauge("sync.cursor.lag", flow, "How far the flow's cursor is behind", SyncStatus::cursorLag);
    }
    return this;
  }

  private void gauge(String name, String flow, String description, ToDoubleFunction<SyncStatus> value) {
    Gauge.builder(name, this, m -> m.status(flow).map(value::applyAsDouble).orElse(Double.NaN))
        .description(description)
        .tag("flow", flow)
        .strongReference(true)
        .register(registry);
  }

  private void timeGauge(String name, String flow, String description,
      java.util.function.Function<SyncStatus, Optional<Duration>> value) {
    TimeGauge.builder(name, this, TimeUnit.SECONDS,
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

  private void count(String name, Job job, String description) {
    Counter.builder(name).description(description).tag("flow", job.flow()).register(registry).increment();
  }

  @Override
  public void jobSucceeded(Job job) {
    count("sync.jobs.succeeded", job, "Jobs completed");
  }

  @Override
  public void jobRetried(Job job, FailureClassification failure, Instant runAt) {
    Counter.builder("sync.jobs.retried")
        .description("Failed attempts scheduled to run again")
        .tag("flow", job.flow())
        .tag("kind", failure.kind().name().toLowerCase(java.util.Locale.ROOT))
        .register(registry)
        .increment();
  }

  @Override
  public void jobParked(Job job, List<String> reasons) {
    count("sync.jobs.parked", job, "Jobs stopped for a person");
  }

  @Override
  public void jobReplayed(Job job) {
    count("sync.jobs.replayed", job, "Parked jobs put back in the queue");
  }

  @Override
  public void jobDiscarded(Job job) {
    count("sync.jobs.discarded", job, "Jobs given up on");
  }
}
