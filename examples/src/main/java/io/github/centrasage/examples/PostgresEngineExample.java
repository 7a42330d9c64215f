package io.github.centrasage.examples;

import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.despatch.DespatchToCentra;
import io.github.centrasage.sync.despatch.DespatchToSage;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.order.OrderImportOptions;
import io.github.centrasage.sync.stock.StockPublish;
import io.github.centrasage.sync.store.JdbcSyncStateStore;
import java.net.InetAddress;
import java.nio.file.Path;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Every flow on a PostgreSQL store, for several instances of the same application (rolling
 * deploys, a standby): jobs are claimed under leases, a flow's discover step runs on one instance
 * at a time, and an instance that dies hands its jobs over when its leases expire. Run the same
 * program on each host. Not run by the build.
 */
public final class PostgresEngineExample {
  private PostgresEngineExample() {}

  public static void main(String[] args) throws Exception {
    PGSimpleDataSource db = new PGSimpleDataSource();
    db.setURL(System.getenv("SYNC_DB_URL"));               // jdbc:postgresql://db:5432/shop?currentSchema=centra_sage
    db.setUser(System.getenv("SYNC_DB_USER"));
    db.setPassword(System.getenv("SYNC_DB_PASSWORD"));
    // Use a pooled DataSource (HikariCP…) in production; the store migrates its schema on start.
    JdbcSyncStateStore store = JdbcSyncStateStore.builder(db).build();

    Integration link = ProductionWiring.integration(store, ProductionWiring.mappings(Path.of("mappings.properties")),
        ProductionWiring.centra(), ProductionWiring.sage(Path.of("sage-refresh-token")));
    SyncEngine engine = SyncEngine.builder().store(link.store())
        .instanceId(InetAddress.getLocalHost().getHostName())   // distinct per instance: it owns leases
        .workers(4)
        .flow(new OrderImport(link,
            OrderImportOptions.builder().defaultWarehouse(System.getenv("CENTRA_WAREHOUSE_ID")).build()))
        .flow(new StockPublish(link))
        .flow(new DespatchToSage(link))
        .flow(new DespatchToCentra(link))
        .build();
    Runtime.getRuntime().addShutdownHook(new Thread(engine::close));
    engine.start();
  }
}
