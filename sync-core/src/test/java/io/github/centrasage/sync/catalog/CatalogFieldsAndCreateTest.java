package io.github.centrasage.sync.catalog;

import io.github.centrasage.sync.integration.Integration;
import static io.github.centrasage.sync.catalog.CatalogWorld.BLACK;
import static io.github.centrasage.sync.catalog.CatalogWorld.NAVY;
import static io.github.centrasage.sync.catalog.CatalogWorld.SIZES;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.centra.IdConversion;
import io.github.centrasage.sandbox.CentraCatalogItem;
import io.github.centrasage.sandbox.Fault;
import io.github.centrasage.sandbox.FaultScope;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.stock.StockPublish;
import io.github.centrasage.sync.spi.JobState;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CatalogPublish's Sage-owned non-price fields and the creation of missing Centra items, against both sandboxes. */
class CatalogFieldsAndCreateTest {
  /** The product Centra lacks when it is seeded with 90 of the shop's 100 SKUs: two colours, five sizes. */
  static final String NEW_PRODUCT = "P00010";

  CatalogWorld world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  CentraCatalogItem centra(String sku) {
    return world.centraSandbox.catalogItem(sku);
  }

  List<CentraCatalogItem> centraItemsOf(String productNumber) {
    return world.centraSandbox.catalogItems().stream().filter(i -> productNumber.equals(i.productNumber()))
        .collect(Collectors.toList());
  }

  @Test
  void sageOwnedStatusAndEanChangedInCentraArePutBackByTheFullPass() {
    world = new CatalogWorld();
    world.publish();
    String sku = BLACK + "-M";
    String sageEan = centra(sku).ean();
    world.centraSandbox.editProduct(sku, "status", "INACTIVE");
    world.centraSandbox.editProduct(sku, "EAN", "5000000000017");

    world.publish(); // nothing changed in Sage: the change poll cannot see a Centra edit
    assertThat(centra(sku).productStatus()).isEqualTo("INACTIVE");

    world.publishFullPass();

    assertThat(centra(sku).productStatus()).isEqualTo("ACTIVE");
    assertThat(centra(sku).ean()).isEqualTo(sageEan);
    assertThat(world.centraSandbox.requestCount("updateProduct")).isEqualTo(1);
    assertThat(world.centraSandbox.requestCount("updateProductSize")).isEqualTo(1);
  }

  @Test
  void aMerchandisersEditOfCentraOwnedFieldsSurvivesWhileSageOwnedOnesAreWritten() {
    world = new CatalogWorld(o -> o.ownership(FieldOwnership.builder().putOwners(CatalogField.WEIGHT, FieldOwner.CENTRA).build()));
    world.publish();
    String sku = BLACK + "-M";
    world.centraSandbox.renameProduct(sku, "Summer Tee (campaign)");
    world.centraSandbox.editProduct(sku, "weight", "0.999");
    world.clock.advance(Duration.ofSeconds(1));
    SIZES.forEach(size -> {
      world.sageSandbox.editProduct(BLACK + "-" + size, "weight", new BigDecimal("0.25"));
      world.sageSandbox.editProduct(BLACK + "-" + size, "product_status_type", "EnumStockItemStatusTypeInactive");
      world.sageSandbox.editProduct(NAVY + "-" + size, "product_status_type", "EnumStockItemStatusTypeInactive");
    });

    world.publish();
    world.publishFullPass();

    CentraCatalogItem item = centra(sku);
    assertThat(item.productName()).isEqualTo("Summer Tee (campaign)");
    assertThat(item.weight()).isEqualByComparingTo("0.999");
    assertThat(item.productStatus()).isEqualTo("INACTIVE"); // Sage's: no size of the product may be sold any more
    assertThat(world.centraSandbox.requestCount("updateProduct")).isEqualTo(1);
  }

  @Test
  void countryOfOriginAndCommodityCodeFromSageReachTheCentraProductOnce() {
    world = new CatalogWorld();
    world.publish();
    world.centraSandbox.editProduct(BLACK + "-M", "countryOfOrigin", "CN");
    world.clock.advance(Duration.ofSeconds(1));
    SIZES.forEach(size -> {
      // Sage's product.country_of_origin is a country_codes record (an object with a code)
      world.sageSandbox.editProduct(BLACK + "-" + size, "country_of_origin", java.util.Map.of("code", "pt", "name", "Portugal"));
      world.sageSandbox.editProduct(BLACK + "-" + size, "commodity_code", " 61091000 ");
    });

    world.publish();

    // one Centra product carries both colours: the navy sizes show what the black items said
    assertThat(centra(NAVY + "-XS").countryOfOrigin()).isEqualTo("PT");
    assertThat(centra(NAVY + "-XS").commodityCode()).isEqualTo("61091000");
    assertThat(world.centraSandbox.requestCount("updateProduct")).isEqualTo(1);

    world.publishFullPass(); // Centra agrees now: nothing to write
    assertThat(world.centraSandbox.requestCount("updateProduct")).isEqualTo(1);
  }

  @Test
  void theSageFieldNamesAreConfigurableAndOnlyFieldsSageOwnsAreWritten() {
    // a site that keeps them in spare fields (names Sage's product record has)
    world = new CatalogWorld(o -> o.countryOfOriginField("spare_text_1").commodityCodeField("spare_number_1"));
    world.publish();
    world.clock.advance(Duration.ofSeconds(1));
    // a code as text, and a commodity code Sage sends as a JSON number
    world.sageSandbox.editProduct(BLACK + "-S", "spare_text_1", "IT");
    world.sageSandbox.editProduct(BLACK + "-S", "spare_number_1", new BigDecimal("62034231"));
    // the default names are not read any more
    world.sageSandbox.editProduct(NAVY + "-S", "country_of_origin", java.util.Map.of("code", "FR"));

    world.publish();

    assertThat(centra(BLACK + "-S").countryOfOrigin()).isEqualTo("IT");
    assertThat(centra(BLACK + "-S").commodityCode()).isEqualTo("62034231");

    try (CatalogWorld centraOwned = new CatalogWorld(o -> o.ownership(FieldOwnership.builder()
        .putOwners(CatalogField.COMMODITY_CODE, FieldOwner.CENTRA).build()))) {
      centraOwned.publish();
      centraOwned.clock.advance(Duration.ofSeconds(1));
      centraOwned.centraSandbox.editProduct(NAVY + "-M", "harmonizedCommodityCode", "99999999");
      SIZES.forEach(size -> {
        centraOwned.sageSandbox.editProduct(NAVY + "-" + size, "commodity_code", "61091000");
        // a country name, not a code: declaring a guessed origin would be wrong, so it is not written
        centraOwned.sageSandbox.editProduct(NAVY + "-" + size, "country_of_origin", java.util.Map.of("name", "Portugal"));
      });

      centraOwned.publish();

      assertThat(centraOwned.centraSandbox.catalogItem(NAVY + "-M").commodityCode()).isEqualTo("99999999");
      assertThat(centraOwned.centraSandbox.catalogItem(NAVY + "-M").countryOfOrigin()).isNull();
      assertThat(centraOwned.centraSandbox.requestCount("updateProduct")).isZero();
    }
  }

  @Test
  void anEanChangedInSageReachesTheCentraSizeAndNothingElseIsWritten() {
    world = new CatalogWorld();
    world.publish();
    String sku = NAVY + "-L";
    world.clock.advance(Duration.ofSeconds(1));
    world.sageSandbox.editProduct(sku, "barcode", "5099999999994");

    world.publish();

    assertThat(centra(sku).ean()).isEqualTo("5099999999994");
    assertThat(world.centraSandbox.requestCount("updateProductSize")).isEqualTo(1);
    assertThat(world.centraWrites()).isEqualTo(1);
    // still linked by SKU to the same size, so stock keeps flowing to it
    Binding link = world.store.bindingBySageId("sku", Long.toString(world.sageSandbox.ids("product").get(sku))).orElseThrow();
    assertThat(link.centraId()).startsWith(centra(sku).variantId() + ":");
  }

  @Test
  void sageWeightsBecomeOneProductWeightTheHeaviestSizes() {
    world = new CatalogWorld();
    world.publish();
    world.clock.advance(Duration.ofSeconds(1));
    String[] weights = {"0.210", "0.220", "0.240", "0.260", "0.290"};
    for (int i = 0; i < SIZES.size(); i++) {
      world.sageSandbox.editProduct(BLACK + "-" + SIZES.get(i), "weight", new BigDecimal(weights[i]));
    }

    world.publish();

    assertThat(centra(NAVY + "-XS").weight()).isEqualByComparingTo("0.29");
    assertThat(world.centraSandbox.requestCount("updateProduct")).isEqualTo(1); // one product, one write for all ten sizes
  }

  @Test
  void aSecondRunAndAFullPassWithNoSageChangeMakeNoCentraWrite() {
    world = new CatalogWorld();
    world.publish();
    world.clock.advance(Duration.ofSeconds(1));
    SIZES.forEach(size -> world.sageSandbox.editProduct(NAVY + "-" + size, "weight", new BigDecimal("0.4")));
    world.sageSandbox.editProduct(NAVY + "-S", "barcode", "5099999999987");
    world.changeSagePrice(BLACK, "Standard", "24.00");
    world.changeSagePrice(NAVY, "Standard", "24.00");
    world.publish();
    long writes = world.centraWrites();
    assertThat(writes).isEqualTo(3); // one updateProduct, one updateProductSize, one setPrices

    world.publish();
    world.publishFullPass();
    world.publishFullPass();

    assertThat(world.centraWrites()).isEqualTo(writes);
    assertThat(world.counts()).containsEntry(JobState.PARKED, 0L).containsEntry(JobState.RETRYING, 0L);
  }

  @Test
  void aFieldWriteCentraRefusesParksThatProductsJobsWithCentrasMessage() {
    // a status value this Centra does not have: every product's update is refused with a user error
    world = new CatalogWorld(o -> o.activeStatus("LIVE"));

    world.publish();

    assertThat(world.parked()).hasSize(100).allSatisfy(j -> assertThat(String.join(" ", j.parkReasons()))
        .contains("Centra refused the Sage-owned fields of product").contains("Unknown product status LIVE"));
    assertThat(centra(BLACK + "-M").productStatus()).isEqualTo("ACTIVE");
    assertThat(world.centraSandbox.requestCount("updateProduct")).isEqualTo(10); // one per product, not per size
  }

  @Test
  void withCreationOffAMissingProductIsOnlyReportedAndNothingIsCreated() {
    world = new CatalogWorld(SandboxCatalog.generated(90, 7L), o -> o);

    world.publish();

    assertThat(world.parked()).hasSize(10).allSatisfy(j -> assertThat(j.reference()).startsWith(NEW_PRODUCT));
    assertThat(centraItemsOf(NEW_PRODUCT)).isEmpty();
    assertThat(world.centraSandbox.requestCount("createProduct") + world.centraSandbox.requestCount("createProductVariant")
        + world.centraSandbox.requestCount("createProductSize")).isZero();
  }

  @Test
  void withCreationOnAMissingProductIsCreatedOnceLinkedPricedAndLeftAloneAfterwards() {
    world = new CatalogWorld(SandboxCatalog.generated(90, 7L), o -> o.createMissingProducts(true).setIdConversions(true));

    world.publish();

    List<CentraCatalogItem> created = centraItemsOf(NEW_PRODUCT);
    List<String> sageCodes = CatalogWorld.SHOP.items().stream().filter(i -> i.productNumber().equals(NEW_PRODUCT))
        .map(SandboxCatalog.Item::sku).collect(Collectors.toList());
    assertThat(created).extracting(CentraCatalogItem::sku).containsExactlyInAnyOrderElementsOf(sageCodes);
    assertThat(created).extracting(CentraCatalogItem::productId).containsOnly(created.get(0).productId());
    assertThat(created.stream().map(CentraCatalogItem::variantId).distinct()).hasSize(2);
    SandboxCatalog.Item first = CatalogWorld.SHOP.items().stream().filter(i -> i.sku().equals(sageCodes.get(0))).findFirst().orElseThrow();
    assertThat(centra(first.sku()).ean()).isEqualTo(first.ean());
    assertThat(created.get(0).productStatus()).isEqualTo("ACTIVE");
    assertThat(world.centraSandbox.requestCount("createProduct")).isEqualTo(1);
    assertThat(world.centraSandbox.requestCount("createProductVariant")).isEqualTo(2);
    assertThat(world.centraSandbox.requestCount("createProductSize")).isEqualTo(8);
    assertThat(world.parked()).isEmpty();
    for (String code : sageCodes) {
      Binding link = world.store.bindingBySageId("sku", Long.toString(world.sageSandbox.ids("product").get(code))).orElseThrow();
      assertThat(link.centraId()).startsWith(centra(code).variantId() + ":");
    }
    assertThat(world.centraProductPrice("GBP", sageCodes.get(0))).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo(first.priceGbp()));
    assertThat(world.centra.idConversions().find("Product", NEW_PRODUCT)).extracting(IdConversion::internalId)
        .containsExactly(created.get(0).productId());

    long writes = world.centraWrites();
    world.publish();
    world.publishFullPass();
    assertThat(world.centraWrites()).isEqualTo(writes);
    assertThat(centraItemsOf(NEW_PRODUCT)).hasSize(10);
  }

  @Test
  void aCreatedProductCarriesSagesOriginAndCommodityCodeWithoutALaterUpdate() {
    world = new CatalogWorld(SandboxCatalog.generated(90, 7L), o -> o.createMissingProducts(true));
    CatalogWorld.SHOP.items().stream().filter(i -> i.productNumber().equals(NEW_PRODUCT)).forEach(i -> {
      world.sageSandbox.editProduct(i.sku(), "country_of_origin", java.util.Map.of("code", "PT"));
      world.sageSandbox.editProduct(i.sku(), "commodity_code", "61091000");
    });

    world.publish();

    List<CentraCatalogItem> created = centraItemsOf(NEW_PRODUCT);
    assertThat(created).isNotEmpty().allSatisfy(item -> {
      assertThat(item.countryOfOrigin()).isEqualTo("PT");
      assertThat(item.commodityCode()).isEqualTo("61091000");
    });
    // created inactive, the one update is the activation once its sizes and prices are in
    assertThat(world.centraSandbox.requestCount("updateProduct")).isEqualTo(1);
    assertThat(created.get(0).productStatus()).isEqualTo("ACTIVE");
  }

  @Test
  void stockPublishingReachesACreatedSizeThroughTheBinding() {
    world = new CatalogWorld(SandboxCatalog.generated(90, 7L), o -> o.createMissingProducts(true));
    world.publish();
    String sku = centraItemsOf(NEW_PRODUCT).get(0).sku();
    assertThat(world.centraSandbox.stock(sku, "Leeds DC").physical()).isZero();

    String leeds = Long.toString(world.sageSandbox.ids("warehouse").get("Leeds DC"));
    String centraLeeds = Long.toString(world.centraSandbox.ids("warehouse").get("Leeds DC"));
    Integration stockLink = Integration.builder().store(world.store).centra(world.centra).sage(world.sage)
        .mappings(Mappings.builder().putWarehouse(centraLeeds, leeds).build()).build();
    try (SyncEngine engine = SyncEngine.builder().store(world.store).clock(world.clock)
        .flow(new StockPublish(stockLink)).build()) {
      world.clock.advance(Duration.ofSeconds(1));
      BigDecimal now = world.sageSandbox.holding(sku, "Leeds DC").quantityInStock();
      world.sageSandbox.adjustStock(sku, "Leeds DC", new BigDecimal("17").subtract(now));
      engine.runOnce(StockPublish.NAME);
    }

    assertThat(world.centraSandbox.stock(sku, "Leeds DC").physical()).isEqualByComparingTo("17");
  }

  @Test
  void aCreationCutOffAfterCentraCommittedIsCompletedNotRepeated() {
    world = new CatalogWorld(SandboxCatalog.generated(90, 7L), o -> o.createMissingProducts(true));
    // the connection drops after Centra saved the product and after it saved the first variant: the client never hears
    var productCut = world.centraSandbox.faults().inject(Fault.resetAfterCommit(), FaultScope.nextCalls(1).on("createProduct"));
    var variantCut = world.centraSandbox.faults().inject(Fault.resetAfterCommit(),
        FaultScope.nextCalls(1).on("createProductVariant"));

    world.publish();
    assertThat(world.counts().get(JobState.SUCCEEDED)).isEqualTo(90L);
    world.publish();
    world.publish();
    world.publish();

    assertThat(centraItemsOf(NEW_PRODUCT)).hasSize(10);
    assertThat(centraItemsOf(NEW_PRODUCT).stream().map(CentraCatalogItem::productId).collect(Collectors.toSet())).hasSize(1);
    assertThat(productCut.timesApplied()).isEqualTo(1);
    assertThat(variantCut.timesApplied()).isEqualTo(1);
    assertThat(world.centraSandbox.requestCount("createProduct")).isEqualTo(1);
    assertThat(world.centraSandbox.requestCount("createProductVariant")).isEqualTo(2);
    assertThat(world.counts()).containsEntry(JobState.SUCCEEDED, 100L).containsEntry(JobState.PARKED, 0L);
  }

  @Test
  void anotherEngineHoldingTheCreationLeaseHoldsCreationBack() {
    world = new CatalogWorld(SandboxCatalog.generated(90, 7L), o -> o.createMissingProducts(true));
    String lease = "CatalogPublish:create:" + NEW_PRODUCT;
    assertThat(world.store.tryAcquireLease(lease, "other-engine", Duration.ofMinutes(2))).isTrue();

    world.publish();

    assertThat(centraItemsOf(NEW_PRODUCT)).isEmpty();
    assertThat(world.counts()).containsEntry(JobState.RETRYING, 10L);

    world.store.releaseLease(lease, "other-engine");
    world.clock.advance(Duration.ofMinutes(1)); // past the record-lock retry schedule
    world.publish();

    assertThat(centraItemsOf(NEW_PRODUCT)).hasSize(10);
    assertThat(world.counts()).containsEntry(JobState.SUCCEEDED, 100L);
  }

  @Test
  void aSageCodeTheSplitterCannotCutIsParkedWithTheReason() {
    world = new CatalogWorld(SandboxCatalog.generated(90, 7L), o -> o.createMissingProducts(true)
        .skuSplitter(SkuSplitter.separatedBy('/')));

    world.publish();

    assertThat(world.parked()).hasSize(10).allSatisfy(j -> assertThat(String.join(" ", j.parkReasons()))
        .contains("cannot be created").contains("skuSplitter"));
    assertThat(world.centraSandbox.requestCount("createProduct")).isZero();
    assertThat(Set.copyOf(centraItemsOf(NEW_PRODUCT))).isEmpty();
  }
}
