package io.github.centrasage.examples;

import io.github.centrasage.sync.Mappings;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.order.OrderImportOptions;
import io.github.centrasage.sync.store.JdbcSyncStateStore;
import java.nio.file.Path;

/**
 * Only order import: Centra orders become Sage 200 sales orders, exactly once, and nothing else is
 * synchronised. Needs the environment of {@link ProductionWiring}; not run by the build.
 */
public final class OrderImportOnlyExample {
  private OrderImportOnlyExample() {}

  public static void main(String[] args) throws Exception {
    Mappings mappings = ProductionWiring.mappings(Path.of("mappings.properties"));
    OrderImport orders = new OrderImport(OrderImportOptions.builder()
        .discovery(OrderImportOptions.Discovery.EVENTS)       // Centra's event queue; POLLING needs no events set-up
        .defaultWarehouse(args.length > 0 ? args[0] : "1")    // a Centra warehouse id, a key of the warehouse mappings
        .build());
    JdbcSyncStateStore store = ProductionWiring.embeddedStore();
    SyncEngine engine = ProductionWiring.engine(store, mappings, ProductionWiring.centra(),
        ProductionWiring.sage(Path.of("sage-refresh-token"))).flow(orders).build();
    // Unmappable orders park with every reason at once; fix the mapping, then engine.replay(jobId).
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      engine.close();   // finishes running jobs within the drain timeout
      store.close();
    }));
    engine.start();
  }
}
