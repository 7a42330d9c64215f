package io.github.centrasage.sync.stock;

import io.github.centrasage.sync.stock.internal.StockJobs;
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
      int[] attempts = {0};
      int[] refused = {0};
      BigDecimal[] oversold = {BigDecimal.ZERO};
      Runnable burst = () -> {
        for (int i = 0; i < 6; i++) {
          String sku = skus.get(random.nextInt(skus.size()));
          int qty = 1 + random.nextInt(2);
          attempts[0]++;
          try {
            toImport.add(world.centraSandbox.placeOrder("GBP", Map.of(sku, qty)));
          } catch (IllegalStateException soldOut) {
            refused[0]++;
          }
        }
      };
      for (int round = 0; round < 30; round++) {
        burst.run(); // shoppers between two polls
        burst.run();
        for (int i = 0; i < 6 && !toImport.isEmpty(); i++) {
          CentraOrder order = toImport.poll();
          SalesOrder imported = world.importOrder(order);
          BigDecimal shortfall = shortfall(world, order);
          oversold[0] = oversold[0].add(shortfall);
          if (shortfall.signum() == 0) {
            toDespatch.add(Map.entry(order, imported));
          }
        }
        for (int i = 0; i < 4 && !toDespatch.isEmpty(); i++) {
          var order = toDespatch.poll();
          // the worst moment: a poll for the shipped SKUs after Centra shipped, before the ledger
          // is released, and shoppers right after it
          world.despatchToCentra(order.getKey(), world.despatchInSage(order.getValue()), shipped -> {
            shipped.forEach(k -> world.store.enqueue(StockJobs.recomputeJob(k)));
            world.publish();
            burst.run();
          });
        }
        if (round % 5 == 4) { // a delivery arrives mid-sale
          world.clock.advance(Duration.ofSeconds(1));
          world.sageSandbox.receiveGoods(skus.get(round % skus.size()), LEEDS, BigDecimal.valueOf(15));
        }
        world.publish();
      }
      for (CentraOrder order : toImport) {
        world.importOrder(order);
        oversold[0] = oversold[0].add(shortfall(world, order));
      }
      world.quiesce();

      assertThat(attempts[0]).as("orders attempted").isGreaterThanOrEqualTo(360);
      assertThat(refused[0]).as("the sale sold out").isPositive();
      assertThat(oversold[0]).as("units Centra sold that Sage could not allocate").isEqualByComparingTo("0");
      for (String sku : skus) {
        BigDecimal free = world.sageSandbox.holding(sku, LEEDS).freeStockAvailable();
        assertThat(free).as("Sage free stock of %s (negative = oversold)", sku).isGreaterThanOrEqualTo(BigDecimal.ZERO);
        assertThat(world.centraPhysical(sku, LEEDS))
            .isEqualByComparingTo(BigDecimal.valueOf(world.expectedPhysical(sku, LEEDS)));
      }
    }
  }

  /** Units of an imported order that Sage could not allocate: sold in Centra, not there in Sage. */
  private static BigDecimal shortfall(StockWorld world, CentraOrder order) {
    return world.sageSandbox.salesOrdersWithCustomerDocumentNo("CENTRA-" + order.number()).stream()
        .flatMap(o -> o.lines().stream())
        .map(l -> l.lineQuantity().subtract(l.allocatedQuantity()))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
