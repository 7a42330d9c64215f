package io.github.centrasage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.sync.Mappings;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The shipped example mappings file loads and says what its comments say. */
class MappingsExampleTest {
  @Test
  void theExamplePropertiesFileLoads() throws Exception {
    Mappings mappings;
    try (Reader reader = new InputStreamReader(
        MappingsExampleTest.class.getResourceAsStream("/mappings-example.properties"), StandardCharsets.UTF_8)) {
      mappings = Mappings.fromProperties(reader);
    }

    assertThat(mappings.currencies()).containsEntry("GBP", "1").containsEntry("EUR", "2");
    assertThat(mappings.warehouses()).containsEntry("1", "1").containsEntry("2", "2");
    assertThat(mappings.customerStrategies()).containsKeys("UK", "EU");
    assertThat(mappings.roundingTolerance()).isEqualByComparingTo(new BigDecimal("0.02"));
    assertThat(mappings.customerDocumentPrefix()).isEqualTo("CENTRA-");
  }
}
