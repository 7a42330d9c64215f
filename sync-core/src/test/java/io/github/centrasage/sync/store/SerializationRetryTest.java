package io.github.centrasage.sync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.centrasage.sync.SyncStoreException;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.spi.NewJob;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction the database rolled back because of a concurrent one (PostgreSQL's SQLSTATE 40001
 * serialization failure, 40P01 deadlock) is run again; other failures are not.
 */
class SerializationRetryTest {
  @TempDir Path dir;
  private JdbcConnectionPool pool;
  private JdbcSyncStateStore store;
  /** Commits still to fail, and with which SQLSTATE. */
  private final AtomicInteger failingCommits = new AtomicInteger();
  private volatile String failState = "40001";
  private final AtomicInteger commits = new AtomicInteger();

  @BeforeEach
  void open() {
    pool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("retry"), "sa", "");
    store = JdbcSyncStateStore.builder(failingCommits(pool)).build();
    commits.set(0);
  }

  @AfterEach
  void close() {
    store.close();
    pool.dispose();
  }

  @Test
  void aSerializationFailureIsRunAgainAndTheWorkIsDoneOnce() {
    failingCommits.set(2);

    store.putCursor("OrderImport", "2024-05-01T10:00:00Z");

    assertThat(commits.get()).as("two failed runs, then the one that committed").isEqualTo(3);
    assertThat(store.cursor("OrderImport").orElseThrow().value()).isEqualTo("2024-05-01T10:00:00Z");
  }

  @Test
  void aDeadlockIsRunAgainWithoutLeavingTheFirstRunsRows() {
    failState = "40P01";
    failingCommits.set(1);

    store.enqueue(NewJob.builder().flow("OrderImport").key("order:1").reference("1").build());

    assertThat(store.count("OrderImport")).containsEntry(JobState.QUEUED, 1L);
  }

  @Test
  void afterThreeRunsTheFailureIsReported() {
    failingCommits.set(3);

    assertThatThrownBy(() -> store.putCursor("OrderImport", "x"))
        .isInstanceOf(SyncStoreException.class)
        .hasMessageContaining("write cursor OrderImport")
        .hasMessageContaining("40001");
    assertThat(commits.get()).isEqualTo(3);
    assertThat(store.cursor("OrderImport")).isEmpty();
  }

  @Test
  void otherFailuresAreNotRunAgain() {
    failState = "08006"; // the connection broke: the engine's cycle retries, not the store
    failingCommits.set(1);

    assertThatThrownBy(() -> store.putCursor("OrderImport", "x")).isInstanceOf(SyncStoreException.class);
    assertThat(commits.get()).isEqualTo(1);
  }

  /** {@code target} whose connections fail their next {@link #failingCommits} commits with {@link #failState}. */
  private DataSource failingCommits(DataSource target) {
    return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
        (p, m, args) -> {
          Object result = invoke(m, target, args);
          if (!m.getName().equals("getConnection")) {
            return result;
          }
          Connection real = (Connection) result;
          return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
              (cp, cm, cargs) -> {
                if (cm.getName().equals("commit")) {
                  commits.incrementAndGet();
                  if (failingCommits.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new SQLException("injected: transaction rolled back", failState);
                  }
                }
                return invoke(cm, real, cargs);
              });
        });
  }

  private static Object invoke(java.lang.reflect.Method m, Object target, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
