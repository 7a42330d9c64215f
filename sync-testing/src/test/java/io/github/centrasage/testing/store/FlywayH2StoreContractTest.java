package io.github.centrasage.testing.store;

import io.github.centrasage.sync.store.SyncStateStore;
import io.github.centrasage.sync.store.JdbcSyncStateStore;
import io.github.centrasage.sync.store.JdbcSyncStateStore.SchemaManagement;
import io.github.centrasage.testing.SyncStateStoreContract;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The shipped H2 scripts, applied by Flyway; the store only validates them, then passes the contract. */
class FlywayH2StoreContractTest extends SyncStateStoreContract {
  @TempDir Path dir;
  private JdbcConnectionPool pool;

  @Override
  protected SyncStateStore newStore() {
    pool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("flyway") + ";LOCK_TIMEOUT=10000", "sa", "");
    pool.setMaxConnections(16);
    Flyway.configure().dataSource(pool).locations("classpath:io/github/centrasage/sync/store/schema/h2")
        .load().migrate();
    return secondInstance();
  }

  @Override
  protected SyncStateStore secondInstance() {
    return JdbcSyncStateStore.builder(pool).schemaManagement(SchemaManagement.VALIDATE).build();
  }

  @AfterEach
  void closePool() {
    pool.dispose();
  }
}
