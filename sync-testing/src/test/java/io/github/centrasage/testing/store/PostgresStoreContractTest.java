package io.github.centrasage.testing.store;

import io.github.centrasage.sync.store.SyncStateStore;
import io.github.centrasage.sync.store.JdbcSyncStateStore;
import io.github.centrasage.testing.SyncStateStoreContract;

/**
 * The JDBC store on a real PostgreSQL server, migrated by the store (the dialect detected); the
 * second instance names its dialect. Both keep connections between calls, as a store over
 * PostgreSQL's plain data source should.
 */
// region contract-shared
class PostgresStoreContractTest extends SyncStateStoreContract {
  @Override
  protected SyncStateStore newStore() {
    TestPostgres.dropSchema("public", true); // every test starts on an empty database
    return JdbcSyncStateStore.builder(TestPostgres.dataSource()).idleConnections(8).build();
  }

  @Override
  protected SyncStateStore secondInstance() { // a second engine instance on the same database
    return JdbcSyncStateStore.builder(TestPostgres.dataSource()).idleConnections(8)
        .dialect(JdbcSyncStateStore.Dialect.POSTGRESQL).build();
  }
}
// endregion
