package io.github.centrasage.dashboard;

import io.github.centrasage.sync.JobFailure;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.SyncListener;
import io.github.centrasage.sync.spi.DiscoverContext;
import io.github.centrasage.sync.spi.EngineStore;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobContext;
import io.github.centrasage.sync.spi.NewJob;
import io.github.centrasage.sync.spi.SyncFlow;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
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

/**
 * An engine on an in-memory store with two small flows whose jobs fail while their reference is
 * marked broken: enough to park, replay and discard real jobs.
 */
final class TestShop implements AutoCloseable {
  /** The engine's clock. */
  final MovableClock clock = new MovableClock(Instant.parse("2026-11-26T10:00:00Z"));
  final InMemorySyncStateStore store;
  final TestFlow orders = new TestFlow("OrderImport");
  final TestFlow stock = new TestFlow("StockPublish");
  final SyncEngine engine;

  TestShop() {
    this(new SyncListener() {});
  }

  TestShop(SyncListener listener) {
    this(listener, null);
  }

  /**
   * With {@code storeClock}, the store keeps its own time, as a database does while the engine runs
   * on a sandbox's pinned clock; null shares the engine's clock.
   */
  TestShop(SyncListener listener, Clock storeClock) {
    this(clock -> listener, storeClock);
  }

  /** With a listener made for the engine's clock (a recorder times what it records on it). */
  TestShop(java.util.function.Function<MovableClock, SyncListener> listener, Clock storeClock) {
    this(listener, storeClock, List.of());
  }

  /** With more flows of these names after the two (a page as long as a real one). */
  TestShop(java.util.function.Function<MovableClock, SyncListener> listener, Clock storeClock, List<String> moreFlows) {
    this(listener, storeClock, moreFlows, false);
  }

  /**
   * An engine whose store is an {@link EngineStore} and nothing more (a store of the engine alone):
   * {@link #store} still keeps bindings and payout reports underneath, the engine cannot reach them.
   */
  static TestShop withEngineOnlyStore() {
    return new TestShop(clock -> new SyncListener() {}, null, List.of(), true);
  }

  private TestShop(java.util.function.Function<MovableClock, SyncListener> listener, Clock storeClock,
      List<String> moreFlows, boolean engineOnly) {
    store = new InMemorySyncStateStore(storeClock == null ? clock : storeClock);
    SyncEngine.Builder builder = SyncEngine.builder().store(engineOnly ? engineOnly(store) : store).clock(clock)
        .flow(orders).flow(stock)
        .listener(listener.apply(clock));
    moreFlows.forEach(name -> builder.flow(new TestFlow(name)));
    engine = builder.build();
  }

  /** Discovers the given order references and processes them once; broken ones park. */
  List<Job> importOrders(String... references) {
    for (String ref : references) {
      orders.pending.add(NewJob.builder().flow(orders.name()).key("order:" + ref).reference(ref)
          .payload("{\"order\":\"" + ref + "\"}").build());
    }
    engine.runOnce(orders.name());
    List<Job> jobs = new ArrayList<>();
    for (String ref : references) {
      jobs.add(store.search(ref, 10).stream().filter(j -> j.reference().equals(ref)).findFirst().orElseThrow());
    }
    return jobs;
  }

  @Override
  public void close() {
    engine.close();
  }

  /** {@code store} behind the {@link EngineStore} interface alone. */
  private static EngineStore engineOnly(EngineStore store) {
    return (EngineStore) Proxy.newProxyInstance(EngineStore.class.getClassLoader(), new Class<?>[] {EngineStore.class},
        (proxy, method, args) -> {
          try {
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /** A flow that enqueues what the test put in {@link #pending} and fails jobs whose reference is broken. */
  static final class TestFlow implements SyncFlow {
    private final String name;
    final List<NewJob> pending = new ArrayList<>();
    final Map<String, String> broken = new ConcurrentHashMap<>();
    final java.util.Set<String> failTransiently = ConcurrentHashMap.newKeySet();
    volatile String transientMessage = "Centra answered 503";
    final List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** What the flow reports as entities done; empty counts succeeded jobs. */
    volatile java.util.OptionalLong entitiesDone = java.util.OptionalLong.empty();

    TestFlow(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void discover(DiscoverContext context) {
      List<NewJob> jobs = new ArrayList<>(pending);
      pending.clear();
      context.enqueue(jobs, context.clock().instant().toString());
    }

    @Override
    public void process(JobContext context) {
      if (failTransiently.contains(context.job().reference())) {
        throw JobFailure.transientFailure(transientMessage);
      }
      String reason = broken.get(context.job().reference());
      if (reason != null) {
        throw JobFailure.permanent(reason);
      }
    }

    @Override
    public List<String> notices(io.github.centrasage.sync.spi.SyncContext context) {
      return List.copyOf(notices);
    }

    @Override
    public java.util.OptionalLong entitiesDone(io.github.centrasage.sync.spi.SyncContext context) {
      return entitiesDone;
    }

    @Override
    public Optional<Instant> cursorTime(String cursorValue) {
      return Optional.of(Instant.parse(cursorValue));
    }
  }

  /** A clock the test moves. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant start) {
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
