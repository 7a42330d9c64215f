package io.github.centrasage.sync.stock;

import io.github.centrasage.sync.stock.internal.StockJobs;
import io.github.centrasage.sync.stock.internal.StockHold;
import static io.github.centrasage.sync.stock.StockWorld.LEEDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.sage200.model.SalesOrder;
import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.Fault;
import io.github.centrasage.sandbox.FaultScope;
import io.github.centrasage.sync.store.StockVersion;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Random interleavings of everything that moves stock — Sage goods-in and counts, other-channel
 * allocations, Centra orders, imports, despatches (some with a poll inside the despatch), flow
 * runs, failed pushes and duplicate jobs — end, once quiet, with Centra's levels equal to the
 * formula for every SKU, and no applied version ever going back.
 */
class StockSequencingPropertiesTest {
  enum Kind { GOODS_IN, COUNT, OTHER_CHANNEL, CENTRA_ORDER, IMPORT, DESPATCH, DESPATCH_RACING_A_POLL, POLL,
    FAILING_POLL, DUPLICATE_JOB }

  record Step(Kind kind, int sku, int quantity) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> step = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(1, 4)).as(Step::new);
    return step.list().ofMinSize(5).ofMaxSize(24);
  }

  /** A sequence the property once found: a despatch racing a poll, then goods-in and a duplicate job. */
  @net.jqwik.api.Example
  void despatchRacingAPollThenGoodsIn() {
    centraEndsEqualToTheFormulaAndVersionsNeverGoBack(List.of(new Step(Kind.CENTRA_ORDER, 0, 1),
        new Step(Kind.GOODS_IN, 2, 3), new Step(Kind.OTHER_CHANNEL, 0, 2), new Step(Kind.DUPLICATE_JOB, 2, 1),
        new Step(Kind.IMPORT, 1, 3), new Step(Kind.IMPORT, 0, 4), new Step(Kind.POLL, 0, 1),
        new Step(Kind.DESPATCH_RACING_A_POLL, 0, 3), new Step(Kind.GOODS_IN, 0, 1),
        new Step(Kind.DUPLICATE_JOB, 0, 1)));
  }

  // a fixed seed keeps the build deterministic; to explore further, change the seed and raise the
  // tries locally (400 tries with this seed pass in about 40 s), and pin any failure as an example above
  @Property(tries = 40, seed = "-5062503815322862930", shrinking = ShrinkingMode.OFF)
  void centraEndsEqualToTheFormulaAndVersionsNeverGoBack(@ForAll("steps") List<Step> steps) {
    try (StockWorld world = new StockWorld()) {
      List<String> skus = world.skus(3);
      world.emptyLondon(skus);
      skus.forEach(sku -> world.countStock(sku, LEEDS, 6));
      world.quiesce();
      Deque<CentraOrder> placed = new ArrayDeque<>();
      Deque<Map.Entry<CentraOrder, SalesOrder>> imported = new ArrayDeque<>();
      Map<String, StockVersion> lastSeen = new HashMap<>();
      for (Step step : steps) {
        String sku = skus.get(step.sku());
        BigDecimal qty = BigDecimal.valueOf(step.quantity());
        switch (step.kind()) {
          case GOODS_IN:
            world.clock.advance(java.time.Duration.ofSeconds(1));
            world.sageSandbox.receiveGoods(sku, LEEDS, qty);
            break;
          case COUNT:
            world.countStock(sku, LEEDS, step.quantity() * 2);
            break;
          case OTHER_CHANNEL:
            world.clock.advance(java.time.Duration.ofSeconds(1));
            world.sageSandbox.allocateNonWebOrder(StockWorld.TRADE_ACCOUNT, sku, LEEDS, qty);
            break;
          case CENTRA_ORDER:
            try {
              placed.add(world.centraSandbox.placeOrder("GBP", Map.of(sku, step.quantity())));
            } catch (IllegalStateException soldOut) {
              // checkout refuses what Centra does not have free: that is the point
            }
            break;
          case IMPORT:
            if (!placed.isEmpty()) {
              CentraOrder order = placed.poll();
              imported.add(Map.entry(order, world.importOrder(order)));
            }
            break;
          case DESPATCH:
          case DESPATCH_RACING_A_POLL:
            if (!imported.isEmpty()) {
              despatch(world, imported.poll(), step.kind() == Kind.DESPATCH_RACING_A_POLL);
            }
            break;
          case POLL:
            world.publish();
            break;
          case FAILING_POLL:
            try (var fault = world.centraSandbox.faults().inject(Fault.httpStatus(503), FaultScope.nextCalls(1).on("setStock"))) {
              world.publish();
            }
            break;
          case DUPLICATE_JOB:
            StockKey key = StockKey.of(sku, world.sageWarehouse(LEEDS));
            world.store.enqueue(StockJobs.recomputeJob(key));
            world.store.enqueue(StockJobs.recomputeJob(key));
            break;
          default:
            throw new AssertionError(step);
        }
        for (String s : skus) {
          Optional<StockVersion> v = world.store.stockVersion(s, world.sageWarehouse(LEEDS));
          StockVersion before = lastSeen.get(s);
          if (v.isPresent()) {
            assertThat(before == null || v.get().compareTo(before) >= 0).as("version of %s went back", s).isTrue();
            lastSeen.put(s, v.get());
          }
        }
      }
      world.quiesce();
      for (String sku : skus) {
        int expected = world.expectedPhysical(sku, LEEDS);
        var centra = world.centraSandbox.stock(sku, LEEDS);
        assertThat(centra.physical()).as("physical of %s after %s", sku, steps)
            .isEqualByComparingTo(BigDecimal.valueOf(expected));
        assertThat(centra.freeToAllocate()).as("free to allocate of %s", sku)
            .isEqualByComparingTo(BigDecimal.valueOf(expected).subtract(centra.allocated()));
      }
    }
  }

  private static void despatch(StockWorld world, Map.Entry<CentraOrder, SalesOrder> order, boolean pollInside) {
    if (pollInside) {
      world.quiesce(); // Centra exact before the race, so the race alone shows
    }
    long despatchId;
    try {
      despatchId = world.despatchInSage(order.getValue());
    } catch (RuntimeException nothingAllocated) {
      return; // Sage could not despatch (nothing allocated); the order stays open on both sides
    }
    if (!pollInside) {
      world.despatchToCentra(order.getKey(), despatchId);
      return;
    }
    List<StockKey> shipped = order.getKey().lines().stream()
        .map(l -> StockKey.of(l.sku(), world.sageWarehouse(LEEDS))).distinct().toList();
    try (StockHold hold = StockJobs.holdForDespatch(world.store, Long.toString(despatchId), shipped, java.time.Duration.ofMinutes(10))) {
      world.completeCentraShipment(order.getKey());
      Map<String, BigDecimal> afterShipment = new HashMap<>();
      shipped.forEach(k -> afterShipment.put(k.sku(), world.centraPhysical(k.sku(), LEEDS)));
      // the race: a push of these very SKUs between "shipment completed" and "ledger released"
      shipped.forEach(k -> world.store.enqueue(StockJobs.recomputeJob(k)));
      world.publish();
      shipped.forEach(k -> assertThat(world.centraPhysical(k.sku(), LEEDS))
          .as("%s must not get the shipped units back while the ledger still holds them", k.sku())
          .isLessThanOrEqualTo(afterShipment.get(k.sku())));
      world.releaseLedger(order.getKey(), despatchId);
    }
    shipped.forEach(k -> world.store.enqueue(StockJobs.recomputeJob(k)));
  }
}
