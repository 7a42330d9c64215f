package io.github.centrasage.examples;

import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.stock.StockPublish;
import io.github.centrasage.sync.stock.StockPublishOptions;
import io.github.centrasage.sync.stock.StockReconcile;
import io.github.centrasage.sync.store.JdbcSyncStateStore;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Only stock: Sage 200 free stock is published to Centra as absolute levels, with a periodic
 * reconciliation that repairs anything missed. Without order import the allocation ledger stays
 * empty, so Centra gets Sage's free stock less the safety buffers. Not run by the build.
 */
public final class StockPublishOnlyExample {
  private StockPublishOnlyExample() {}

  public static void main(String[] args) throws Exception {
    Mappings mappings = ProductionWiring.mappings(Path.of("mappings.properties"));  // warehouse.* and buffer.* entries
    StockPublishOptions options = StockPublishOptions.builder()
        .discoverInterval(Duration.ofSeconds(30))
        .reconcileInterval(Duration.ofHours(6))
        .build();
    JdbcSyncStateStore store = ProductionWiring.embeddedStore();
    Integration link = ProductionWiring.integration(store, mappings, ProductionWiring.centra(),
        ProductionWiring.sage(Path.of("sage-refresh-token")));
    SyncEngine engine = SyncEngine.builder().store(link.store())
        .flow(new StockPublish(link, options))
        .flow(new StockReconcile(link, options))
        .build();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      engine.close();
      store.close();
    }));
    engine.start();
  }
}
