package io.github.centrasage.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.Order;
import io.github.centrasage.centra.SetStockRequest;
import io.github.centrasage.centra.SizeStockLevel;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Phase 2 seed: the real centra-client against the Centra sandbox. */
class CentraClientAgainstSandboxTest {
  static final String SKU = "P00001-BLK-M";

  CentraSandbox centra;
  CentraClient client;

  @BeforeEach
  void start() {
    centra = CentraSandbox.start();
    client = CentraClient.builder().baseUrl(centra.baseUrl()).token(centra.token()).allowInsecureHttp()
        .readTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterEach
  void stop() {
    centra.close();
  }

  @Test
  void readsAnOrderPutOnHoldAndReleased() {
    CentraOrder order = centra.placeOrder("GBP", java.util.Map.of("P00001-BLK-M", 1));

    centra.setOnHold(order.number(), true);
    boolean held = client.orders().byNumber(order.number()).orElseThrow().isOnHold();
    centra.setOnHold(order.number(), false);

    assertThat(held).isTrue();
    assertThat(client.orders().byNumber(order.number()).orElseThrow().isOnHold()).isFalse();
  }

  @Test
  void readsAPlacedOrderByNumber() {
    CentraOrder placed = centra.placeOrder("GBP", Map.of(SKU, 2));

    Order order = client.orders().byNumber(placed.number()).orElseThrow();

    assertThat(order.id()).isEqualTo(placed.id());
    assertThat(order.lines()).singleElement().satisfies(l -> assertThat(l.quantity()).isEqualTo(2));
  }

  @Test
  void setStockChangesPhysicalStock() {
    long warehouse = centra.ids("warehouse").get("Leeds DC");
    client.stock().set(SetStockRequest.builder().warehouseId(warehouse)
        .addLevels(SizeStockLevel.ofSizeName(centra.ids("variant").get(SKU), "M", 42))
        .build());

    assertThat(centra.stock(SKU, "Leeds DC").physical()).isEqualByComparingTo("42");
  }

  @Test
  void readsTheCatalogue() {
    try (Stream<io.github.centrasage.centra.Product> products = client.catalog().products()) {
      assertThat(products.collect(Collectors.toList())).hasSize(50);
    }
    assertThat(client.catalog().pricelists()).hasSize(2);
  }
}
