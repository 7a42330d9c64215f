package io.github.centrasage.sync.stock;

import io.github.centrasage.sync.testing.OfflineIntegration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.centrasage.sync.integration.Mappings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StockKeyTest {
  @Test
  void parsesTheJobKeyTheDespatchFlowWrites() {
    StockKey key = StockKey.parse("stock:P00001-BLK-M@2");
    assertThat(key).isEqualTo(StockKey.of("P00001-BLK-M", "2"));
    assertThat(key.name()).isEqualTo("stock:P00001-BLK-M@2");
    assertThat(StockKey.parse("stock:A@B@7").sku()).isEqualTo("A@B"); // the warehouse id never has '@'
  }

  @Test
  void refusesKeysOfAnotherShape() {
    assertThatThrownBy(() -> StockKey.parse("sku:ABC@1")).hasMessageContaining("sku:ABC@1");
    assertThatThrownBy(() -> StockKey.parse("stock:ABC@")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StockKey.parse("stock:@1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void recomputeJobMatchesTheFlowContract() {
    var job = StockPublish.recomputeJob(StockKey.of("ABC-M", "1"));
    assertThat(job.flow()).isEqualTo("StockPublish");
    assertThat(job.key()).isEqualTo("stock:ABC-M@1");
    assertThat(job.reference()).isEqualTo("ABC-M");
    assertThat(job.payload()).isEqualTo("recompute");
  }

  private static StockPublish publishWith(Mappings mappings) {
    return new StockPublish(OfflineIntegration.with(mappings));
  }

  @Test
  void optionsAndMappingsAreCheckedUpFront() {
    assertThatThrownBy(() -> StockPublishOptions.builder().batchSize(0).build()).hasMessageContaining("batchSize");
    assertThatThrownBy(() -> StockPublishOptions.builder().holdTtl(Duration.ZERO).build()).hasMessageContaining("holdTtl");
    assertThat(publishWith(Mappings.builder().putWarehouse("Main", "HOME").build()).problems())
        .singleElement().asString().contains("numeric");
    assertThat(publishWith(Mappings.builder().build()).problems()).singleElement().asString()
        .contains("no warehouse mapping");
    assertThat(publishWith(Mappings.builder().putWarehouse("1", "2").build()).problems()).isEmpty();
  }
}
