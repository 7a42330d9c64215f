package io.github.centrasage.sync.stock;

import io.github.centrasage.sync.stock.internal.StockJobs;
import static io.github.centrasage.sync.stock.StockWorld.LEEDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.sandbox.AnswerRewrites;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.store.StockVersion;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Stock changes that must not get lost between the cracks of polling: a holding discover cannot
 * resolve yet, a holding that is gone, a row Centra skipped. Both sandboxes, the real clients.
 */
class StockPublishGapsTest {
  final StockWorld world = new StockWorld(o -> StockPublishOptions.builder().from(o).batchSize(100).build(), m -> m);

  @AfterEach
  void close() {
    world.close();
  }

  @Test
  void aHoldingWhoseProductSageDoesNotReturnYetIsReadAgainOnceItDoes() {
    String sku = world.skus(1).get(0);
    world.publish();
    BigDecimal before = world.centraPhysical(sku, LEEDS);
    // the product lookup misses this product for a while (a product not visible yet)
    world.sageSandbox.rewriteAnswers("GET /products", AnswerRewrites.editObjects(
        o -> sku.equals(o.get("code")) && o.containsKey("id"), o -> o.put("id", new BigDecimal(987654))));
    world.countStock(sku, LEEDS, before.intValue() + 25);
    world.publish();
    assertThat(world.centraPhysical(sku, LEEDS)).as("skipped while Sage does not return the product")
        .isEqualByComparingTo(before);

    world.sageSandbox.clearAnswerRewrites();
    world.countStock(world.skus(2).get(1), LEEDS, 7); // a later change of another SKU moves the newest time on
    world.publish();

    assertThat(world.centraPhysical(sku, LEEDS)).isEqualByComparingTo(BigDecimal.valueOf(before.intValue() + 25));
    assertThat(world.centraPhysical(world.skus(2).get(1), LEEDS)).isEqualByComparingTo("7");
  }

  /** From now on Sage's holdings answers leave out {@code sku}'s holding in Leeds (moved out, row deleted). */
  private void holdingGone(String sku) {
    BigDecimal productId = new BigDecimal(world.sageSandbox.ids("product").get(sku));
    BigDecimal leeds = new BigDecimal(world.sageWarehouse(LEEDS));
    world.sageSandbox.rewriteAnswers("GET /warehouse_holdings", AnswerRewrites.editObjects(
        o -> productId.equals(o.get("product_id")) && leeds.equals(o.get("warehouse_id")),
        o -> o.put("product_id", new BigDecimal(987654))));
  }

  @Test
  void aHoldingThatIsGoneIsPublishedAsNothingFreeAndReported() {
    String sku = world.skuInLeedsOnly(10); // a real Sage version applied
    assertThat(world.centraPhysical(sku, LEEDS)).isEqualByComparingTo("10");
    holdingGone(sku);

    world.store.enqueue(StockJobs.recomputeJob(StockKey.of(sku, world.sageWarehouse(LEEDS))));
    world.quiesce();
    assertThat(world.centraPhysical(sku, LEEDS)).as("a recompute publishes the missing holding").isEqualByComparingTo("0");

    world.setCentraPhysical(sku, 10); // and reconciliation repairs it, and says why
    world.engine.runOnce(StockReconcile.NAME);
    ReconciliationReport report = world.reconcile.lastReports().get(world.centraWarehouse(LEEDS));
    assertThat(world.centraPhysical(sku, LEEDS)).isEqualByComparingTo("0");
    assertThat(report.repaired()).isEqualTo(1);
    assertThat(report.withoutHolding()).isEqualTo(1);
    assertThat(report.stale()).isZero();

    world.sageSandbox.clearAnswerRewrites(); // the row is back, unchanged: its own version is not stale
    world.store.enqueue(StockJobs.recomputeJob(StockKey.of(sku, world.sageWarehouse(LEEDS))));
    world.quiesce();
    assertThat(world.centraPhysical(sku, LEEDS)).isEqualByComparingTo("10");
  }

  @Test
  void aHoldingWithoutAChangeTimeIsPublished() {
    String sku = world.skuInLeedsOnly(10);
    BigDecimal productId = new BigDecimal(world.sageSandbox.ids("product").get(sku));
    BigDecimal leeds = new BigDecimal(world.sageWarehouse(LEEDS));
    world.sageSandbox.rewriteAnswers("GET /warehouse_holdings", AnswerRewrites.editObjects(
        o -> productId.equals(o.get("product_id")) && leeds.equals(o.get("warehouse_id")), o -> {
          o.put("date_time_updated", null);
          o.put("free_stock_available", new BigDecimal(4));
        }));

    world.engine.runOnce(StockReconcile.NAME);

    assertThat(world.centraPhysical(sku, LEEDS)).isEqualByComparingTo("4");
    assertThat(world.reconcile.lastReports().get(world.centraWarehouse(LEEDS)).repaired()).isEqualTo(1);
  }

  @Test
  void reconciliationCountsLevelsOlderThanTheAppliedOne() {
    String sku = world.skus(1).get(0);
    world.store.applyStockVersionIfNewer(sku, world.sageWarehouse(LEEDS),
        StockVersion.of(Instant.parse("2099-01-01T00:00:00Z"), 0));

    world.engine.runOnce(StockReconcile.NAME);

    assertThat(world.reconcile.lastReports().get(world.centraWarehouse(LEEDS)).stale()).isEqualTo(1);
  }

  @Test
  void aRowCentraSkippedIsNotRecordedAsAppliedAndItsJobRetriesWithAFreshLookup() {
    // a warning names a variant, not a size: the other SKU is of another variant
    Map<String, Long> variants = world.centraSandbox.ids("variant");
    String skipped = world.skus(1).get(0);
    String fine = world.skus(50).stream().filter(sku -> !variants.get(sku).equals(variants.get(skipped)))
        .findFirst().orElseThrow();
    String leeds = world.sageWarehouse(LEEDS);
    // a stale SKU link: the size was replaced in Centra, so setStock skips that row with a warning
    world.store.bind(Binding.builder().entityType("sku")
        .centraId(world.centraSandbox.ids("variant").get(skipped) + ":987654")
        .sageId(Long.toString(world.sageSandbox.ids("product").get(skipped))).sageReference(skipped).build());
    world.countStock(skipped, LEEDS, 31);
    world.countStock(fine, LEEDS, 32);

    world.publish(); // one setStock with both rows

    assertThat(world.centraPhysical(fine, LEEDS)).isEqualByComparingTo("32");
    assertThat(world.store.stockVersion(fine, leeds)).isPresent();
    assertThat(world.centraPhysical(skipped, LEEDS)).isNotEqualByComparingTo("31");
    assertThat(world.store.stockVersion(skipped, leeds)).as("Centra did not apply it").isEmpty();
    Job job = world.store.list(StockPublish.NAME, EnumSet.of(JobState.RETRYING), 0, 10).stream()
        .filter(j -> j.key().equals(StockKey.of(skipped, leeds).name())).findFirst().orElseThrow();
    assertThat(job.lastError()).hasValueSatisfying(e -> assertThat(e).contains("Size not found"));

    world.quiesce(); // the retry resolves the SKU again from Centra's catalogue

    assertThat(world.centraPhysical(skipped, LEEDS)).isEqualByComparingTo("31");
    assertThat(world.store.stockVersion(skipped, leeds)).isPresent();
    assertThat(world.counts()).containsEntry(JobState.SUCCEEDED, 2L); // the retried job succeeded, nothing parked
    assertThat(world.store.list(StockPublish.NAME, EnumSet.of(JobState.PARKED), 0, 10)).isEmpty();
  }
}
