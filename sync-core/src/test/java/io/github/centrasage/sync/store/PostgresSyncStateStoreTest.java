package io.github.centrasage.sync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.spi.Coalescing;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.spi.NewJob;
import io.github.centrasage.sync.testing.ScriptedFlow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.centrasage.sync.store.SyncStateStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What only PostgreSQL shared by several instances does: engines on one database, concurrent
 * migrations, dialect detection (io.zonky embedded binaries, one server per class). The store
 * contract runs on PostgreSQL in sync-testing ({@code PostgresStoreContractTest}).
 */
class PostgresSyncStateStoreTest {
  private static final String FLOW = "OrderImport";
  private static EmbeddedPostgres postgres;
  private static DataSource dataSource;
  private SyncStateStore store;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
    dataSource = new PooledDataSource(postgres.getPostgresDatabase(), 12);
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    ((PooledDataSource) dataSource).close();
    postgres.close();
  }

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private static SyncStateStore newStore() {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA public CASCADE");
      s.execute("CREATE SCHEMA public");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return JdbcSyncStateStore.builder(dataSource).build();
  }

  private static SyncStateStore secondInstance() {
    return JdbcSyncStateStore.builder(dataSource).dialect(JdbcSyncStateStore.Dialect.POSTGRESQL).build();
  }

  @Test
  void twoStartedEnginesShareOneDatabaseAndRunEveryJobOnceInKeyOrder() {
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> busyKeys = new ConcurrentHashMap<>();
    Map<String, Integer> lastPerKey = new ConcurrentHashMap<>();
    List<String> violations = new CopyOnWriteArrayList<>();
    ScriptedFlow flow = new ScriptedFlow(FLOW)
        .onDiscover(ctx -> {
          if (ctx.cursor().isEmpty()) {
            List<NewJob> jobs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
              jobs.add(ctx.newJob("order:" + (i % 20)).payload(Integer.toString(i)).coalescing(Coalescing.NONE).build());
            }
            ctx.enqueue(jobs, "all");
          }
        })
        .onProcess(ctx -> {
          String key = ctx.job().key();
          if (busyKeys.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() != 1) {
            violations.add("overlap on " + key);
          }
          int n = Integer.parseInt(ctx.job().payload());
          Integer before = lastPerKey.put(key, n);
          if (before != null && before > n) {
            violations.add("out of order on " + key);
          }
          runs.computeIfAbsent(ctx.job().payload(), p -> new AtomicInteger()).incrementAndGet();
          busyKeys.get(key).decrementAndGet();
        });
    SyncStateStore other = secondInstance();
    try (other; SyncEngine a = engine(store, flow, "a"); SyncEngine b = engine(other, flow, "b")) {
      a.start();
      b.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> store.count(FLOW).get(JobState.SUCCEEDED) == 200);
    }

    assertThat(violations).isEmpty();
    assertThat(runs).hasSize(200);
    assertThat(runs.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    assertThat(flow.discoverRuns).isGreaterThanOrEqualTo(1);
  }

  private static SyncEngine engine(SyncStateStore s, ScriptedFlow flow, String id) {
    return SyncEngine.builder().store(s).flow(flow).instanceId(id).workers(2)
        .queuePollInterval(Duration.ofMillis(20)).defaultDiscoverInterval(Duration.ofMillis(100)).build();
  }

  @Test
  void instancesStartingTogetherOnAnEmptyDatabaseBothEndUpOnTheMigratedSchema() throws Exception {
    store.close();
    store = newStore(); // leaves a migrated schema; drop it again to race on an empty one
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA public CASCADE");
      s.execute("CREATE SCHEMA public");
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<JdbcSyncStateStore>> starts = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        starts.add(pool.submit(() -> {
          go.await();
          return JdbcSyncStateStore.builder(dataSource).build();
        }));
      }
      go.countDown();
      for (Future<JdbcSyncStateStore> f : starts) {
        try (JdbcSyncStateStore started = f.get(30, TimeUnit.SECONDS)) {
          assertThat(started.schemaVersion()).isEqualTo(io.github.centrasage.sync.store.internal.Schema.latestVersion());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void detectsPostgresAndMigratesOnce() {
    try (JdbcSyncStateStore detected = JdbcSyncStateStore.builder(dataSource).build()) {
      assertThat(detected.schemaVersion()).isEqualTo(io.github.centrasage.sync.store.internal.Schema.latestVersion());
    }
  }
}
