package io.github.centrasage.sync.store;

import io.github.centrasage.sync.spi.SyncStateStore;
import io.github.centrasage.sync.store.JdbcSyncStateStore.SchemaManagement;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shipped PostgreSQL scripts, applied by Flyway; the store only validates them, then passes the contract. */
class FlywayAppliedPostgresStoreTest extends AbstractSyncStateStoreContractTest {
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
      s.execute("DROP SCHEMA public CASCADE");
      s.execute("CREATE SCHEMA public");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    // Flyway gets its own connections: the test pool hands back a connection closed twice twice
    Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:io/github/centrasage/sync/store/schema/postgresql")
        .load().migrate();
    return secondInstance();
  }

  @Override
  protected SyncStateStore secondInstance() {
    return JdbcSyncStateStore.builder(dataSource).schemaManagement(SchemaManagement.VALIDATE).build();
  }

  @Override
  protected void advance(Duration d) {
    JdbcStoreTimes.waitFor(store, d);
  }
}
