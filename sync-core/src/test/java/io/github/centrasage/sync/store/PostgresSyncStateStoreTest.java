package io.github.centrasage.sync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.sync.spi.SyncStateStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract on a real PostgreSQL server (io.zonky embedded binaries), one server per class. */
class PostgresSyncStateStoreTest extends AbstractSyncStateStoreContractTest {
  private static EmbeddedPostgres postgres;
  private static DataSource dataSource;

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

  @Override
  protected SyncStateStore newStore() {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA public CASCADE");
      s.execute("CREATE SCHEMA public");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return JdbcSyncStateStore.builder(dataSource).build();
  }

  @Override
  protected SyncStateStore secondInstance() {
    return JdbcSyncStateStore.builder(dataSource).dialect(JdbcDialect.postgresql()).build();
  }

  @Override
  protected void advance(Duration d) {
    JdbcStoreTimes.waitFor(store, d);
  }

  @Test
  void detectsPostgresAndMigratesOnce() {
    assertThat(((JdbcSyncStateStore) secondInstance()).schemaVersion()).isEqualTo(1);
  }
}
