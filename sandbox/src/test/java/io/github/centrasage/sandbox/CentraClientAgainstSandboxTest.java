package io.github.centrasage.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.CentraEvent;
import io.github.centrasage.centra.CentraMutationResult;
import io.github.centrasage.centra.CentraReturn;
import io.github.centrasage.centra.ChangeStockRequest;
import io.github.centrasage.centra.CompleteShipmentRequest;
import io.github.centrasage.centra.CreateReturnRequest;
import io.github.centrasage.centra.CreateShipmentRequest;
import io.github.centrasage.centra.EventChangeType;
import io.github.centrasage.centra.EventQuery;
import io.github.centrasage.centra.EventSubscription;
import io.github.centrasage.centra.IdConversion;
import io.github.centrasage.centra.Money;
import io.github.centrasage.centra.Order;
import io.github.centrasage.centra.OrderQuery;
import io.github.centrasage.centra.Price;
import io.github.centrasage.centra.Pricelist;
import io.github.centrasage.centra.Product;
import io.github.centrasage.centra.ProductPrice;
import io.github.centrasage.centra.ReturnLineRequest;
import io.github.centrasage.centra.SetPricesRequest;
import io.github.centrasage.centra.SetStockRequest;
import io.github.centrasage.centra.Shipment;
import io.github.centrasage.centra.ShipmentLineRequest;
import io.github.centrasage.centra.SizeStockChange;
import io.github.centrasage.centra.SizeStockLevel;
import io.github.centrasage.centra.UpdateShipmentRequest;
import io.github.centrasage.centra.WarehouseStock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real centra-client against the Centra sandbox, covering every operation group of the
 * client's facade: each test asserts the parsed answer and what the sandbox holds afterwards. One
 * sandbox serves the class; tests work on distinct SKUs or fresh orders so they stay independent.
 */
class CentraClientAgainstSandboxTest {
  static final String WAREHOUSE = "Leeds DC";

  static CentraSandbox centra;
  static CentraClient client;

  @BeforeAll
  static void start() {
    centra = CentraSandbox.start();
    client = clientFor(centra).build();
  }

  @AfterAll
  static void stop() {
    centra.close();
  }

  /** A client builder aimed at {@code sandbox}, with a no-op sleeper so retries cost no time. */
  static CentraClient.Builder clientFor(CentraSandbox sandbox) {
    return CentraClient.builder().baseUrl(sandbox.baseUrl()).token(sandbox.token()).allowPlainHttp(true)
        .sleeper(d -> { }).readTimeout(Duration.ofSeconds(5));
  }

  /** The {@code i}-th seeded SKU, so each test works on its own stock. */
  static SandboxCatalog.Item item(int i) {
    return SandboxCatalog.fashionShop().items().get(i);
  }

  static long warehouseId() {
    return centra.ids("warehouse").get(WAREHOUSE);
  }

  static OffsetDateTime sandboxNow() {
    return centra.clock().instant().atOffset(ZoneOffset.UTC);
  }

  // ---- orders

  @Test
  void readsAPlacedOrderByNumberByIdAndInDateRanges() {
    OffsetDateTime from = sandboxNow().minusSeconds(1);
    CentraOrder placed = centra.placeOrder("GBP", Map.of("P00001-BLK-M", 2));

    Order byNumber = client.orders().byNumber(placed.number()).orElseThrow();
    assertThat(byNumber.id()).isEqualTo(placed.id());
    assertThat(byNumber.currency()).isEqualTo("GBP");
    assertThat(byNumber.grandTotal().value()).isEqualByComparingTo(placed.grandTotal());
    assertThat(byNumber.lines()).singleElement().satisfies(l -> {
      assertThat(l.quantity()).isEqualTo(2);
      assertThat(l.sku()).hasValue("P00001-BLK-M");
      assertThat(l.unitPrice().value()).isEqualByComparingTo(placed.lines().get(0).unitPrice());
    });
    assertThat(client.orders().byId(placed.id())).hasValueSatisfying(o -> assertThat(o.number()).isEqualTo(placed.number()));
    assertThat(client.orders().byNumber(999_999)).isEmpty();

    OrderQuery query = OrderQuery.builder().from(from).pageSize(1).build();
    try (Stream<Order> listed = client.orders().list(query); Stream<Order> byCursor = client.orders().listByCursor(query)) {
      assertThat(listed.map(Order::number).collect(Collectors.toList())).contains((long) placed.number());
      assertThat(byCursor.map(Order::number).collect(Collectors.toList())).contains((long) placed.number());
    }
  }

  // ---- stock

  @Test
  void setStockChangesPhysicalStock() {
    String sku = item(10).sku();
    client.stock().set(SetStockRequest.builder().warehouseId(warehouseId())
        .addLevels(SizeStockLevel.ofSizeName(centra.ids("variant").get(sku), item(10).sizeName(), 42)).build());

    assertThat(centra.stock(sku, WAREHOUSE).physical()).isEqualByComparingTo("42");
    assertThat(centra.stock(sku, WAREHOUSE).freeToAllocate())
        .isEqualByComparingTo(new BigDecimal(42).subtract(centra.stock(sku, WAREHOUSE).allocated()));
  }

  @Test
  void changeStockDeliversAndWithdrawsGoods() {
    String sku = item(20).sku();
    BigDecimal before = centra.stock(sku, WAREHOUSE).physical();
    long variant = centra.ids("variant").get(sku);

    CentraMutationResult<Long> in = client.stock().change(ChangeStockRequest.builder().intoWarehouseId(warehouseId())
        .addChanges(SizeStockChange.ofSizeName(variant, item(20).sizeName(), 5)).build());
    assertThat(in.warnings()).isEmpty();
    assertThat(centra.stock(sku, WAREHOUSE).physical()).isEqualByComparingTo(before.add(BigDecimal.valueOf(5)));

    client.stock().change(ChangeStockRequest.builder().outFromWarehouseId(warehouseId())
        .addChanges(SizeStockChange.ofSizeName(variant, item(20).sizeName(), 2)).build());
    assertThat(centra.stock(sku, WAREHOUSE).physical()).isEqualByComparingTo(before.add(BigDecimal.valueOf(3)));
  }

  @Test
  void readsWarehouseStockAsFreeToAllocate() {
    String sku = item(30).sku();
    List<WarehouseStock> stock;
    try (Stream<WarehouseStock> s = client.stock().warehouseStock(warehouseId())) {
      stock = s.collect(Collectors.toList());
    }

    assertThat(stock).filteredOn(w -> w.productSize().sku().equals(java.util.Optional.of(sku))).singleElement()
        .satisfies(w -> {
          assertThat(new BigDecimal(w.freeToAllocateQuantity()))
              .isEqualByComparingTo(centra.stock(sku, WAREHOUSE).freeToAllocate());
          assertThat(w.physicalQuantity().map(BigDecimal::new).orElseThrow())
              .isEqualByComparingTo(centra.stock(sku, WAREHOUSE).physical());
        });
  }

  // ---- shipments and returns

  @Test
  void createsUpdatesCompletesAndCapturesAShipmentThenReturnsIt() {
    String sku = item(40).sku();
    CentraOrder placed = centra.placeOrder("GBP", Map.of(sku, 1));
    CentraStockLevel before = centra.stock(sku, WAREHOUSE);

    Shipment created = client.shipments().create(CreateShipmentRequest.builder().orderId(placed.id())
        .addLines(ShipmentLineRequest.of(placed.lines().get(0).id(), 1)).isPaid(false).build()).value();
    assertThat(centra.shipments(placed.number())).singleElement().satisfies(s -> {
      assertThat(s.id()).isEqualTo(created.id());
      assertThat(s.isShipped()).isFalse();
    });

    Shipment paid = client.shipments().update(UpdateShipmentRequest.builder().shipmentId(created.id()).isPaid(true).build()).value();
    assertThat(paid.isPaid()).isTrue();
    assertThat(centra.shipments(placed.number()).get(0).isPaid()).isTrue();

    Shipment completed = client.shipments().complete(CompleteShipmentRequest.builder().shipmentId(created.id())
        .carrier("DPD").trackingNumber("TRK1").build()).value();
    assertThat(completed.isShipped()).isTrue();
    assertThat(centra.shipments(placed.number())).singleElement().satisfies(s -> {
      assertThat(s.isShipped()).isTrue();
      assertThat(s.trackingNumber()).isEqualTo("TRK1");
    });
    assertThat(centra.stock(sku, WAREHOUSE).physical()).isEqualByComparingTo(before.physical().subtract(BigDecimal.ONE));

    assertThat(client.shipments().capture(created.id()).value().shipment())
        .hasValueSatisfying(s -> assertThat(s.isCaptured()).isTrue());
    assertThat(centra.shipments(placed.number()).get(0).isCaptured()).isTrue();
    assertThat(client.shipments().ofOrder(placed.id())).singleElement()
        .satisfies(s -> assertThat(s.lines()).singleElement().satisfies(l -> assertThat(l.quantity()).isEqualTo(1)));

    OffsetDateTime from = sandboxNow().minusSeconds(1);
    CentraReturn ret = client.returns().create(CreateReturnRequest.builder().shipmentId(created.id())
        .addLines(ReturnLineRequest.of(completed.lines().get(0).id(), 1)).build()).value();
    assertThat(ret.lines()).singleElement().satisfies(l -> assertThat(l.quantity()).hasValue(1));
    BigDecimal physicalAfterShipping = centra.stock(sku, WAREHOUSE).physical();

    CentraReturn done = client.returns().complete(ret.id(), false).value();
    assertThat(done.status()).hasValueSatisfying(s -> assertThat(s).isEqualToIgnoringCase("COMPLETED"));
    assertThat(centra.stock(sku, WAREHOUSE).physical()).isEqualByComparingTo(physicalAfterShipping.add(BigDecimal.ONE));
    try (Stream<CentraReturn> returns = client.returns().createdBetween(from, sandboxNow().plusSeconds(1))) {
      assertThat(returns.map(CentraReturn::id).collect(Collectors.toList())).contains(ret.id());
    }
  }

  // ---- events

  @Test
  void subscribesReadsAndConfirmsEvents() {
    assertThat(client.events().subscribe(List.of(EventSubscription.of("Order", EventChangeType.CREATED)))).isEmpty();
    CentraOrder placed = centra.placeOrder("EUR", Map.of(item(50).sku(), 1));

    List<CentraEvent> events = client.events().next(EventQuery.builder().addObjectTypes("Order").build());
    assertThat(events).filteredOn(e -> e.objectReference().equals(java.util.Optional.of(Integer.toString(placed.number()))))
        .singleElement().satisfies(e -> {
          assertThat(e.changeType()).isEqualTo(EventChangeType.CREATED);
          assertThat(e.object()).hasValueSatisfying(o -> assertThat(o.id()).hasValue(placed.id()));
        });
    int queued = centra.queuedEvents();
    assertThat(queued).isEqualTo(events.size());

    assertThat(client.events().confirm(events.stream().map(CentraEvent::id).collect(Collectors.toList()))).isEmpty();

    assertThat(centra.queuedEvents()).isZero();
    assertThat(client.events().next(EventQuery.builder().addObjectTypes("Order").build())).isEmpty();
  }

  // ---- catalogue

  @Test
  void readsTheCatalogueAndSetsPrices() {
    List<Product> products;
    try (Stream<Product> s = client.catalog().products()) {
      products = s.collect(Collectors.toList());
    }
    assertThat(products).hasSize(50);
    assertThat(products.stream().flatMap(p -> p.variants().stream()).flatMap(v -> v.productSizes().stream())
        .map(s -> s.sku().orElseThrow())).contains("P00001-BLK-M");

    List<Pricelist> pricelists = client.catalog().pricelists();
    assertThat(pricelists).extracting(p -> p.currency().orElseThrow().code()).containsExactlyInAnyOrder("GBP", "EUR");
    long gbp = centra.ids("pricelist").get("GBP");
    long product = centra.ids("product").get(item(60).sku());

    client.catalog().setPrices(SetPricesRequest.builder().pricelistId(gbp)
        .addProductPrices(ProductPrice.builder().productId(product).price(Money.of("123.45", "GBP")).build()).build());

    List<Price> prices;
    try (Stream<Price> s = client.catalog().prices(gbp)) {
      prices = s.collect(Collectors.toList());
    }
    assertThat(prices).filteredOn(p -> p.product().map(r -> r.id() == product).orElse(false)).isNotEmpty()
        .allSatisfy(p -> assertThat(p.price().value()).isEqualByComparingTo("123.45"));
  }

  // ---- id conversions and rate limits

  @Test
  void setsAndFindsIdConversions() {
    CentraOrder placed = centra.placeOrder("GBP", Map.of(item(70).sku(), 1));
    long internal = placed.number();

    assertThat(client.idConversions().set(List.of(IdConversion.of("Order", internal, "SO-" + internal)))).isEmpty();

    assertThat(client.idConversions().find("Order", "SO-" + internal)).singleElement()
        .satisfies(c -> assertThat(c.internalId()).isEqualTo(internal));
    assertThat(client.idConversions().find("Order", "SO-none")).isEmpty();
  }

  @Test
  void readsRateLimits() {
    assertThat(client.rateLimits()).isNotEmpty().allSatisfy(r -> assertThat(r.quota()).isPositive());
  }
}
