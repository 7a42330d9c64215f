package io.github.centrasage.sync.catalog;

import static io.github.centrasage.sync.catalog.CatalogWorld.BLACK;
import static io.github.centrasage.sync.catalog.CatalogWorld.NAVY;
import static io.github.centrasage.sync.catalog.CatalogWorld.PRODUCT;
import static io.github.centrasage.sync.catalog.CatalogFieldsAndCreateTest.NEW_PRODUCT;
import static io.github.centrasage.sync.catalog.CatalogWorld.SIZES;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.centra.Product;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobState;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The catalogue tells the truth: one Sage item per Centra size, rounded prices, nothing changed or left silently. */
class CatalogTruthTest {
  CatalogWorld world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  Optional<Binding> linkOf(String sageCode) {
    return world.store.bindingBySageId("sku", Long.toString(world.sageSandbox.ids("product").get(sageCode)));
  }

  List<String> parkReasons() {
    return world.parked().stream().map(j -> String.join(" ", j.parkReasons())).collect(Collectors.toList());
  }

  // ---- identity

  @Test
  void aSecondSageItemWithTheSameBarcodeParksBothAndLinksNeither() {
    world = new CatalogWorld(SandboxCatalog.generated(90, 7L), o -> o);
    String owner = BLACK + "-M";
    String intruder = CatalogWorld.SHOP.items().stream().filter(i -> i.productNumber().equals(NEW_PRODUCT))
        .findFirst().orElseThrow().sku(); // Centra has no size of its own for it
    world.sageSandbox.editProduct(intruder, "barcode", world.item(owner).ean());

    world.publish();
    world.publishFullPass();
    world.publishFullPass();

    List<Job> clashing = world.parked().stream().filter(j -> j.reference().equals(owner) || j.reference().equals(intruder))
        .collect(Collectors.toList());
    assertThat(clashing).extracting(Job::reference).containsExactlyInAnyOrder(owner, intruder);
    assertThat(clashing).allSatisfy(j -> assertThat(String.join(" ", j.parkReasons()))
        .contains("claimed by more than one Sage item").contains(owner + " (by SKU)").contains(intruder + " (by EAN"));
    // neither feeds the size through the catalogue's link (the one StockPublish reads)
    assertThat(linkOf(intruder)).isEmpty();
    assertThat(world.store.bindingByCentraId("sku", world.item(owner).variantId() + ":" + sizeChartId(owner))
        .map(Binding::sageReference).flatMap(r -> r)).isNotEqualTo(Optional.of(intruder));
    LinkReport report = CatalogPublish.linkReport(world.centra, world.sage, world.options);
    assertThat(report.clashes()).containsOnlyKeys(owner);
    assertThat(report.clashes().get(owner)).containsExactlyInAnyOrder(owner, intruder);
  }

  long sizeChartId(String sku) {
    try (Stream<Product> all = world.centra.catalog().products()) {
      return all.flatMap(p -> p.variants().stream()).flatMap(v -> v.productSizes().stream())
          .filter(s -> s.sku().filter(sku::equals).isPresent()).findFirst().orElseThrow().size().orElseThrow().id();
    }
  }

  // ---- rounding and idle passes

  @Test
  void aPriceWithMoreDecimalsThanItsCurrencyIsRoundedOnceAndNotWrittenAgain() {
    world = new CatalogWorld();
    world.publish();
    world.changeSagePrice(BLACK, "Standard", "19.995");
    world.changeSagePrice(NAVY, "Standard", "19.995");

    world.publish();
    assertThat(world.centraProductPrice("GBP", BLACK + "-M")).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("20.00"));
    long writes = world.centraWrites();
    world.publishFullPass();
    world.publishFullPass();

    assertThat(world.centraWrites()).isEqualTo(writes);
  }

  @Test
  void aFullPassReadsTheCatalogueAndEachPricelistOnceWhateverTheBatchSize() {
    world = new CatalogWorld(o -> o.batchSize(10));
    // what one read of the catalogue and of both pricelists costs, page by page
    try (Stream<Product> all = world.centra.catalog().products()) {
      all.count();
    }
    long onePassOfPrices = Stream.of("GBP", "EUR").mapToLong(c -> {
      try (var prices = world.centra.catalog().prices(world.pricelist(c))) {
        return prices.count();
      }
    }).sum();
    world.centra.catalog().pricelists();
    long pricelistsRead = world.centraSandbox.requestCount("pricelists");
    long catalogueRead = world.centraSandbox.requestCount("products");
    long pricesRead = world.centraSandbox.requestCount("prices");
    assertThat(onePassOfPrices).isPositive();
    world.centraSandbox.resetRequestCounts();

    world.publish(); // 100 SKUs in ten batches

    assertThat(world.counts()).containsEntry(JobState.SUCCEEDED, 100L);
    assertThat(world.centraSandbox.requestCount("products")).isEqualTo(catalogueRead);
    assertThat(world.centraSandbox.requestCount("prices")).isEqualTo(pricesRead);
    assertThat(world.centraSandbox.requestCount("pricelists")).isEqualTo(pricelistsRead);
  }

  // ---- nothing silent

  @Test
  void removingEveryPriceOfAProductParksItWithTheReasonAndKeepsNothingSilently() {
    world = new CatalogWorld();
    world.publish();
    BigDecimal before = world.centraProductPrice("GBP", BLACK + "-M").orElseThrow();
    for (String variant : List.of(BLACK, NAVY)) {
      SIZES.forEach(size -> world.sageSandbox.removePrice(variant + "-" + size, "Standard"));
    }

    world.publishFullPass();

    assertThat(world.parked()).hasSize(10).allSatisfy(j -> assertThat(j.reference()).startsWith(PRODUCT));
    assertThat(parkReasons()).allSatisfy(r -> assertThat(r).contains("has no price for").contains("Standard"));
    assertThat(world.setPricesCalls()).isZero();
    assertThat(world.centraProductPrice("GBP", BLACK + "-M")).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo(before));
  }

  @Test
  void aVariantWhosePricesWereRemovedDoesNotInheritAnotherVariantsNewPrice() {
    world = new CatalogWorld();
    world.publish();
    BigDecimal black = world.centraProductPrice("GBP", BLACK + "-M").orElseThrow();
    SIZES.forEach(size -> world.sageSandbox.removePrice(BLACK + "-" + size, "Standard"));
    world.changeSagePrice(NAVY, "Standard", "27.50");

    world.publishFullPass();

    BigDecimal blackNow = world.centraVariantPrice("GBP", BLACK + "-M")
        .orElse(world.centraProductPrice("GBP", BLACK + "-M").orElseThrow());
    assertThat(blackNow).isEqualByComparingTo(black);
    assertThat(parkReasons()).isNotEmpty().allSatisfy(r -> assertThat(r).contains(BLACK + "-M"));
  }

  @Test
  void withDeactivateARemovedPriceStopsSellingThoseSizesOnly() {
    world = new CatalogWorld(o -> o.missingPriceAction(WithdrawAction.DEACTIVATE));
    world.publish();
    SIZES.forEach(size -> world.sageSandbox.removePrice(BLACK + "-" + size, "Standard"));

    world.publishFullPass();

    SIZES.forEach(size -> assertThat(world.item(BLACK + "-" + size).sizeActive()).isFalse());
    SIZES.forEach(size -> assertThat(world.item(NAVY + "-" + size).sizeActive()).isTrue());
    assertThat(world.item(NAVY + "-M").productStatus()).isEqualTo("ACTIVE");
    assertThat(world.parked()).isEmpty();
  }

  @Test
  void aDeletedSageSkuStopsItsCentraSizeOnceAndTheRestSells() {
    world = new CatalogWorld();
    world.publish();
    String gone = BLACK + "-M";

    world.sageSandbox.deleteProduct(gone);
    world.publishFullPass();

    assertThat(world.item(gone).sizeActive()).isFalse();
    assertThat(world.item(BLACK + "-S").sizeActive()).isTrue();
    assertThat(world.item(gone).productStatus()).isEqualTo("ACTIVE");
    assertThat(world.store.bindingByCentraId("sku", world.item(gone).variantId() + ":" + sizeChartId(gone))).isEmpty();
    long writes = world.centraWrites();
    world.publishFullPass();
    assertThat(world.centraWrites()).isEqualTo(writes);
    assertThat(world.parked()).isEmpty();
  }

  @Test
  void aDeletedSageProductStopsEveryCentraSizeAndTheProduct() {
    world = new CatalogWorld();
    world.publish();

    for (String variant : List.of(BLACK, NAVY)) {
      SIZES.forEach(size -> world.sageSandbox.deleteProduct(variant + "-" + size));
    }
    world.publishFullPass();

    for (String variant : List.of(BLACK, NAVY)) {
      SIZES.forEach(size -> assertThat(world.item(variant + "-" + size).sizeActive()).isFalse());
    }
    assertThat(world.item(BLACK + "-M").productStatus()).isEqualTo("INACTIVE");
    assertThat(world.setPricesCalls()).isZero();
  }

  @Test
  void withParkADeletedSageSkuParksAndChangesNothing() {
    world = new CatalogWorld(o -> o.withdrawnItemAction(WithdrawAction.PARK));
    world.publish();
    String gone = BLACK + "-M";

    world.sageSandbox.deleteProduct(gone);
    world.publishFullPass();

    assertThat(world.item(gone).sizeActive()).isTrue();
    assertThat(parkReasons()).isNotEmpty().allSatisfy(r -> assertThat(r).contains(gone).contains("deleted"));
  }

  @Test
  void anInactiveSageSkuStopsItsCentraSizeUntilItIsActiveAgain() {
    world = new CatalogWorld();
    world.publish();
    String sku = BLACK + "-M";

    world.sageSandbox.editProduct(sku, "product_status_type", "EnumStockItemStatusTypeInactive");
    world.publish(); // a change poll sees it

    assertThat(world.item(sku).sizeActive()).isFalse();
    assertThat(world.item(BLACK + "-S").sizeActive()).isTrue();
    assertThat(world.item(sku).productStatus()).isEqualTo("ACTIVE");

    world.sageSandbox.editProduct(sku, "product_status_type", "EnumStockItemStatusTypeActive");
    world.publish();

    assertThat(world.item(sku).sizeActive()).isTrue();
  }

  // ---- creation

  @Test
  void aProductWhoseFirstVariantCentraRefusesIsLeftInactiveAndReported() {
    SkuSplitter dashes = SkuSplitter.separatedBy('-');
    // every size of the new product names a size the chart lacks: Centra refuses the variant
    world = new CatalogWorld(SandboxCatalog.generated(90, 7L), o -> o.createMissingProducts(true)
        .skuSplitter(code -> {
          SkuParts parts = dashes.split(code);
          return code.startsWith(NEW_PRODUCT)
              ? SkuParts.of(parts.productNumber(), parts.variantNumber(), "-Q" + parts.sizeName(), "Q" + parts.sizeName())
              : parts;
        }));

    world.publish();
    world.publish();

    Product created;
    try (Stream<Product> all = world.centra.catalog().products()) {
      created = all.filter(p -> p.productNumber().filter(NEW_PRODUCT::equals).isPresent()).findFirst().orElseThrow();
    }
    assertThat(created.status()).contains("INACTIVE");
    assertThat(created.variants()).isEmpty();
    assertThat(world.parked()).isNotEmpty().allSatisfy(j -> assertThat(j.reference()).startsWith(NEW_PRODUCT));
    assertThat(world.centraSandbox.requestCount("createProduct")).isEqualTo(1);
  }

  @Test
  void aNewSizeJoinsTheCentraVariantWhoseNumberIsSpelledDifferently() {
    // Centra's variants are numbered like "ECR"; the default splitter cuts "-ECR"; P00010's last size is not in Centra
    world = new CatalogWorld(SandboxCatalog.generated(99, 7L), o -> o.createMissingProducts(true));
    SandboxCatalog.Item last = CatalogWorld.SHOP.items().get(99);
    SandboxCatalog.Item sibling = CatalogWorld.SHOP.items().get(98);

    world.publish();

    assertThat(world.centraSandbox.requestCount("createProductVariant")).isZero();
    assertThat(world.centraSandbox.requestCount("createProductSize")).isEqualTo(1);
    long variant = world.item(sibling.sku()).variantId();
    assertThat(world.centraSandbox.catalogItems().stream().filter(i -> i.variantId() == variant)).hasSize(5);
    assertThat(linkOf(last.sku())).hasValueSatisfying(b -> assertThat(b.centraId()).startsWith(variant + ":"));
  }
}
