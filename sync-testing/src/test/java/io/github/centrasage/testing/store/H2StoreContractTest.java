package io.github.centrasage.testing.store;

import io.github.centrasage.sync.store.SyncStateStore;
import io.github.centrasage.sync.store.JdbcSyncStateStore;
import io.github.centrasage.testing.SyncStateStoreContract;
import java.nio.file.Path;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC store on an H2 file database, migrated by the store; the second instance names its dialect. */
class H2StoreContractTest extends SyncStateStoreContract {
  @TempDir Path dir;
  private JdbcConnectionPool pool;

  @Override
  protected SyncStateStore newStore() {
    pool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("sync") + ";LOCK_TIMEOUT=10000", "sa", "");
    pool.setMaxConnections(16);
    return JdbcSyncStateStore.builder(pool).build();
  }

  @Override
  protected SyncStateStore secondInstance() {
    return JdbcSyncStateStore.builder(pool).dialect(JdbcSyncStateStore.Dialect.H2).build();
  }

  @AfterEach
  void closePool() {
    pool.dispose();
  }
}
