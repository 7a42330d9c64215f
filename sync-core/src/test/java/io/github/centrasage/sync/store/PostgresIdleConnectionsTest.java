package io.github.centrasage.sync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.centrasage.sync.store.BindingConflictException;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.spi.Coalescing;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.NewJob;
import io.github.centrasage.sync.store.internal.IdleConnections;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The store on PostgreSQL's unpooled {@code PGSimpleDataSource}, which opens a physical connection
 * (and a server process) per {@code getConnection()}. Regression for the reliability suite's
 * PostgreSQL crash variant: its workers spent their lives opening connections (one per store call,
 * hundreds per StockPublish discovery) until the drain ran out of time; with
 * {@code idleConnections} the store reuses a few, and never reuses one left inside a transaction.
 */
class PostgresIdleConnectionsTest {
  private static final String APP = "idle-connections-test";
  private static EmbeddedPostgres postgres;

  private final AtomicInteger opened = new AtomicInteger();
  private DataSource counting;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  @BeforeEach
  void freshSchema() throws SQLException {
    PGSimpleDataSource plain = new PGSimpleDataSource();
    plain.setUrl(postgres.getJdbcUrl("postgres", "postgres"));
    plain.setUser("postgres");
    plain.setApplicationName(APP);
    try (Connection c = plain.getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA public CASCADE");
      s.execute("CREATE SCHEMA public");
    }
    // counts physical connections: every getConnection() of PGSimpleDataSource opens one
    counting = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          if (method.getName().equals("getConnection")) {
            opened.incrementAndGet();
          }
          try {
            return method.invoke(plain, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  void keptConnectionsServeEveryCallWhereThePlainDataSourceOpensOnePerCall() {
    int reusedOpened;
    long reusedNanos;
    try (JdbcSyncStateStore store = JdbcSyncStateStore.builder(counting).idleConnections(2).build()) {
      opened.set(0);
      long start = System.nanoTime();
      cycle(store, "reused", 40);
      reusedNanos = System.nanoTime() - start;
      reusedOpened = opened.get();
    }
    opened.set(0);
    long plainNanos;
    try (JdbcSyncStateStore store = JdbcSyncStateStore.builder(counting).build()) {
      opened.set(0);
      long start = System.nanoTime();
      cycle(store, "plain", 40);
      plainNanos = System.nanoTime() - start;
    }
    System.out.printf("store calls on PGSimpleDataSource: %.2f ms each with idleConnections(2), %.2f ms without%n",
        reusedNanos / 1e6 / (40 * 4), plainNanos / 1e6 / (40 * 4));
    assertThat(reusedOpened).as("connections opened for 160 calls, kept open").isLessThanOrEqualTo(1);
    assertThat(opened.get()).as("connections opened for 160 calls, none kept").isGreaterThanOrEqualTo(160);
  }

  @Test
  void aConnectionWhoseTransactionFailedIsReusedOnlyAfterItsRollback() throws SQLException {
    try (JdbcSyncStateStore store = JdbcSyncStateStore.builder(counting).idleConnections(2).build()) {
      store.bind(Binding.builder().entityType("order").centraId("1").sageId("501").build());
      // fails inside the transaction, after its first statement
      assertThatThrownBy(() -> store.bind(Binding.builder().entityType("order").centraId("2").sageId("501").build()))
          .isInstanceOf(BindingConflictException.class);
      assertThat(openTransactions()).as("sessions left inside a transaction").isZero();
      store.bind(Binding.builder().entityType("order").centraId("2").sageId("502").build());
      assertThat(store.bindingBySageId("order", "502")).map(Binding::centraId).contains("2");
      assertThat(sessions()).as("sessions the store keeps open").isEqualTo(1);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> sessions() == 0);
  }

  @Test
  void keptConnectionsAreBoundedAndClosedWithTheStore() throws Exception {
    JdbcSyncStateStore store = JdbcSyncStateStore.builder(counting).idleConnections(2).build();
    List<Thread> threads = new java.util.ArrayList<>();
    for (int t = 0; t < 4; t++) {
      String name = "t" + t;
      threads.add(new Thread(() -> cycle(store, name, 10)));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertThat(sessions()).as("sessions kept after four threads ran").isBetween(1L, 2L);
    store.close();
    await().atMost(Duration.ofSeconds(5)).until(() -> sessions() == 0);
  }

  @Test
  void aConnectionIdleForAWhileIsCheckedAndADeadOneReplaced() throws SQLException {
    java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
    try (IdleConnections connections = new IdleConnections(counting, 1, nanos::get)) {
      Connection first = connections.borrow();
      int pid;
      try (Statement s = first.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        pid = rs.getInt(1);
      }
      connections.giveBack(first, true);
      // the server drops it while it is idle
      count("SELECT COUNT(*) FROM (SELECT pg_terminate_backend(" + pid + ")) t");
      opened.set(0);

      nanos.addAndGet(Duration.ofSeconds(11).toNanos());
      Connection second = connections.borrow();

      assertThat(second).isNotSameAs(first);
      assertThat(opened.get()).as("a new connection replaced the dead one").isEqualTo(1);
      try (Statement s = second.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
        assertThat(rs.next()).isTrue();
      }
      connections.giveBack(second, true);
      // used a moment ago: handed out again without a check
      Connection third = connections.borrow();
      assertThat(third).isSameAs(second);
      third.close();
    }
  }

  /** Four store calls per round: enqueue, claim, complete, read. */
  private static void cycle(JdbcSyncStateStore store, String flow, int rounds) {
    for (int i = 0; i < rounds; i++) {
      store.enqueue(List.of(NewJob.builder().flow(flow).key("k" + i).reference("r" + i)
          .coalescing(Coalescing.NONE).build()), java.util.Optional.empty());
      Job job = store.claim(flow, "owner", 1, Duration.ofSeconds(30)).get(0);
      assertThat(store.complete(job.id(), "owner")).isTrue();
      assertThat(store.job(job.id())).isPresent();
    }
  }

  private static long sessions() throws SQLException {
    return count("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = '" + APP + "'");
  }

  private static long openTransactions() throws SQLException {
    return count("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = '" + APP + "'"
        + " AND state LIKE 'idle in transaction%'");
  }

  private static long count(String sql) throws SQLException {
    // through zonky's own data source: its sessions carry no application name, so they are not counted
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
