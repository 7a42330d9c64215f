package io.github.centrasage.testing.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.sync.store.SyncStateStore;
import io.github.centrasage.sync.store.JdbcSyncStateStore;
import io.github.centrasage.testing.SyncStateStoreContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The store with its own table prefix in its own schema on PostgreSQL passes the contract. */
class PrefixedSchemaPostgresStoreContractTest extends SyncStateStoreContract {
  @Override
  protected SyncStateStore newStore() {
    TestPostgres.dropSchema("public", true); // so nothing another class left there hides a misplaced name
    TestPostgres.dropSchema("integration", false);
    return secondInstance();
  }

  @Override
  protected SyncStateStore secondInstance() {
    return JdbcSyncStateStore.builder(TestPostgres.dataSource()).idleConnections(8)
        .tablePrefix("cs2_").schemaName("integration").build();
  }

  @Test
  void everyTableSequenceAndIndexIsInTheSchemaWithThePrefix() throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = TestPostgres.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT n.nspname || '.' || cl.relname FROM pg_class cl"
            + " JOIN pg_namespace n ON n.oid = cl.relnamespace"
            + " WHERE (cl.relname LIKE 'sync%' OR cl.relname LIKE 'cs2%') ORDER BY 1")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    assertThat(names).contains("integration.cs2_job", "integration.cs2_job_seq", "integration.cs2_job_due",
        "integration.cs2_schema_version", "integration.cs2_allocation_release", "integration.cs2_binding_sage");
    assertThat(names).allMatch(n -> n.startsWith("integration.cs2_"));
  }
}
