package io.github.centrasage.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.SandboxClock;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sync.integration.StoreIdentityException;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.order.OrderImportOptions;
import io.github.centrasage.sync.order.OrderImportOptions.Discovery;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The class Javadoc's wiring, run: one Integration for the flow, its store and the shop's clock for the engine. */
class SandboxShopTest {
  @Test
  void theJavadocWiringImportsAnOrderIntoSage() {
    try (SandboxShop shop = SandboxShop.start()) {
      InMemorySyncStateStore store = new InMemorySyncStateStore(shop.clock());
      Integration link = shop.integration(store);
      try (SyncEngine engine = shop.engine(link)
          .flow(new OrderImport(link, OrderImportOptions.builder().discovery(Discovery.POLLING)
              .defaultWarehouse(shop.centraWarehouse(SandboxShop.LEEDS)).build()))
          .build()) {
        CentraOrder order = shop.centra().placeOrder("GBP", Map.of(shop.sku(0), 1));
        engine.runUntilIdle(Duration.ofSeconds(30));

        assertThat(engine.store()).as("the engine runs on the Integration's store").isSameAs(store);
        assertThat(shop.sage().salesOrders()).singleElement()
            .satisfies(o -> assertThat(o.customerDocumentNo()).contains(String.valueOf(order.number())));
        assertThat(store.bindingByCentraId(OrderImport.ORDER_BINDING, String.valueOf(order.number()))).isPresent();
      }
    }
  }

  @Test
  void aStoreOfOneShopIsRefusedForAnother() {
    SandboxClock clock = SandboxClock.ticking();
    InMemorySyncStateStore store = new InMemorySyncStateStore(clock);
    // both open at once, so the second cannot be given the first's port (and base URL)
    try (SandboxShop first = SandboxShop.start(clock); SandboxShop second = SandboxShop.start(clock)) {
      first.integration(store);
      assertThatThrownBy(() -> second.integration(store)).isInstanceOf(StoreIdentityException.class);
    }
  }
}
