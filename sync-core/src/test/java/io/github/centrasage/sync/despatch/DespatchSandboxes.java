package io.github.centrasage.sync.despatch;

import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.CompleteShipmentRequest;
import io.github.centrasage.centra.CreateShipmentRequest;
import io.github.centrasage.centra.Shipment;
import io.github.centrasage.centra.ShipmentLineRequest;
import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.TokenProvider;
import io.github.centrasage.sage200.model.DespatchConfirmation;
import io.github.centrasage.sage200.model.DespatchItem;
import io.github.centrasage.sage200.model.NewSalesOrder;
import io.github.centrasage.sage200.model.NewSalesOrderLine;
import io.github.centrasage.sage200.model.SalesOrder;
import io.github.centrasage.sage200.model.SalesOrderLine;
import io.github.centrasage.sage200.model.TrackingItem;
import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.CentraSandbox;
import io.github.centrasage.sandbox.Sage200Sandbox;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sync.SyncStatus;
import io.github.centrasage.sync.testing.SettableClock;
import io.github.centrasage.sync.store.Allocation;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.store.SyncStateStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Both sandboxes with the real clients, plus what OrderImport would have left behind for an order
 * (the Sage order with {@code customer_document_no = "CENTRA-<number>"}, the {@code "order"}
 * binding and the ledger lines), so the despatch flows run as they will once order import lands.
 */
final class DespatchSandboxes implements AutoCloseable {
  static final String TEE = "P00001-BLK-M";
  static final String HOODIE = "P00001-BLK-L";
  static final String LEEDS = "Leeds DC";
  static final Mappings MAPPINGS = Mappings.builder().customerDocumentPrefix("CENTRA-").build();

  final CentraSandbox centraSandbox = CentraSandbox.start();
  final Sage200Sandbox sageSandbox = Sage200Sandbox.start();
  final CentraClient centra = CentraClient.builder().baseUrl(centraSandbox.baseUrl()).token(centraSandbox.token())
      .allowPlainHttp(true).retrySettings(RetrySettings.none()).readTimeout(Duration.ofSeconds(5)).build();
  final Sage200Client sage = Sage200Client.builder().baseUrl(sageSandbox.baseUrl()).siteId(sageSandbox.siteId())
      .companyId(sageSandbox.companyId()).tokenProvider(TokenProvider.staticToken(sageSandbox.token()))
      .allowPlainHttp(true).retrySettings(RetrySettings.none()).sleeper(d -> { })
      .readTimeout(Duration.ofSeconds(5)).build();
  /** Sage courier id of "DHL Express" in the sandbox seed. */
  final long dhl = sageSandbox.ids("courier").get("DHL");

  /** A Centra order and its Sage order, as order import leaves them. */
  record Imported(long number, String centraId, long sageOrderId, String documentNo, Map<String, Long> centraLineIds) {}

  /** Places a Centra order and enters it in Sage the way OrderImport does (order, binding, ledger). */
  Imported importOrder(SyncStateStore store, Map<String, Integer> quantities) {
    return importOrder(store, centraSandbox.placeOrder("GBP", quantities), quantities);
  }

  /** Enters an order placed earlier in Sage the way OrderImport does (order, binding, ledger). */
  Imported importOrder(SyncStateStore store, CentraOrder placed, Map<String, Integer> quantities) {
    long warehouse = sageSandbox.ids("warehouse").get(LEEDS);
    io.github.centrasage.sage200.model.ImmutableNewSalesOrder.Builder order = NewSalesOrder.builder().customerId(sageSandbox.ids("customer").get("WEBGBP"))
        .customerDocumentNo("CENTRA-" + placed.number());
    List<Allocation> ledger = new ArrayList<>();
    quantities.forEach((sku, qty) -> {
      order.addLines(NewSalesOrderLine.standard(sageSandbox.ids("product").get(sku), warehouse, BigDecimal.valueOf(qty))
          .build());
      ledger.add(Allocation.of(sku, Long.toString(warehouse), BigDecimal.valueOf(qty)));
    });
    SalesOrder created = sage.salesOrders().create(order.build());
    store.bind(Binding.builder().entityType("order").centraId(Integer.toString(placed.number()))
        .sageId(Long.toString(created.id())).sageReference(created.documentNo()).build());
    store.recordAllocations(Integer.toString(placed.number()), ledger);
    Map<String, Long> lineIds = new LinkedHashMap<>();
    placed.lines().forEach(l -> lineIds.put(l.sku(), l.id()));
    return new Imported(placed.number(), placed.id(), created.id(), created.documentNo().orElseThrow(), lineIds);
  }

  /** Puts {@code quantity} of a SKU in stock in Leeds on both sides, so many orders can be placed. */
  void stockUp(String sku, String sizeName, int quantity) {
    centra.stock().set(io.github.centrasage.centra.SetStockRequest.builder()
        .warehouseId(centraSandbox.ids("warehouse").get(LEEDS))
        .addLevels(io.github.centrasage.centra.SizeStockLevel.ofSizeName(centraSandbox.ids("variant").get(sku), sizeName,
            quantity))
        .build());
    sageSandbox.receiveGoods(sku, LEEDS, BigDecimal.valueOf(quantity));
  }

  /** Ships quantities of an order in Centra (as a 3PL would): create and complete with carrier and tracking. */
  Shipment shipInCentra(Imported imported, Map<String, Integer> quantities, String carrier, String tracking) {
    List<ShipmentLineRequest> lines = new ArrayList<>();
    quantities.forEach((sku, qty) -> lines.add(ShipmentLineRequest.of(imported.centraLineIds().get(sku), qty)));
    Shipment created = centra.shipments().create(CreateShipmentRequest.builder().orderNumber(imported.number())
        .lines(lines).build()).value();
    return centra.shipments().complete(CompleteShipmentRequest.builder().shipmentId(created.id()).carrier(carrier)
        .trackingNumber(tracking).packagesNumber(1).build()).value();
  }

  /** Despatches quantities of an order in Sage, as a warehouse user would, with a courier and consignment number. */
  void despatchInSage(Imported imported, Map<String, Integer> quantities, String consignment) {
    SalesOrder order = sage.salesOrders().getWithLines(imported.sageOrderId());
    io.github.centrasage.sage200.model.ImmutableDespatchConfirmation.Builder despatch = DespatchConfirmation.builder().sopOrderReturnId(order.id())
        .addTrackingItems(TrackingItem.builder().sopOrderReturnId(order.id()).courierId(dhl).consignmentNo(consignment)
            .pieces(1).build());
    for (SalesOrderLine line : order.lines()) {
      Integer qty = quantities.get(line.code().orElse(""));
      if (qty != null) {
        despatch.addItems(DespatchItem.builder().id(line.id()).quantity(BigDecimal.valueOf(qty)).build());
      }
    }
    sage.despatches().confirm(despatch.build());
  }

  /** Both sandboxes' clients, {@code store} and {@link #MAPPINGS}, for the flows' constructors. */
  Integration integration(SyncStateStore store) {
    return Integration.builder().store(store).mappings(MAPPINGS).centra(centra).sage(sage).build();
  }

  /** An engine over the sandboxes with millisecond retry schedules, so tests never wait. */
  SyncEngine.Builder engine(SyncStateStore store, Clock clock) {
    return SyncEngine.builder().store(store).clock(clock)
        .retryPolicy(SyncEngine.defaultRetrySettings().toBuilder().maxAttempts(6).initialDelay(Duration.ofMillis(1)).multiplier(1)
            .maxDelay(Duration.ofMillis(1)).jitter(0).build());
  }

  /** Runs cycles of a flow, moving the engine clock past every retry delay, until no job is left to run. */
  static SyncStatus drain(SyncEngine engine, SettableClock clock, String flow) {
    SyncStatus status = engine.runOnce(flow);
    for (int i = 0; i < 50 && status.queued() + status.retrying() > 0; i++) {
      clock.advance(Duration.ofMinutes(30));
      status = engine.runOnce(flow);
    }
    return status;
  }

  /** Despatch options with DHL mapped and a lock schedule of {@code lockAttempts} tries a millisecond apart. */
  DespatchOptions options(int lockAttempts) {
    return DespatchOptions.builder().putSageCourierIds("DHL", dhl).startAfterDespatchId(0)
        .lockRetryPolicy(SyncEngine.defaultRetrySettings().toBuilder().maxAttempts(lockAttempts).initialDelay(Duration.ofMillis(1))
            .multiplier(1).maxDelay(Duration.ofMillis(1)).jitter(0).build())
        .build();
  }

  @Override
  public void close() {
    centraSandbox.close();
    sageSandbox.close();
  }
}
