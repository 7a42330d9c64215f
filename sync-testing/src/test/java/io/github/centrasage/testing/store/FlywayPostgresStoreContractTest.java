package io.github.centrasage.testing.store;

import io.github.centrasage.sync.store.SyncStateStore;
import io.github.centrasage.sync.store.JdbcSyncStateStore;
import io.github.centrasage.sync.store.JdbcSyncStateStore.SchemaManagement;
import io.github.centrasage.testing.SyncStateStoreContract;
import org.flywaydb.core.Flyway;

/** The shipped PostgreSQL scripts, applied by Flyway; the store only validates them, then passes the contract. */
class FlywayPostgresStoreContractTest extends SyncStateStoreContract {
  @Override
  protected SyncStateStore newStore() {
    TestPostgres.dropSchema("public", true);
    Flyway.configure().dataSource(TestPostgres.dataSource())
        .locations("classpath:io/github/centrasage/sync/store/schema/postgresql").load().migrate();
    return secondInstance();
  }

  @Override
  protected SyncStateStore secondInstance() {
    return JdbcSyncStateStore.builder(TestPostgres.dataSource()).idleConnections(8)
        .schemaManagement(SchemaManagement.VALIDATE).build();
  }
}
