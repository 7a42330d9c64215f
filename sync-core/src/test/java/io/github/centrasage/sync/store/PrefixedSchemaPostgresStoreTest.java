package io.github.centrasage.sync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.sync.spi.SyncStateStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store with its own table prefix in its own schema on PostgreSQL passes the contract. */
class PrefixedSchemaPostgresStoreTest extends AbstractSyncStateStoreContractTest {
  private static EmbeddedPostgres postgres;
  private static PooledDataSource dataSource;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
    dataSource = new PooledDataSource(postgres.getPostgresDatabase(), 12);
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    dataSource.close();
    postgres.close();
  }

  @Override
  protected SyncStateStore newStore() {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS integration CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return secondInstance();
  }

  @Override
  protected SyncStateStore secondInstance() {
    return JdbcSyncStateStore.builder(dataSource).tablePrefix("cs2_").schemaName("integration").build();
  }

  @Override
  protected void advance(Duration d) {
    JdbcStoreTimes.waitFor(store, d);
  }

  @Test
  void everyTableSequenceAndIndexIsInTheSchemaWithThePrefix() throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT n.nspname || '.' || cl.relname FROM pg_class cl"
            + " JOIN pg_namespace n ON n.oid = cl.relnamespace"
            + " WHERE cl.relname LIKE 'sync%' OR cl.relname LIKE 'cs2%' ORDER BY 1")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    assertThat(names).contains("integration.cs2_job", "integration.cs2_job_seq", "integration.cs2_job_due",
        "integration.cs2_schema_version", "integration.cs2_allocation_release", "integration.cs2_binding_sage");
    assertThat(names).allMatch(n -> n.startsWith("integration.cs2_"));
  }
}
