package io.github.centrasage.sync.order;

import static io.github.centrasage.sync.order.OrderImportFixture.drain;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.centra.Price;
import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.SageSalesOrder;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.catalog.CatalogPublish;
import io.github.centrasage.sync.catalog.CatalogPublishOptions;
import io.github.centrasage.sync.catalog.PriceMapping;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One VAT rule: a net Sage price published to a VAT-inclusive pricelist comes back from an order as the same net. */
class CatalogueVatRoundTripTest {
  final OrderImportFixture f = new OrderImportFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void aNetSagePriceReachesAGrossPricelistAndTheOrderLineBooksTheSameNet() {
    String product = "P00001";
    List<String> skus = SandboxCatalog.fashionShop().items().stream().filter(i -> i.productNumber().equals(product))
        .map(SandboxCatalog.Item::sku).collect(Collectors.toList());
    skus.forEach(sku -> f.sage.changePrice(sku, "Standard", new BigDecimal("100.00"))); // Sage's price book is net
    long gbpPricelist = f.centra.ids("pricelist").get("GBP");
    Mappings mappings = f.mappings().putPriceBandBasis("Standard", Mappings.PriceBasis.NET).build();
    CatalogPublishOptions catalog = CatalogPublishOptions.builder()
        .addPriceMappings(PriceMapping.of("Standard", gbpPricelist, "GBP").withTax(true, new BigDecimal("20")))
        .build();
    InMemorySyncStateStore catalogStore = new InMemorySyncStateStore(f.clock);
    try (SyncEngine publish = SyncEngine.builder().store(catalogStore).clock(f.clock)
        .flow(new CatalogPublish(f.integration(catalogStore, mappings), catalog)).build()) {
      publish.runOnce(CatalogPublish.NAME);
    }
    long centraProduct = f.centra.ids("product").get(skus.get(0));
    try (Stream<Price> prices = f.centraClient.catalog().prices(gbpPricelist)) {
      assertThat(prices.filter(p -> p.product().filter(r -> r.id() == centraProduct).isPresent()
          && p.productVariant().isEmpty()).map(p -> p.price().value()).findFirst())
          .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("120.00"));
    }

    String sku = skus.get(2);
    f.centra.setTaxPercent(sku, new BigDecimal("20"));
    CentraOrder order = f.centra.placeOrder("GBP", Map.of(sku, 1));
    try (SyncEngine orders = f.engine(new InMemorySyncStateStore(f.clock), i -> new OrderImport(i, f.options().build()), mappings)
        .build()) {
      drain(orders, f.clock);
    }

    SageSalesOrder booked = f.sage.salesOrdersWithCustomerDocumentNo("CENTRA-" + order.number()).get(0);
    SageSalesOrder.Line line = booked.lines().stream().filter(l -> sku.equals(l.sku())).findFirst().orElseThrow();
    assertThat(line.sellingUnitPrice()).isEqualByComparingTo("100.00");
  }
}
