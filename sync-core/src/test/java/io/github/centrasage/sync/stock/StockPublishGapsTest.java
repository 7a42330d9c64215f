package io.github.centrasage.sync.stock;

import static io.github.centrasage.sync.stock.StockWorld.LEEDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.sandbox.AnswerRewrites;
import java.math.BigDecimal;
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
}
