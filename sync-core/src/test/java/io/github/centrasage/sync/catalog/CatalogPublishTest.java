package io.github.centrasage.sync.catalog;

import static io.github.centrasage.sync.catalog.CatalogWorld.BLACK;
import static io.github.centrasage.sync.catalog.CatalogWorld.NAVY;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobState;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CatalogPublishTest {
  CatalogWorld world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void firstFullPassLinksEverySkuAndWritesNothingWhenPricesAlreadyAgree() {
    world = new CatalogWorld();

    world.publish();

    assertThat(world.setPricesCalls()).isZero();
    assertThat(world.counts()).containsEntry(JobState.SUCCEEDED, 100L);
    String sku = BLACK + "-M";
    Binding link = world.store.bindingBySageId("sku", Long.toString(world.sageSandbox.ids("product").get(sku))).orElseThrow();
    assertThat(link.sageReference()).contains(sku);
    assertThat(link.centraId()).startsWith(world.centraVariant(sku) + ":");
  }

  @Test
  void sageStandardPriceChangeReachesTheMappedGbpPricelistOnly() {
    world = new CatalogWorld();
    world.publish();
    BigDecimal eurBefore = world.centraProductPrice("EUR", BLACK + "-M").orElseThrow();

    world.changeSagePrice(BLACK, "Standard", "27.50");
    world.changeSagePrice(NAVY, "Standard", "27.50");
    world.publish();

    assertThat(world.centraProductPrice("GBP", BLACK + "-M")).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("27.50"));
    assertThat(world.centraProductPrice("EUR", BLACK + "-M")).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo(eurBefore));
    assertThat(world.setPricesCalls()).isEqualTo(1); // ten changed SKUs, one product row, one mutation
  }

  @Test
  void aSecondRunWithNoSageChangeWritesNothing() {
    world = new CatalogWorld();
    world.publish();
    world.changeSagePrice(BLACK, "EURO", "35.00");
    world.changeSagePrice(NAVY, "EURO", "35.00");
    world.publish();
    long writes = world.setPricesCalls();
    assertThat(writes).isEqualTo(1);

    world.publish(); // changes only: nothing changed
    world.publishFullPass(); // every product compared again

    assertThat(world.setPricesCalls()).isEqualTo(writes);
    assertThat(world.counts()).containsEntry(JobState.PARKED, 0L).containsEntry(JobState.RETRYING, 0L);
  }

  @Test
  void aMerchandisersVariantPriceSurvivesASagePriceChange() {
    world = new CatalogWorld();
    world.publish();
    world.merchandiserSetsPrice("GBP", NAVY + "-S", "25.00", Optional.of("19.00")); // a sale on navy

    world.changeSagePrice(BLACK, "Standard", "29.00");
    world.changeSagePrice(NAVY, "Standard", "29.00");
    world.publish();
    world.publishFullPass();

    assertThat(world.centraProductPrice("GBP", NAVY + "-S")).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("29.00"));
    assertThat(world.centraVariantPrice("GBP", NAVY + "-S")).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("19.00"));
    assertThat(world.setPricesCalls()).isEqualTo(2); // the merchandiser's and ours; the full pass wrote nothing
  }

  @Test
  void aMerchandisersProductNameSurvivesASync() {
    world = new CatalogWorld();
    world.publish();
    world.centraSandbox.renameProduct(BLACK + "-M", "Summer Tee (campaign)");

    world.changeSagePrice(BLACK, "Standard", "21.00");
    world.changeSagePrice(NAVY, "Standard", "21.00");
    world.publish();
    world.publishFullPass();

    assertThat(centraProductName(world.centraProduct(BLACK + "-M"))).contains("Summer Tee (campaign)");
    assertThat(world.centraProductPrice("GBP", BLACK + "-M")).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("21.00"));
  }

  @Test
  void aSizeWhoseSkuDiffersIsLinkedByEanAndStockPublishingUsesTheLink() {
    world = new CatalogWorld();
    String sku = BLACK + "-M";
    long variant = world.centraVariant(sku);
    world.centraSandbox.changeSku(sku, "LEGACY-BLK-M"); // Centra's code differs; the EAN still agrees

    world.publish();

    long sageProduct = world.sageSandbox.ids("product").get(sku);
    Binding link = world.store.bindingBySageId("sku", Long.toString(sageProduct)).orElseThrow();
    assertThat(link.centraId()).startsWith(variant + ":");
    assertThat(link.sageReference()).contains(sku);
    assertThat(world.parked()).isEmpty();

    // StockPublish, which matches by SKU only, finds the size through the binding
    assertThat(world.centraSandbox.stock("LEGACY-BLK-M", "Leeds DC").physical()).isNotEqualByComparingTo("17");
    String leeds = Long.toString(world.sageSandbox.ids("warehouse").get("Leeds DC"));
    String centraLeeds = Long.toString(world.centraSandbox.ids("warehouse").get("Leeds DC"));
    io.github.centrasage.sync.stock.StockPublish stock = new io.github.centrasage.sync.stock.StockPublish(
        io.github.centrasage.sync.integration.Integration.builder().store(world.store).centra(world.centra)
            .sage(world.sage).mappings(io.github.centrasage.sync.integration.Mappings.builder()
                .putWarehouse(centraLeeds, leeds).build()).build());
    try (io.github.centrasage.sync.SyncEngine engine = io.github.centrasage.sync.SyncEngine.builder().store(world.store)
        .clock(world.clock).flow(stock).build()) {
      world.clock.advance(java.time.Duration.ofSeconds(1));
      BigDecimal now = world.sageSandbox.holding(sku, "Leeds DC").quantityInStock();
      world.sageSandbox.adjustStock(sku, "Leeds DC", new BigDecimal("17").subtract(now));
      world.sageSandbox.adjustStock(sku, "London Store", BigDecimal.ZERO);
      engine.runOnce(io.github.centrasage.sync.stock.StockPublish.NAME);
    }
    assertThat(world.centraSandbox.stock("LEGACY-BLK-M", "Leeds DC").physical()).isEqualByComparingTo("17");
  }

  private String centraProductName(long productId) {
    try (var products = world.centra.catalog().products()) {
      return products.filter(p -> p.id() == productId).findFirst().orElseThrow().name().orElse(null);
    }
  }

  @Test
  void aSageOwnedPriceChangedInCentraIsPutBackByTheFullPass() {
    world = new CatalogWorld();
    world.publish();
    BigDecimal sagePrice = world.centraProductPrice("GBP", BLACK + "-M").orElseThrow();
    world.merchandiserSetsPrice("GBP", BLACK + "-M", "1.00", Optional.empty());

    world.publish(); // nothing changed in Sage: the change poll cannot see it
    assertThat(world.centraProductPrice("GBP", BLACK + "-M")).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("1.00"));

    world.publishFullPass();

    assertThat(world.centraProductPrice("GBP", BLACK + "-M")).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo(sagePrice));
  }

  @Test
  void sageOwnedVariantPricesArePublishedAndAMerchandisersOverrideIsCleared() {
    world = new CatalogWorld(o -> o.ownership(FieldOwnership.builder()
        .putOwners(CatalogField.VARIANT_PRICES, FieldOwner.SAGE).build()));
    world.publish();
    world.merchandiserSetsPrice("EUR", NAVY + "-S", "30.00", Optional.of("9.00"));

    world.changeSagePrice(BLACK, "EURO", "40.00");
    world.changeSagePrice(NAVY, "EURO", "45.00"); // a tie between the two colours: the lower is the product price
    world.publish();

    assertThat(world.centraProductPrice("EUR", BLACK + "-M")).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("40.00"));
    assertThat(world.centraVariantPrice("EUR", NAVY + "-M")).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("45.00"));
    assertThat(world.centraVariantPrice("EUR", BLACK + "-M")).isEmpty();
    long writes = world.setPricesCalls();
    world.publishFullPass();
    assertThat(world.setPricesCalls()).isEqualTo(writes);
  }

  @Test
  void variantsPricedDifferentlyInSageAreParkedWhileCentraOwnsVariantPrices() {
    world = new CatalogWorld();
    world.publish();

    world.changeSagePrice(NAVY, "Standard", "31.00"); // black stays: two prices for one product
    world.publish();

    List<Job> parked = world.parked();
    // the changed navy sizes are parked; black, unchanged, is not retried until it changes or a full pass
    assertThat(parked).extracting(Job::reference).containsExactlyInAnyOrder(
        CatalogWorld.SIZES.stream().map(s -> NAVY + "-" + s).toArray(String[]::new));
    assertThat(parked.get(0).parkReasons()).anySatisfy(r -> assertThat(r).contains("owned by Centra"));
    assertThat(world.setPricesCalls()).isZero();
  }

  @Test
  void sizesOfOneVariantPricedDifferentlyInSageAreParkedWithTheReason() {
    world = new CatalogWorld();
    world.publish();

    world.clock.advance(java.time.Duration.ofSeconds(1));
    world.sageSandbox.changePrice(BLACK + "-XL", "Standard", new BigDecimal("99.00"));
    world.publish();

    assertThat(world.parked()).isNotEmpty().allSatisfy(j -> assertThat(j.parkReasons())
        .anySatisfy(r -> assertThat(r).contains("never per size")));
    assertThat(world.setPricesCalls()).isZero();
  }

  @Test
  void sageProductsCentraDoesNotKnowAreParkedAndReported() {
    // Centra lacks the last product of the shop (P00010, ten SKUs) that Sage has
    world = new CatalogWorld(SandboxCatalog.generated(90, 7L), o -> o);

    world.publish();

    List<Job> parked = world.parked();
    assertThat(parked).hasSize(10).allSatisfy(j -> {
      assertThat(j.reference()).startsWith("P00010-");
      assertThat(j.parkReasons()).anySatisfy(r -> assertThat(r).contains("has no Centra size"));
    });
    assertThat(world.counts()).containsEntry(JobState.SUCCEEDED, 90L);
    world.publishFullPass();
    assertThat(world.parked()).hasSize(10); // parked once, not again on every full pass
    assertThat(world.counts()).containsEntry(JobState.SUCCEEDED, 180L);
    LinkReport report = CatalogPublish.linkReport(world.centra, world.sage, world.options);
    assertThat(report.linked()).isEqualTo(90);
    assertThat(report.sageOnly().keySet()).allMatch(sku -> sku.startsWith("P00010-")).hasSize(10);
    assertThat(report.centraOnly()).isEmpty();
  }

  @Test
  void withoutParkingUnmatchedSageProductsAreOnlyReported() {
    world = new CatalogWorld(SandboxCatalog.generated(90, 7L), o -> o.parkUnmatched(false));

    world.publish();

    assertThat(world.parked()).isEmpty();
    assertThat(world.counts()).containsEntry(JobState.SUCCEEDED, 100L);
    assertThat(CatalogPublish.linkReport(world.centra, world.sage, world.options).sageOnly()).hasSize(10);
  }

  @Test
  void aBandWhoseCurrencyDisagreesWithThePricelistIsParkedAndNothingIsWritten() {
    world = new CatalogWorld(CatalogWorld.SHOP,
        (w, o) -> o.priceMappings(List.of(PriceMapping.of("EURO", w.pricelist("GBP"), "GBP"))));
    world.publish();

    assertThat(world.setPricesCalls()).isZero();
    assertThat(world.parked()).isNotEmpty().allSatisfy(j -> assertThat(String.join(" ", j.parkReasons()))
        .contains("band EURO").contains("Sage currency"));
  }
}
