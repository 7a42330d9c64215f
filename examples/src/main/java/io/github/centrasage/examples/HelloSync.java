package io.github.centrasage.examples;

import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.order.OrderImportOptions;
import io.github.centrasage.sync.order.OrderImportOptions.Discovery;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import io.github.centrasage.testing.SandboxShop;
import java.time.Duration;
import java.util.Map;

/**
 * The README's "hello sync": both sandboxes, an order placed in Centra, imported into Sage by the
 * engine. The README shows the {@code hello} region word for word ({@code DocsSnippetsTest} checks
 * it) and {@code ReadmeTest} runs this class.
 */
public final class HelloSync {
  private HelloSync() {}

  /** Runs the example; prints the Sage sales order the Centra order became. */
  public static void main(String[] args) {
    // region hello
    try (SandboxShop shop = SandboxShop.start()) {
      Integration link = shop.integration(new InMemorySyncStateStore(shop.clock()));
      try (SyncEngine engine = shop.engine(link).flow(new OrderImport(link, OrderImportOptions.builder()
          .discovery(Discovery.POLLING)  // read orders by date
          .defaultWarehouse(shop.centraWarehouse(SandboxShop.LEEDS)).build())).build()) {
        shop.centra().placeOrder("GBP", Map.of(shop.sku(0), 2, shop.sku(7), 1));

        engine.runUntilIdle(Duration.ofSeconds(30));  // discover, import, retry

        System.out.println(engine.status(OrderImport.NAME));
        shop.sage().salesOrders().forEach(o -> System.out.println("Sage order " + o.documentNo()
            + " for Centra order " + o.customerDocumentNo() + ", " + o.lines().size() + " lines"));
      }
    }
    // endregion
  }
}
