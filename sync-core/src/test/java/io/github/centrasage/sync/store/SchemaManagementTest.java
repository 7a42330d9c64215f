package io.github.centrasage.sync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.centrasage.sync.SyncStoreException;
import io.github.centrasage.sync.spi.NewJob;
import io.github.centrasage.sync.store.JdbcSyncStateStore.SchemaManagement;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Skipping, validating, prefixing and placing the schema on H2. */
class SchemaManagementTest {
  @TempDir Path dir;
  private JdbcConnectionPool pool;

  @BeforeEach
  void open() {
    pool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("db"), "sa", "");
  }

  @AfterEach
  void close() {
    pool.dispose();
  }

  private List<String> tables() throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT TABLE_SCHEMA || '.' || TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
            + " WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA' ORDER BY 1")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  @Test
  void validateOnAnEmptyDatabaseListsEveryMissingTableAndCreatesNothing() throws SQLException {
    assertThatThrownBy(() -> JdbcSyncStateStore.builder(pool).schemaManagement(SchemaManagement.VALIDATE).build())
        .isInstanceOf(SyncStoreException.class)
        .hasMessageContaining("table sync_job is missing")
        .hasMessageContaining("table sync_cursor is missing")
        .hasMessageContaining("table sync_allocation_release is missing")
        .hasMessageContaining("schema/h2/");
    assertThat(tables()).isEmpty();
  }

  @Test
  void validateNamesAMissingColumn() throws SQLException {
    JdbcSyncStateStore.builder(pool).build().close();
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("ALTER TABLE sync_binding DROP COLUMN source_version");
    }
    assertThatThrownBy(() -> JdbcSyncStateStore.builder(pool).schemaManagement(SchemaManagement.VALIDATE).build())
        .isInstanceOf(SyncStoreException.class)
        .hasMessageContaining("table sync_binding lacks columns [source_version]");
  }

  @Test
  void noneTouchesNothingAndTheFirstCallFails() throws SQLException {
    JdbcSyncStateStore store = JdbcSyncStateStore.builder(pool).schemaManagement(SchemaManagement.NONE).build();
    assertThat(tables()).isEmpty();
    assertThatThrownBy(() -> store.enqueue(NewJob.builder().flow("OrderImport").key("k").build()))
        .isInstanceOf(SyncStoreException.class);
    store.close();
  }

  @Test
  void aPrefixAndSchemaPlaceEveryTableThereAndTheStoreWorks() throws SQLException {
    try (JdbcSyncStateStore store = JdbcSyncStateStore.builder(pool).tablePrefix("cs2_").schemaName("integration")
        .build()) {
      store.enqueue(NewJob.builder().flow("OrderImport").key("order:1").reference("1").build());
      assertThat(store.claim("OrderImport", "me", 5, Duration.ofMinutes(1))).hasSize(1);
      assertThat(store.schemaVersion()).isEqualTo(2);
    }
    assertThat(tables()).isNotEmpty().allMatch(t -> t.startsWith("INTEGRATION.CS2_"))
        .contains("INTEGRATION.CS2_JOB", "INTEGRATION.CS2_MUTEX", "INTEGRATION.CS2_SCHEMA_VERSION");
    // the same names validate
    JdbcSyncStateStore.builder(pool).tablePrefix("cs2_").schemaName("integration")
        .schemaManagement(SchemaManagement.VALIDATE).build().close();
  }

  @Test
  void refusesPrefixesAndSchemaNamesThatAreNotPlainIdentifiers() {
    assertThatThrownBy(() -> JdbcSyncStateStore.builder(pool).tablePrefix("x; DROP TABLE y"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tablePrefix");
    assertThatThrownBy(() -> JdbcSyncStateStore.builder(pool).schemaName("1abc"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schemaName");
  }
}
