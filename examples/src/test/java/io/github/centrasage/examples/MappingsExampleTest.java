package io.github.centrasage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.doctor.Doctor;
import io.github.centrasage.doctor.DoctorReport;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.order.OrderImportOptions;
import io.github.centrasage.sync.stock.StockPublish;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import io.github.centrasage.testing.SandboxShop;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The mappings a reader copies are real: the block in docs/mappings.md loads without a problem, and
 * the shipped {@code mappings-example.properties} ("for the sandbox's seed shop") names the ids the
 * sandboxes really have, so an order imported with it lands in Sage instead of parking.
 */
class MappingsExampleTest {

  @Test
  void theMappingsPagesExampleBlockLoadsWithoutAProblem() throws IOException {
    String page = Files.readString(Path.of("../docs/mappings.md"));
    Matcher block = Pattern.compile("```properties\n(.*?)```", Pattern.DOTALL).matcher(page);
    assertThat(block.find()).as("docs/mappings.md shows a properties block").isTrue();

    Mappings mappings = Mappings.fromProperties(new StringReader(block.group(1)));

    assertThat(mappings.validate()).isEmpty();
    assertThat(mappings.currencies()).containsEntry("GBP", "1");
  }

  @Test
  void theSeedShopExampleFileHasTheSandboxesIdsAndImportsAnOrder() throws IOException {
    Mappings fromFile = exampleFile();
    try (SandboxShop shop = SandboxShop.start()) {
      Mappings real = shop.mappings();
      assertThat(fromFile.currencies()).isEqualTo(real.currencies());
      assertThat(fromFile.warehouses()).isEqualTo(real.warehouses());
      assertThat(taxIdsByPercent(fromFile)).isEqualTo(taxIdsByPercent(real));

      Integration link = Integration.builder().centra(shop.centraClient()).sage(shop.sageClient())
          .store(new InMemorySyncStateStore(shop.clock())).mappings(fromFile).build();
      try (SyncEngine engine = shop.engine(link)
          .flow(new OrderImport(link, OrderImportOptions.builder().discovery(OrderImportOptions.Discovery.POLLING)
              .defaultWarehouse(shop.centraWarehouse(SandboxShop.LEEDS)).build()))
          .build()) {
        shop.centra().placeOrder("GBP", Map.of(shop.sku(3), 1));
        shop.centra().placeOrder("EUR", Map.of(shop.sku(4), 1));
        engine.runUntilIdle(Duration.ofSeconds(30));

        assertThat(engine.parkedJobs(OrderImport.NAME, 10)).isEmpty();
        assertThat(shop.sage().salesOrders()).hasSize(2);
      }
    }
  }

  @Test
  void theSeedShopExampleFilePassesTheGoLiveDoctor() throws IOException {
    Mappings fromFile = exampleFile();
    try (SandboxShop shop = SandboxShop.start()) {
      InMemorySyncStateStore store = new InMemorySyncStateStore(shop.clock());
      Integration link = Integration.builder().centra(shop.centraClient()).sage(shop.sageClient()).store(store)
          .mappings(fromFile).build();
      DoctorReport report = Doctor.builder().centra(shop.centraClient()).sage(shop.sageClient()).mappings(fromFile)
          .store(store)
          .flows(new OrderImport(link,
              OrderImportOptions.builder().discovery(OrderImportOptions.Discovery.POLLING).build()),
              new StockPublish(link))
          .build().run();

      assertThat(report.errors()).as(report.toText()).isZero();
      assertThat(report.findings("masterdata.counts")).singleElement().extracting(f -> f.found()).asString()
          .endsWith(", 0 Centra SKUs without a Sage product");
    }
  }

  private static Mappings exampleFile() throws IOException {
    try (Reader reader = new InputStreamReader(
        MappingsExampleTest.class.getResourceAsStream("/mappings-example.properties"), StandardCharsets.UTF_8)) {
      return Mappings.fromProperties(reader);
    }
  }

  private static Map<String, Long> taxIdsByPercent(Mappings m) {
    Map<String, Long> out = new java.util.TreeMap<>();
    m.taxCodes().forEach(t -> out.put(t.percent().stripTrailingZeros().toPlainString(), t.sageTaxCodeId()));
    return out;
  }
}
