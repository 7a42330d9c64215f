package io.github.centrasage.sync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.centrasage.sync.spi.CursorMove;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.spi.NewJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the H2 file database does: migrations, restarts. The store contract runs on H2 in
 * sync-testing ({@code H2StoreContractTest}), which depends on this module.
 */
class H2SyncStateStoreTest {
  private static final String FLOW = "OrderImport";
  @TempDir Path dir;
  private JdbcConnectionPool pool;

  @BeforeEach
  void openPool() {
    pool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("sync") + ";LOCK_TIMEOUT=10000", "sa", "");
    JdbcSyncStateStore.builder(pool).build().close();
  }

  @AfterEach
  void closePool() {
    pool.dispose();
  }

  @Test
  void aMigrationKilledHalfwayIsCompletedOnTheNextStart() throws Exception {
    // H2 commits each CREATE at once: a process killed mid-migration leaves tables but no version row
    Path half = dir.resolve("half");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + half, "sa", "");
        java.sql.Statement s = c.createStatement()) {
      s.execute("CREATE TABLE sync_schema_version (version INT PRIMARY KEY, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
      for (String sql : io.github.centrasage.sync.store.internal.Schema.migrations("h2").get(0).subList(0, 6)) {
        s.execute(sql);
      }
    }

    try (JdbcSyncStateStore restarted = JdbcSyncStateStore.embeddedH2(half)) {
      assertThat(restarted.schemaVersion()).isEqualTo(io.github.centrasage.sync.store.internal.Schema.latestVersion());
      restarted.enqueue(NewJob.builder().flow(FLOW).key("k").reference("r").build());
      assertThat(restarted.claim(FLOW, "me", 1, Duration.ofMinutes(1))).hasSize(1);
    }
  }

  @Test
  void aDatabaseMigratedByANewerLibraryIsRefused() throws Exception {
    try (java.sql.Connection c = pool.getConnection(); java.sql.Statement s = c.createStatement()) {
      s.execute("INSERT INTO sync_schema_version (version, applied_at) VALUES (99, CURRENT_TIMESTAMP)");
    }

    assertThatThrownBy(() -> JdbcSyncStateStore.builder(pool).build())
        .isInstanceOf(io.github.centrasage.sync.SyncStoreException.class)
        .hasMessageContaining("version 99");
  }

  @Test
  void jobsAndCursorsSurviveARestartOfTheEmbeddedFileDatabase() {
    Path file = dir.resolve("restart");
    try (JdbcSyncStateStore first = JdbcSyncStateStore.embeddedH2(file)) {
      first.enqueue(List.of(NewJob.builder().flow(FLOW).key("order:1").payload("p").build()),
          Optional.of(CursorMove.of(FLOW, "c1")));
    }
    try (JdbcSyncStateStore reopened = JdbcSyncStateStore.embeddedH2(file)) {
      assertThat(reopened.schemaVersion()).isEqualTo(io.github.centrasage.sync.store.internal.Schema.latestVersion());
      assertThat(reopened.cursor(FLOW).orElseThrow().value()).isEqualTo("c1");
      assertThat(reopened.count(FLOW)).containsEntry(JobState.QUEUED, 1L);
    }
  }
}
