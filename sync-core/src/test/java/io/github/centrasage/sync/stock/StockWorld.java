package io.github.centrasage.sync.stock;

import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.CompleteShipmentRequest;
import io.github.centrasage.centra.CreateShipmentRequest;
import io.github.centrasage.centra.Shipment;
import io.github.centrasage.centra.ShipmentLineRequest;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.TokenProvider;
import io.github.centrasage.sage200.model.NewSalesOrder;
import io.github.centrasage.sage200.model.NewSalesOrderLine;
import io.github.centrasage.sage200.model.SalesOrder;
import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.CentraSandbox;
import io.github.centrasage.sandbox.Sage200Sandbox;
import io.github.centrasage.sandbox.SandboxClock;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sync.store.Allocation;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import io.github.centrasage.sync.stock.internal.StockFormula;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Both sandboxes, the real clients, an in-memory store and an engine running StockPublish and
 * StockReconcile, with the steps of the other flows (order import, despatch to Centra) done the
 * way those flows do them, through the public hooks.
 */
final class StockWorld implements AutoCloseable {
  static final String LEEDS = "Leeds DC";
  static final String LONDON = "London Store";
  /** A trade customer of the seed shop: another sales channel. */
  static final String TRADE_ACCOUNT = "HARR001";

  final SandboxClock clock = SandboxClock.startingAt(SandboxClock.DEFAULT_START);
  /** Runs whenever the Centra client waits to send a request again (instead of sleeping). */
  volatile Runnable onCentraRetryWait = () -> { };
  final CentraSandbox centraSandbox = CentraSandbox.start(CentraSandbox.options().clock(clock));
  final Sage200Sandbox sageSandbox = Sage200Sandbox.start(Sage200Sandbox.options().clock(clock));
  final CentraClient centra = CentraClient.builder().baseUrl(centraSandbox.baseUrl()).token(centraSandbox.token())
      .allowPlainHttp(true).readTimeout(Duration.ofSeconds(5)).sleeper(d -> onCentraRetryWait.run()).build();
  final Sage200Client sage = Sage200Client.builder().baseUrl(sageSandbox.baseUrl()).siteId(sageSandbox.siteId())
      .companyId(sageSandbox.companyId()).tokenProvider(TokenProvider.staticToken(sageSandbox.token()))
      .allowPlainHttp(true).sleeper(d -> { }).readTimeout(Duration.ofSeconds(5)).build();
  final InMemorySyncStateStore store = new InMemorySyncStateStore(clock);
  final Mappings mappings;
  final Integration integration;
  final StockPublish publish;
  final StockReconcile reconcile;
  final SyncEngine engine;
  private int consignment;

  StockWorld(UnaryOperator<StockPublishOptions> options, UnaryOperator<Mappings> adjust) {
    mappings = adjust.apply(Mappings.builder()
        .putWarehouse(centraWarehouse(LEEDS), sageWarehouse(LEEDS))
        .putWarehouse(centraWarehouse(LONDON), sageWarehouse(LONDON))
        .build());
    // the seed holdings are stamped with the clock's start: begin after them, so a poll sees only
    // what a test changed (a test that wants the full first read sets its own cursor)
    StockPublishOptions o = options.apply(StockPublishOptions.builder()
        .initialCursor(SandboxClock.DEFAULT_START).overlap(Duration.ZERO).build());
    integration = Integration.builder().store(store).mappings(mappings).centra(centra).sage(sage).build();
    publish = new StockPublish(integration, o);
    reconcile = new StockReconcile(integration, o);
    engine = SyncEngine.builder().store(store).clock(clock)
        .flow(publish).flow(reconcile)
        .retryPolicy(SyncEngine.defaultRetrySettings().toBuilder().maxAttempts(50).initialDelay(Duration.ofMillis(1))
            .maxDelay(Duration.ofMillis(1)).build())
        .build();
  }

  StockWorld() {
    this(o -> o, m -> m);
  }

  String centraWarehouse(String name) {
    return Long.toString(centraSandbox.ids("warehouse").get(name));
  }

  String sageWarehouse(String name) {
    return Long.toString(sageSandbox.ids("warehouse").get(name));
  }

  /** One poll cycle, after the clock moved past the retry delays and busy delays. */
  void publish() {
    clock.advance(Duration.ofSeconds(1));
    engine.runOnce(StockPublish.NAME);
  }

  /** Runs cycles until no StockPublish job is pending (retries and deferred pushes included). */
  void quiesce() {
    for (int i = 0; i < 50; i++) {
      clock.advance(Duration.ofSeconds(10));
      engine.runOnce(StockPublish.NAME);
      if (store.list(StockPublish.NAME, EnumSet.of(JobState.QUEUED, JobState.RETRYING, JobState.RUNNING), 0, 1)
          .isEmpty()) {
        return;
      }
    }
    throw new AssertionError("StockPublish did not quiesce: " + store.count(StockPublish.NAME));
  }

  /** The formula on the sandboxes' and the store's current state. */
  int expectedPhysical(String sku, String warehouse) {
    return StockFormula.centraPhysical(sageSandbox.holding(sku, warehouse).freeStockAvailable(),
        store.allocatedQuantity(sku, sageWarehouse(warehouse)),
        mappings.safetyBuffer(sku, centraWarehouse(warehouse)));
  }

  BigDecimal centraPhysical(String sku, String warehouse) {
    return centraSandbox.stock(sku, warehouse).physical();
  }

  /** A manual edit of Centra's physical level of {@code sku} in Leeds. */
  void setCentraPhysical(String sku, int quantity) {
    centra.stock().set(io.github.centrasage.centra.SetStockRequest.builder()
        .warehouseId(Long.parseLong(centraWarehouse(LEEDS)))
        .addLevels(io.github.centrasage.centra.SizeStockLevel.ofSizeName(centraSandbox.ids("variant").get(sku),
            sku.substring(sku.lastIndexOf('-') + 1), quantity))
        .build());
  }

  /** Sets Sage's stock of {@code sku} in {@code warehouse} to {@code quantity} in stock (a stock count). */
  void countStock(String sku, String warehouse, int quantity) {
    clock.advance(Duration.ofSeconds(1));
    BigDecimal now = sageSandbox.holding(sku, warehouse).quantityInStock();
    sageSandbox.adjustStock(sku, warehouse, BigDecimal.valueOf(quantity).subtract(now));
  }

  /** OrderImport's steps: the Sage order (which allocates), then the ledger. */
  SalesOrder importOrder(CentraOrder order) {
    clock.advance(Duration.ofSeconds(1));
    long warehouseId = sageSandbox.ids("warehouse").get(LEEDS);
    SalesOrder created = sage.salesOrders().create(NewSalesOrder.builder()
        .customerId(sageSandbox.ids("customer").get("WEBGBP"))
        .customerDocumentNo("CENTRA-" + order.number())
        .lines(order.lines().stream().map(l -> NewSalesOrderLine.builder().lineType("EnumLineTypeStandard")
            .productId(sageSandbox.ids("product").get(l.sku())).warehouseId(warehouseId)
            .lineQuantity(BigDecimal.valueOf(l.quantity())).build()).collect(Collectors.toList()))
        .build());
    store.recordAllocations(Integer.toString(order.number()), order.lines().stream()
        .map(l -> Allocation.of(l.sku(), sageWarehouse(LEEDS), BigDecimal.valueOf(l.quantity())))
        .collect(Collectors.toList()));
    return created;
  }

  /** Sage despatches the whole order (goods leave the warehouse). */
  long despatchInSage(SalesOrder order) {
    clock.advance(Duration.ofSeconds(1));
    return sageSandbox.despatch(order.documentNo().orElseThrow(), "CONS" + (++consignment)).id();
  }

  /**
   * DespatchToCentra's steps under the hook: hold the shipped units, complete the Centra shipment,
   * release the ledger, let go, queue the recomputes.
   */
  void despatchToCentra(CentraOrder order, long sageDespatchId) {
    despatchToCentra(order, sageDespatchId, shipped -> { });
  }

  /** As above, running {@code betweenShipmentAndRelease} where a racing poll would hurt most. */
  void despatchToCentra(CentraOrder order, long sageDespatchId, java.util.function.Consumer<List<StockKey>> betweenShipmentAndRelease) {
    List<StockKey> shipped = order.lines().stream().map(l -> StockKey.of(l.sku(), sageWarehouse(LEEDS)))
        .distinct().collect(Collectors.toList());
    try (StockHold hold = StockPublish.holdForDespatch(store, Long.toString(sageDespatchId), shipped)) {
      completeCentraShipment(order);
      betweenShipmentAndRelease.accept(shipped);
      releaseLedger(order, sageDespatchId);
    }
    shipped.forEach(k -> store.enqueue(StockPublish.recomputeJob(k)));
  }

  void completeCentraShipment(CentraOrder order) {
    clock.advance(Duration.ofSeconds(1));
    Shipment shipment = centra.shipments().create(CreateShipmentRequest.builder().orderNumber((long) order.number())
        .lines(order.lines().stream().map(l -> ShipmentLineRequest.of(l.id(), l.quantity()))
            .collect(Collectors.toList()))
        .build()).value();
    centra.shipments().complete(CompleteShipmentRequest.builder().shipmentId(shipment.id()).build());
  }

  void releaseLedger(CentraOrder order, long sageDespatchId) {
    for (CentraOrder.Line l : order.lines()) {
      store.releaseAllocation(Integer.toString(order.number()), "despatch:" + sageDespatchId, l.sku(),
          sageWarehouse(LEEDS), BigDecimal.valueOf(l.quantity()));
    }
  }

  /** Empties {@code sku} in London on both sides, so shoppers' orders allocate from Leeds. */
  void emptyLondon(List<String> skus) {
    skus.forEach(sku -> countStock(sku, LONDON, 0));
  }

  /** The first SKU, with {@code stock} in Leeds, none in London, published. */
  String skuInLeedsOnly(int stock) {
    String sku = skus(1).get(0);
    emptyLondon(List.of(sku));
    countStock(sku, LEEDS, stock);
    publish();
    return sku;
  }

  List<String> skus(int n) {
    List<String> out = new ArrayList<>();
    for (var item : io.github.centrasage.sandbox.SandboxCatalog.fashionShop().items()) {
      if (out.size() == n) {
        break;
      }
      out.add(item.sku());
    }
    return out;
  }

  Map<JobState, Long> counts() {
    return store.count(StockPublish.NAME);
  }

  @Override
  public void close() {
    engine.close();
    centraSandbox.close();
    sageSandbox.close();
  }
}
