package io.github.centrasage.sync.despatch;

import io.github.centrasage.sync.stock.internal.StockJobs;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.CompleteShipmentRequest;
import io.github.centrasage.centra.CreateShipmentRequest;
import io.github.centrasage.centra.ImmutableCompleteShipmentRequest;
import io.github.centrasage.centra.NamedRef;
import io.github.centrasage.centra.Order;
import io.github.centrasage.centra.OrderLine;
import io.github.centrasage.centra.Shipment;
import io.github.centrasage.centra.ShipmentLine;
import io.github.centrasage.centra.ShipmentLineRequest;
import io.github.centrasage.sage200.ODataFilter;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.model.OrderDespatchLineView;
import io.github.centrasage.sage200.model.OrderDespatchView;
import io.github.centrasage.sage200.model.SalesOrder;
import io.github.centrasage.sync.JobFailure;
import io.github.centrasage.sync.despatch.internal.DespatchMarkers;
import io.github.centrasage.sync.despatch.internal.SageOrderLocator;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.spi.Coalescing;
import io.github.centrasage.sync.spi.DiscoverContext;
import io.github.centrasage.sync.spi.JobContext;
import io.github.centrasage.sync.spi.NewJob;
import io.github.centrasage.sync.stock.internal.StockHold;
import io.github.centrasage.sync.stock.StockKey;
import io.github.centrasage.sync.stock.StockPublish;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes despatches made in Sage 200 to Centra: for every Sage despatch of an imported order it
 * creates a Centra shipment of those lines and completes it with carrier, service and tracking
 * (optionally capturing the payment and letting Centra e-mail the customer); partial despatches
 * become partial shipments.
 *
 * <p>Discovery reads {@code sop_order_despatch_views} after a durable cursor (the highest despatch
 * id seen), re-reading {@link DespatchOptions#despatchIdOverlap()} ids below it. One job per order
 * (key {@code order:<number>}) handles all of the order's despatches, so nothing is lost when jobs
 * coalesce. Each Centra shipment carries {@code "Sage despatch … (id <id>)"} in its additional
 * message: a retry finds the shipment an earlier attempt created and only finishes it. After a
 * shipment is complete the flow releases the allocation ledger ({@code "despatch:<id>"}) and
 * enqueues a {@code StockPublish} {@code "recompute"} job per SKU and warehouse, so stock values
 * computed before the despatch are superseded.
 *
 * <p>Usage: {@code SyncEngine.builder()…flow(new DespatchToCentra(link, DespatchOptions.builder().captureOnDespatch(true).build()))}
 */
public final class DespatchToCentra extends DespatchFlow {
  /** The flow name jobs and cursors are stored under. */
  public static final String NAME = "DespatchToCentra";
  /** Binding entity type of a Centra shipment (centraId) made from a Sage despatch (sageId). */
  public static final String DESPATCH = "despatch";
  /** Cursor holding the despatch id the flow started after; despatches up to it are never sent. */
  static final String FLOOR_CURSOR = NAME + ".startAfter";

  private static final Logger log = LoggerFactory.getLogger(DespatchToCentra.class);


  /** The flow with default options. */
  public DespatchToCentra(Integration integration) {
    this(integration, DespatchOptions.defaults());
  }

  /** The flow with these options. */
  public DespatchToCentra(Integration integration, DespatchOptions options) {
    super(integration, options);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void discover(DiscoverContext ctx) {
    Sage200Client sage = integration.sage();
    Optional<String> cursor = ctx.cursor();
    long after;
    if (cursor.isPresent()) {
      after = Long.parseLong(cursor.get());
    } else {
      after = options.startAfterDespatchId().isPresent() ? options.startAfterDespatchId().getAsLong()
          : sage.despatches().views().list(ODataQuery.builder().select("sop_despatch_id")
              .orderByDescending("sop_despatch_id").top(1).build())
              .stream().mapToLong(OrderDespatchView::sopDespatchId).max().orElse(0);
      // jobs handle whole orders, so the start is kept for them too: older despatches of an order stay out
      ctx.store().putCursor(FLOOR_CURSOR, Long.toString(after));
      ctx.enqueue(List.of(), Long.toString(after));
      log.info("{} starts after Sage despatch {}", NAME, after);
    }
    long from = Math.max(0, after - options.despatchIdOverlap());
    long highest = after;
    Map<Long, NewJob> jobs = new LinkedHashMap<>();
    try (Stream<OrderDespatchView> views = sage.despatches().views()
        .stream(ODataQuery.where(ODataFilter.gt("sop_despatch_id", from)))) {
      for (OrderDespatchView view : (Iterable<OrderDespatchView>) views::iterator) {
        highest = Math.max(highest, view.sopDespatchId());
        if (DespatchMarkers.centraShipmentIn(view.sopDespatchNotes()).isPresent()
            || view.sopOrderId().isEmpty()
            || integration.store().bindingBySageId(DESPATCH, Long.toString(view.sopDespatchId())).isPresent()) {
          continue; // confirmed from Centra by DespatchToSage, or already in Centra
        }
        long sageOrderId = view.sopOrderId().getAsLong();
        OptionalLong number = SageOrderLocator.centraNumberOf(integration, sageOrderId, view.sopOrderCustomerDocumentNo());
        if (number.isEmpty()) {
          continue; // not an order from Centra
        }
        long n = number.getAsLong();
        // KEEP_EXISTING: the job reads the order's despatches afresh, and a parked job absorbs the notices of
        // later cycles (the despatch stays inside the id overlap) rather than a new copy parking every cycle
        jobs.putIfAbsent(n, ctx.newJob("order:" + n).reference(Long.toString(n)).payload(Long.toString(sageOrderId))
            .coalescing(Coalescing.KEEP_EXISTING).build());
      }
    }
    ctx.enqueue(new ArrayList<>(jobs.values()), Long.toString(highest));
  }

  @Override
  void processOrder(JobContext ctx) {
    CentraClient centra = integration.centra();
    Sage200Client sage = integration.sage();
    long number = Long.parseLong(ctx.job().reference());
    long sageOrderId = Long.parseLong(ctx.job().payload());

    long floor = ctx.store().cursor(FLOOR_CURSOR).map(c -> Long.parseLong(c.value())).orElse(0L);
    List<OrderDespatchView> despatches = sage.despatches().views()
        .list(ODataQuery.where(ODataFilter.eq("sop_order_id", sageOrderId))).stream()
        .filter(v -> v.sopDespatchId() > floor)
        .filter(v -> DespatchMarkers.centraShipmentIn(v.sopDespatchNotes()).isEmpty())
        .sorted(Comparator.comparingLong(OrderDespatchView::sopDespatchId))
        .collect(Collectors.toList());
    if (despatches.isEmpty()) {
      return;
    }
    Map<Long, List<OrderDespatchLineView>> linesByDespatch = sage.despatches().lineViews()
        .stream(ODataQuery.where(ODataFilter.eq("sop_order_id", sageOrderId)))
        .collect(Collectors.groupingBy(OrderDespatchLineView::sopDespatchId));
    SalesOrder sageOrder = sage.salesOrders().getWithLines(sageOrderId);
    Order order = centra.orders().byNumber(number)
        .orElseThrow(() -> JobFailure.permanent("Centra order " + number + " does not exist"));
    List<Shipment> shipments = new ArrayList<>(centra.shipments().ofOrder(order.id()));

    List<String> problems = new ArrayList<>();
    for (OrderDespatchView despatch : despatches) {
      long despatchId = despatch.sopDespatchId();
      String despatchNo = despatch.sopDespatchDocumentNo().orElse(Long.toString(despatchId));
      Map<String, Line> lines = linesOf(despatchId, linesByDespatch, sageOrder, despatchNo, problems);
      if (lines == null) {
        continue;
      }
      Optional<Shipment> existing = shipments.stream()
          .filter(s -> DespatchMarkers.sageDespatchIn(s.additionalMessage()).equals(OptionalLong.of(despatchId)))
          .findFirst();
      Shipment shipment;
      if (existing.isPresent()) {
        shipment = existing.get();
      } else {
        List<ShipmentLineRequest> request = centraLines(order, shipments, lines, number, despatchNo, problems);
        if (request == null) {
          continue;
        }
        shipment = centra.shipments().create(CreateShipmentRequest.builder()
            .orderNumber(number)
            .lines(request)
            .isGoodToGo(true)
            .capture(options.captureOnDespatch())
            .additionalMessage(DespatchMarkers.sageDespatchMessage(despatchId, despatch.sopDespatchDocumentNo()))
            .build()).value();
        shipments.add(shipment);
      }
      List<StockKey> units = lines.values().stream().map(l -> StockKey.of(l.sku, l.warehouse)).collect(Collectors.toList());
      // Under StockPublish's hold no stock value computed with the ledger before this release can
      // reach Centra after the shipment; the contract order is release, complete, then recompute.
      try (StockHold hold = StockJobs.holdForDespatch(integration.store(), Long.toString(despatchId), units,
          options.despatchHoldTtl())) {
        for (Line line : lines.values()) {
          integration.store().releaseAllocation(Long.toString(number), "despatch:" + despatchId, line.sku, line.warehouse,
              line.quantity);
        }
        if (!shipment.isShipped()) {
          centra.shipments().complete(completion(shipment.id(), despatch, ctx.clock().instant()));
        }
      }
      // Centra's completed shipment lowered its physical level by itself: the recompute says by how much
      lines.values().forEach(l -> ctx.store().enqueue(StockJobs.recomputeJob(StockKey.of(l.sku, l.warehouse),
          l.quantity.intValue())));
      integration.store().bind(Binding.builder().entityType(DESPATCH).centraId(Long.toString(shipment.id()))
          .sageId(Long.toString(despatchId)).sageReference(despatchNo).build());
    }
    if (!problems.isEmpty()) {
      throw JobFailure.permanent(problems);
    }
  }

  private CompleteShipmentRequest completion(long shipmentId, OrderDespatchView despatch, Instant now) {
    String courier = despatch.sopDespatchCourierName().orElse("");
    ImmutableCompleteShipmentRequest.Builder complete = CompleteShipmentRequest.builder()
        .shipmentId(shipmentId)
        .sendEmail(options.sendCustomerEmail());
    // Sage keeps the despatch date without a time; Centra refuses a future shippedAt
    despatch.sopDespatchDate().filter(d -> !d.toInstant().isAfter(now)).ifPresent(complete::shippedAt);
    if (!courier.isEmpty()) {
      complete.carrier(options.centraCarrierFor(courier));
      options.centraServiceFor(courier).ifPresent(complete::service);
    }
    despatch.sopDespatchConsignmentNo().ifPresent(complete::trackingNumber);
    despatch.sopDespatchPieces().ifPresent(p -> complete.packagesNumber((int) p));
    return complete.build();
  }

  /** The despatch's quantity per SKU with the Sage warehouse it left, or null after adding problems. */
  private static Map<String, Line> linesOf(long despatchId, Map<Long, List<OrderDespatchLineView>> linesByDespatch,
      SalesOrder sageOrder, String despatchNo, List<String> problems) {
    List<OrderDespatchLineView> views = linesByDespatch.getOrDefault(despatchId, List.of());
    if (views.isEmpty()) {
      problems.add("Sage despatch " + despatchNo + " lists no lines (sop_order_despatch_line_views)");
      return null;
    }
    Map<String, Line> lines = new LinkedHashMap<>();
    for (OrderDespatchLineView view : views) {
      Optional<String> sku = view.sopOrderLineItemCode().or(view::productCode);
      Optional<String> warehouse = view.warehouseId().isPresent()
          ? Optional.of(Long.toString(view.warehouseId().getAsLong()))
          : sageOrder.lines().stream().filter(l -> l.code().equals(sku) && l.warehouseId().isPresent())
              .map(l -> Long.toString(l.warehouseId().getAsLong())).findFirst();
      if (sku.isEmpty() || warehouse.isEmpty()) {
        problems.add("Sage despatch " + despatchNo + ": a line has no item code or warehouse on sales order "
            + sageOrder.documentNo().orElse(""));
        return null;
      }
      lines.merge(sku.get() + "@" + warehouse.get(), new Line(sku.get(), warehouse.get(), view.sopDespatchLineQuantity()), Line::plus);
    }
    return lines;
  }

  /** The Centra order lines to ship, or null after adding problems. */
  private static List<ShipmentLineRequest> centraLines(Order order, List<Shipment> shipments, Map<String, Line> lines,
      long number, String despatchNo, List<String> problems) {
    Map<Long, Integer> inShipments = new HashMap<>();
    for (Shipment s : shipments) {
      for (ShipmentLine l : s.lines()) {
        l.orderLine().map(NamedRef::id).ifPresent(id -> inShipments.merge(id, l.quantity(), Integer::sum));
      }
    }
    Map<String, Integer> wanted = new LinkedHashMap<>();
    for (Line line : lines.values()) {
      if (line.quantity.stripTrailingZeros().scale() > 0) {
        problems.add("Sage despatch " + despatchNo + ": " + line.quantity.toPlainString() + " x " + line.sku
            + " is not a whole quantity; Centra ships whole units");
        return null;
      }
      wanted.merge(line.sku, line.quantity.intValueExact(), Integer::sum);
    }
    List<ShipmentLineRequest> request = new ArrayList<>();
    boolean incomplete = false;
    for (Map.Entry<String, Integer> want : wanted.entrySet()) {
      int left = want.getValue();
      for (OrderLine line : order.lines()) {
        if (left == 0) {
          break;
        }
        if (!line.sku().equals(Optional.of(want.getKey()))) {
          continue;
        }
        int free = line.quantity() - inShipments.getOrDefault(line.id(), 0);
        int take = Math.min(free, left);
        if (take > 0) {
          request.add(ShipmentLineRequest.of(line.id(), take));
          left -= take;
        }
      }
      if (left > 0) {
        problems.add("Sage despatch " + despatchNo + ": " + left + " x " + want.getKey()
            + " is more than Centra order " + number + " still has to ship");
        incomplete = true;
      }
    }
    return incomplete || request.isEmpty() ? null : request;
  }

  /** One SKU leaving one Sage warehouse in a despatch. */
  private static final class Line {
    final String sku;
    final String warehouse;
    final BigDecimal quantity;

    Line(String sku, String warehouse, BigDecimal quantity) {
      this.sku = sku;
      this.warehouse = warehouse;
      this.quantity = quantity;
    }

    Line plus(Line other) {
      return new Line(sku, warehouse, quantity.add(other.quantity));
    }
  }
}
