package io.github.centrasage.sync.stock;

import static io.github.centrasage.sync.stock.StockWorld.LEEDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.sage200.model.SalesOrder;
import io.github.centrasage.sandbox.CentraOrder;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of shoppers on three SKUs while the warehouse receives goods and despatches, with the
 * flow polling between bursts: no unit is sold that Sage does not have, and Centra ends equal to
 * the formula.
 */
class FlashSaleTest {
  @Test
  void sellsNoUnitThatSageDoesNotHave() {
    try (StockWorld world = new StockWorld(o -> StockPublishOptions.builder().from(o).batchSize(10).build(), m -> m)) {
      List<String> skus = world.skus(3);
      world.emptyLondon(skus);
      skus.forEach(sku -> world.countStock(sku, LEEDS, 40));
      world.quiesce();
      Random random = new Random(42);
      Deque<CentraOrder> toImport = new ArrayDeque<>();
      Deque<Map.Entry<CentraOrder, SalesOrder>> toDespatch = new ArrayDeque<>();
      Map<String, Integer> sold = new java.util.HashMap<>();
      int attempts = 0;
      int refused = 0;
      for (int round = 0; round < 30; round++) {
        for (int i = 0; i < 12; i++) { // a burst of shoppers between two polls
          String sku = skus.get(random.nextInt(skus.size()));
          int qty = 1 + random.nextInt(2);
          attempts++;
          try {
            toImport.add(world.centraSandbox.placeOrder("GBP", Map.of(sku, qty)));
            sold.merge(sku, qty, Integer::sum);
          } catch (IllegalStateException soldOut) {
            refused++;
          }
        }
        for (int i = 0; i < 6 && !toImport.isEmpty(); i++) {
          CentraOrder order = toImport.poll();
          toDespatch.add(Map.entry(order, world.importOrder(order)));
        }
        for (int i = 0; i < 4 && !toDespatch.isEmpty(); i++) {
          var order = toDespatch.poll();
          world.despatchToCentra(order.getKey(), world.despatchInSage(order.getValue()));
        }
        if (round % 5 == 4) { // a delivery arrives mid-sale
          world.clock.advance(Duration.ofSeconds(1));
          world.sageSandbox.receiveGoods(skus.get(round % skus.size()), LEEDS, BigDecimal.valueOf(15));
        }
        world.publish();
      }
      toImport.forEach(order -> toDespatch.add(Map.entry(order, world.importOrder(order))));
      world.quiesce();

      assertThat(attempts).isEqualTo(360);
      assertThat(refused).as("the sale sold out").isPositive();
      for (String sku : skus) {
        // every Centra order is in Sage now: oversold = what Sage has allocated beyond its stock
        BigDecimal free = world.sageSandbox.holding(sku, LEEDS).freeStockAvailable();
        assertThat(free).as("Sage free stock of %s (negative = oversold)", sku).isGreaterThanOrEqualTo(BigDecimal.ZERO);
        assertThat(world.centraPhysical(sku, LEEDS))
            .isEqualByComparingTo(BigDecimal.valueOf(world.expectedPhysical(sku, LEEDS)));
      }
    }
  }
}
