package io.github.centrasage.sync.stock;

import static io.github.centrasage.sync.stock.StockWorld.LEEDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.sandbox.CentraOrder;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reconciliation report against both sandboxes: Centra orders not imported yet lower Centra's
 * free-to-allocate below the formula without any drift, and must not be reported as repairs.
 */
class StockReconcileReportTest {
  final StockWorld world = new StockWorld(o -> StockPublishOptions.builder().from(o).batchSize(100).build(), m -> m);

  @AfterEach
  void close() {
    world.close();
  }

  private ReconciliationReport reconcileLeeds() {
    world.engine.runOnce(StockReconcile.NAME);
    return world.reconcile.lastReports().get(world.centraWarehouse(LEEDS));
  }

  @Test
  void ordersNotYetImportedAreReportedAsInFlightNotAsRepairs() {
    String waiting = world.skuInLeedsOnly(10);
    CentraOrder notImported = world.centraSandbox.placeOrder("GBP", Map.of(waiting, 2));
    List<String> skus = world.skus(3);
    String drifted = skus.get(2);
    int expected = world.expectedPhysical(drifted, LEEDS);
    world.setCentraPhysical(drifted, expected + 50); // a manual edit in Centra: real drift

    ReconciliationReport report = reconcileLeeds();

    assertThat(report.repaired()).as("only the edited SKU drifted").isEqualTo(1);
    assertThat(report.inFlight()).as("order %s holds 2 in Centra, not yet in Sage", notImported.number())
        .isEqualTo(1);
    assertThat(world.centraPhysical(drifted, LEEDS)).isEqualByComparingTo(BigDecimal.valueOf(expected));
    assertThat(world.centraPhysical(waiting, LEEDS)).as("nothing to repair").isEqualByComparingTo("10");
    assertThat(world.centraSandbox.stock(waiting, LEEDS).freeToAllocate()).isEqualByComparingTo("8");

    world.importOrder(notImported);
    ReconciliationReport afterImport = reconcileLeeds();

    assertThat(afterImport.repaired()).isZero();
    assertThat(afterImport.inFlight()).isZero();
  }
}
