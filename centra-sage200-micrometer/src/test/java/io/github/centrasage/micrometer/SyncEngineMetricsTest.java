package io.github.centrasage.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.centrasage.sync.JobFailure;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.spi.DiscoverContext;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobContext;
import io.github.centrasage.sync.spi.NewJob;
import io.github.centrasage.sync.spi.SyncFlow;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SyncEngineMetricsTest {
  private final MockClock meterClock = new MockClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, meterClock);
  private final StoreClock storeClock = new StoreClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final InMemorySyncStateStore store = new InMemorySyncStateStore(storeClock);
  private final Orders orders = new Orders();
  private SyncEngine engine;

  private SyncEngine engine(SyncEngineMetrics metrics) {
    engine = SyncEngine.builder().store(store).clock(storeClock).flow(orders).listener(metrics).build();
    return engine;
  }

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
  }

  private void discover(String... refs) {
    for (String ref : refs) {
      orders.pending.add(NewJob.builder().flow("OrderImport").key("order:" + ref).reference(ref).build());
    }
    engine.runOnce("OrderImport");
  }

  private double jobs(String outcome) {
    return registry.get("centra_sage200.jobs").tags("flow", "OrderImport", "outcome", outcome).counter().count();
  }

  @Test
  void countsJobsByOutcomeAsOneMeterWithTags() {
    SyncEngineMetrics metrics = SyncEngineMetrics.create(registry);
    engine(metrics);
    orders.permanent.put("1002", "Unknown SKU ABC-M");
    orders.transientOnce.add("1003");
    discover("1001", "1002", "1003");
    Job parked = store.search("1002", 5).get(0);
    orders.permanent.clear();
    engine.replay(parked.id());
    storeClock.advance(Duration.ofMinutes(10)); // past the retry delay of 1003
    engine.runOnce("OrderImport");

    assertThat(jobs("succeeded")).isEqualTo(3);
    assertThat(jobs("parked")).isEqualTo(1);
    assertThat(jobs("replayed")).isEqualTo(1);
    assertThat(jobs("retried")).isEqualTo(1);
    assertThat(registry.get("centra_sage200.job.retries").tags("flow", "OrderImport", "kind", "transient")
        .counter().count()).isEqualTo(1);
    assertThat(registry.find("sync.jobs.succeeded").meters()).as("the old per-outcome names are gone").isEmpty();
  }

  @Test
  void timesEachAttemptByOutcome() {
    SyncEngineMetrics metrics = SyncEngineMetrics.create(registry);
    engine(metrics);
    orders.took.put("1001", Duration.ofMillis(300));
    orders.took.put("1002", Duration.ofMillis(700));
    orders.permanent.put("1002", "Unknown SKU ABC-M");
    discover("1001", "1002");

    var succeeded = registry.get("centra_sage200.job.duration").tags("flow", "OrderImport", "outcome", "succeeded").timer();
    var parked = registry.get("centra_sage200.job.duration").tags("flow", "OrderImport", "outcome", "parked").timer();
    assertThat(succeeded.count()).isEqualTo(1);
    assertThat(succeeded.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(300);
    assertThat(parked.count()).isEqualTo(1);
    assertThat(parked.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(700);
  }

  @Test
  void gaugesShowQueueDepthParkedOldestAgeCursorLagAndDone() {
    SyncEngineMetrics metrics = SyncEngineMetrics.create(registry, Duration.ofSeconds(5));
    engine(metrics);
    metrics.bindTo(engine);
    assertThat(registry.get("centra_sage200.cursor.lag").tag("flow", "OrderImport").timeGauge()
        .value(TimeUnit.SECONDS)).as("no cursor yet").isNaN();
    storeClock.advance(Duration.ofSeconds(5));

    orders.permanent.put("1002", "Unknown SKU ABC-M");
    discover("1001", "1002");
    store.enqueue(NewJob.builder().flow("OrderImport").key("order:1004").build());
    store.enqueue(NewJob.builder().flow("OrderImport").key("order:1005").build());
    storeClock.advance(Duration.ofMinutes(2));

    assertThat(registry.get("centra_sage200.queue.depth").tag("flow", "OrderImport").gauge().value()).isEqualTo(2);
    assertThat(registry.get("centra_sage200.parked").tag("flow", "OrderImport").gauge().value()).isEqualTo(1);
    assertThat(registry.get("centra_sage200.oldest.job.age").tag("flow", "OrderImport").timeGauge()
        .value(TimeUnit.SECONDS)).isEqualTo(120);
    assertThat(registry.get("centra_sage200.cursor.lag").tag("flow", "OrderImport").timeGauge()
        .value(TimeUnit.SECONDS)).isEqualTo(120);
    assertThat(registry.get("centra_sage200.entities.done").tag("flow", "OrderImport").functionCounter().count())
        .isEqualTo(1);

    // within the cache time the snapshot is reused; after it, the gauges read the store again
    engine.runOnce("OrderImport");
    assertThat(registry.get("centra_sage200.queue.depth").tag("flow", "OrderImport").gauge().value()).isEqualTo(2);
    storeClock.advance(Duration.ofSeconds(5));
    assertThat(registry.get("centra_sage200.queue.depth").tag("flow", "OrderImport").gauge().value()).isZero();
    assertThat(registry.get("centra_sage200.entities.done").tag("flow", "OrderImport").functionCounter().count())
        .isEqualTo(3);
  }

  @Test
  void bindsToOneEngineOnlyAndRefusesANegativeCacheTime() {
    SyncEngineMetrics metrics = SyncEngineMetrics.create(registry);
    engine(metrics);
    metrics.bindTo(engine);
    assertThatThrownBy(() -> metrics.bindTo(engine)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> SyncEngineMetrics.create(registry, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Enqueues what the test put in {@link #pending}; fails or takes time per reference as told. */
  private final class Orders implements SyncFlow {
    final List<NewJob> pending = new ArrayList<>();
    final Map<String, String> permanent = new ConcurrentHashMap<>();
    final java.util.Set<String> transientOnce = ConcurrentHashMap.newKeySet();
    final Map<String, Duration> took = new ConcurrentHashMap<>();

    @Override
    public String name() {
      return "OrderImport";
    }

    @Override
    public void discover(DiscoverContext context) {
      List<NewJob> jobs = new ArrayList<>(pending);
      pending.clear();
      context.enqueue(jobs, context.clock().instant().toString());
    }

    @Override
    public void process(JobContext context) {
      String ref = context.job().reference();
      Optional.ofNullable(took.get(ref)).ifPresent(meterClock::add);
      if (transientOnce.remove(ref)) {
        throw JobFailure.transientFailure("Centra answered 503");
      }
      String reason = permanent.get(ref);
      if (reason != null) {
        throw JobFailure.permanent(reason);
      }
    }

    @Override
    public Optional<Instant> cursorTime(String cursorValue) {
      return Optional.of(Instant.parse(cursorValue));
    }
  }

  /** The store's clock, moved by the test. */
  private static final class StoreClock extends Clock {
    private volatile Instant now;

    StoreClock(Instant start) {
      now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
