package io.github.centrasage.sync.despatch;

import io.github.centrasage.sync.stock.internal.StockJobs;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.centra.CarrierInformation;
import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.CentraEvent;
import io.github.centrasage.centra.EventChangeType;
import io.github.centrasage.centra.EventObject;
import io.github.centrasage.centra.EventQuery;
import io.github.centrasage.centra.EventSubscription;
import io.github.centrasage.centra.NamedRef;
import io.github.centrasage.centra.Order;
import io.github.centrasage.centra.OrderLine;
import io.github.centrasage.centra.Shipment;
import io.github.centrasage.centra.ShipmentLine;
import io.github.centrasage.sage200.ODataFilter;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.Sage200RecordLockedException;
import io.github.centrasage.sage200.model.DespatchConfirmation;
import io.github.centrasage.sage200.model.DespatchItem;
import io.github.centrasage.sage200.model.ImmutableTrackingItem;
import io.github.centrasage.sage200.model.OrderDespatchLineView;
import io.github.centrasage.sage200.model.OrderDespatchView;
import io.github.centrasage.sage200.model.SalesOrder;
import io.github.centrasage.sage200.model.SalesOrderLine;
import io.github.centrasage.sage200.model.TrackingItem;
import io.github.centrasage.sync.JobFailure;
import io.github.centrasage.sync.integration.internal.EventSubscriptions;
import io.github.centrasage.sync.despatch.internal.CancelledLines;
import io.github.centrasage.sync.despatch.internal.DespatchMarkers;
import io.github.centrasage.sync.despatch.internal.SageOrderLocator;
import io.github.centrasage.sync.spi.Coalescing;
import io.github.centrasage.sync.spi.DiscoverContext;
import io.github.centrasage.sync.spi.JobContext;
import io.github.centrasage.sync.spi.NewJob;
import io.github.centrasage.sync.spi.SyncContext;
import io.github.centrasage.sync.stock.internal.StockHold;
import io.github.centrasage.sync.stock.StockKey;
import io.github.centrasage.sync.stock.StockPublish;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confirms in Sage 200 ({@code sop_confirm_despatch}) what was shipped in Centra, by Centra or a
 * 3PL connected to it: per completed shipment the matching order lines and quantities (partial
 * shipments included), the despatch date and a tracking item with courier and consignment number.
 *
 * <p>Discovery reads Centra's event queue ({@code Shipment} / {@code COMPLETED}) and confirms the
 * events only once the jobs are stored. One job per order (key {@code order:<number>}) compares
 * the order's completed Centra shipments with the despatches Sage already holds (each confirmation
 * carries {@code "Centra shipment <number>"} in its tracking notes) and confirms only what is
 * missing, so a repeated or ambiguous attempt never confirms twice. A Sage record lock puts the job
 * on {@link DespatchOptions#lockRetryPolicy()}; after it the job is parked "locked in Sage".
 *
 * <p>Under a stock hold on the order's units, each confirmed shipment releases the allocation ledger
 * ({@code "shipment:<number>"}, per SKU and Sage warehouse as Sage's despatch lines say) and queues a
 * {@code StockPublish} recompute, so Centra's level follows Sage's own allocations. A shipment whose
 * order is not in Sage yet waits for it ({@link DespatchOptions#orderWait()}) without spending retries.
 *
 * <p>Usage: {@code SyncEngine.builder()…flow(new DespatchToSage(link, DespatchOptions.builder().putSageCourierIds("DHL", 3L).build()))}
 */
public final class DespatchToSage extends DespatchFlow {
  /** The flow name jobs and cursors are stored under. */
  public static final String NAME = "DespatchToSage";

  private static final Logger log = LoggerFactory.getLogger(DespatchToSage.class);
  private static final String SHIPMENTS_BEFORE = "shipments completed in Centra";
  private static final String BACKFILL = "to confirm them in Sage enqueue DespatchToSage.jobFor(<order number>)";
  private static final String SHIPMENT = "Shipment";
  private static final String UNREADABLE_PREFIX = "shipment:";
  private static final int MAX_EVENT_ROUNDS = 20;
  /** Payload suffix of a job waiting for its order to reach Sage: {@code "<number> waiting since <instant>"}. */
  private static final String WAITING_SINCE = " waiting since ";

  private final AtomicBoolean subscribed = new AtomicBoolean();

  /** The flow with default options. */
  public DespatchToSage(Integration integration) {
    this(integration, DespatchOptions.defaults());
  }

  /** The flow with these options. */
  public DespatchToSage(Integration integration, DespatchOptions options) {
    super(integration, options);
  }

  /**
   * The job that checks one Centra order's shipments against Sage, the one discovery enqueues; a
   * host can enqueue it itself to catch up on shipments completed before the flow subscribed.
   *
   * <p>Usage: {@code store.enqueue(DespatchToSage.jobFor(39790));}
   */
  public static NewJob jobFor(long centraOrderNumber) {
    String number = Long.toString(centraOrderNumber);
    return NewJob.builder().flow(NAME).key("order:" + number).reference(number).payload(number).build();
  }

  @Override
  public String name() {
    return NAME;
  }

  /** For a day after the first subscription: shipments completed earlier are not confirmed by events. */
  @Override
  public List<String> notices(SyncContext context) {
    return EventSubscriptions.recentSubscriptionNotice(context, NAME, SHIPMENTS_BEFORE, BACKFILL).stream().toList();
  }

  @Override
  public void discover(DiscoverContext ctx) {
    CentraClient centra = integration.centra();
    if (!subscribed.get()) {
      // setEventListeners is additive and idempotent; once per engine run is enough
      EventSubscriptions.subscribe(ctx, integration.centra(), NAME, List.of(EventSubscription.of(SHIPMENT, EventChangeType.COMPLETED)),
          SHIPMENTS_BEFORE, BACKFILL, true);
      subscribed.set(true);
    }
    // bounded like OrderImport's loop: a confirm that silently does nothing must not spin this cycle for ever
    for (int round = 0; round < MAX_EVENT_ROUNDS; round++) {
      List<CentraEvent> events = centra.events().next(EventQuery.builder().addObjectTypes(SHIPMENT)
          .addChangeTypes(EventChangeType.COMPLETED).limit(options.eventBatchSize()).build());
      if (events.isEmpty()) {
        return;
      }
      Map<String, NewJob> jobs = new LinkedHashMap<>();
      for (CentraEvent event : events) {
        Optional<String> shipmentNo = event.object().flatMap(EventObject::number);
        OptionalLong number = shipmentNo.map(DespatchMarkers::orderNumberOfShipment).orElse(OptionalLong.empty());
        if (number.isEmpty()) {
          // confirming the event drops it for good, so it becomes a parked job a person can see and act on
          NewJob unreadable = unreadableShipmentJob(event, shipmentNo);
          log.warn("Centra event {} ({} {}) names no shipment number of the form <order>-<n> ({}); parking {}",
              event.id(), event.objectType(), event.objectReference().orElse("?"), shipmentNo.orElse("none"),
              unreadable.key());
          jobs.putIfAbsent(unreadable.key(), unreadable);
          continue;
        }
        long n = number.getAsLong();
        jobs.putIfAbsent("order:" + n, jobFor(n));
      }
      // stored first, confirmed after: a crash in between only brings the events back (the jobs are idempotent)
      ctx.enqueue(new ArrayList<>(jobs.values()));
      centra.events().confirm(events.stream().map(CentraEvent::id).collect(Collectors.toList()));
      if (events.size() < options.eventBatchSize()) {
        return;
      }
    }
    log.info("{} read {} rounds of shipment events; the rest waits for the next cycle", NAME, MAX_EVENT_ROUNDS);
  }

  private static NewJob unreadableShipmentJob(CentraEvent event, Optional<String> shipmentNo) {
    String shipment = event.object().flatMap(EventObject::id).or(event::objectReference)
        .orElse("event-" + event.id());
    String reason = "Centra shipment " + shipment + " (event " + event.id() + ") has "
        + shipmentNo.map(n -> "the number '" + n + "', which is not").orElse("no number, so it has no")
        + " <order>-<n> order number; confirm it in Sage by hand, or enqueue DespatchToSage.jobFor(<order number>),"
        + " then discard this job";
    return NewJob.builder().flow(NAME).key(UNREADABLE_PREFIX + shipment).reference(shipment).payload(reason)
        .coalescing(Coalescing.KEEP_EXISTING).build();
  }

  @Override
  void processOrder(JobContext ctx) {
    if (ctx.job().key().startsWith(UNREADABLE_PREFIX)) {
      throw JobFailure.permanent(ctx.job().payload());
    }
    CentraClient centra = integration.centra();
    Sage200Client sage = integration.sage();
    long number = orderNumberOf(ctx.job().payload());

    Order order = centra.orders().byNumber(number)
        .orElseThrow(() -> JobFailure.permanent("Centra order " + number + " does not exist"));
    List<Shipment> shipped = centra.shipments().ofOrder(order.id()).stream()
        .filter(Shipment::isShipped)
        // shipments DespatchToCentra made from Sage despatches are in Sage already
        .filter(s -> DespatchMarkers.sageDespatchIn(s.additionalMessage()).isEmpty())
        .sorted(Comparator.comparingLong(Shipment::id))
        .collect(Collectors.toList());
    boolean cancelled = order.lines().stream().anyMatch(l -> l.cancelledQuantity() > 0);
    if (shipped.isEmpty() && !cancelled) {
      return;
    }
    Optional<SalesOrder> found = SageOrderLocator.findSalesOrder(integration, sage, number);
    if (found.isEmpty()) {
      awaitImport(ctx, number);
      return;
    }
    SalesOrder sageOrder = found.get();
    String documentNo = sageOrder.documentNo().orElse(Long.toString(sageOrder.id()));
    List<String> cancellationReport = new ArrayList<>();
    if (cancelled) {
      sageOrder = new CancelledLines(integration, sage, options.amendCancelledLines(), options.despatchHoldTtl())
          .apply(order, sageOrder, documentNo, cancellationReport);
    }
    long sageOrderId = sageOrder.id();
    Set<String> confirmed = sage.despatches().views()
        .list(ODataQuery.where(ODataFilter.eq("sop_order_id", sageOrderId)))
        .stream()
        .map(v -> DespatchMarkers.centraShipmentIn(v.sopDespatchNotes()))
        .flatMap(Optional::stream)
        .collect(Collectors.toSet());

    Map<Long, OrderLine> centraLines = order.lines().stream().collect(Collectors.toMap(OrderLine::id, l -> l));
    Map<Long, BigDecimal> planned = new HashMap<>();
    LocalDate today = LocalDate.ofInstant(ctx.clock().instant(), options.zone());
    List<String> problems = new ArrayList<>();
    List<DespatchConfirmation> confirmations = new ArrayList<>();
    for (Shipment shipment : shipped) {
      String shipmentNo = shipment.number().orElse(Long.toString(shipment.id()));
      if (confirmed.contains(shipmentNo)) {
        continue;
      }
      plan(shipment, shipmentNo, number, sageOrder, documentNo, centraLines, planned, problems, today)
          .ifPresent(confirmations::add);
    }
    if (!problems.isEmpty()) {
      throw JobFailure.permanent(problems);
    }
    confirmAndRelease(ctx, sage, number, sageOrder, documentNo, confirmations);
    if (!cancellationReport.isEmpty()) {
      // after the confirmations: a cancellation waiting for a person must not hold back a despatch
      throw JobFailure.permanent(cancellationReport);
    }
  }

  /**
   * The shipment came before its order reached Sage (order import runs on its own schedule): looks
   * again after {@link DespatchOptions#orderWait()} through a delayed job of the same key, which
   * spends no retry attempt, and parks only once the order has been missing for
   * {@link DespatchOptions#maxOrderWait()}.
   */
  private void awaitImport(JobContext ctx, long number) {
    Instant now = ctx.clock().instant();
    Instant since = waitingSince(ctx.job().payload()).orElse(now);
    if (!now.isBefore(since.plus(options.maxOrderWait()))) {
      throw JobFailure.permanent("Centra order " + number + " has shipments, but no Sage order since " + since
          + " (maxOrderWait " + options.maxOrderWait() + "); import the order, then replay");
    }
    String n = Long.toString(number);
    ctx.store().enqueue(NewJob.builder().flow(NAME).key("order:" + n).reference(n)
        .payload(n + WAITING_SINCE + since).coalescing(Coalescing.KEEP_EXISTING).delay(options.orderWait()).build());
    log.info("Centra order {} has shipments but is not in Sage yet; looking again in {}", number, options.orderWait());
  }

  private static long orderNumberOf(String payload) {
    int at = payload.indexOf(WAITING_SINCE);
    return Long.parseLong(at < 0 ? payload : payload.substring(0, at));
  }

  private static Optional<Instant> waitingSince(String payload) {
    int at = payload.indexOf(WAITING_SINCE);
    return at < 0 ? Optional.empty() : Optional.of(Instant.parse(payload.substring(at + WAITING_SINCE.length())));
  }

  /**
   * Confirms the despatches in Sage and releases from the allocation ledger what every Centra shipment
   * of the order took ({@code "shipment:<number>"} per SKU and Sage warehouse, as Sage's despatch lines
   * say), under a stock hold on the order's open units; then queues a stock recompute per released
   * unit. The confirmation lowers Sage's allocation and the release lowers the ledger: under the hold no
   * push sees one without the other. A retry after a crash between them releases what is missing.
   */
  private void confirmAndRelease(JobContext ctx, Sage200Client sage, long number, SalesOrder sageOrder,
      String documentNo, List<DespatchConfirmation> confirmations) {
    String orderRef = Long.toString(number);
    Set<StockKey> units = integration.store().openAllocations(orderRef).stream()
        .map(a -> StockKey.of(a.sku(), a.warehouse())).collect(Collectors.toCollection(TreeSet::new));
    if (units.isEmpty()) {
      confirm(sage, number, documentNo, confirmations);
      return;
    }
    StockHold hold = StockJobs.holdForDespatch(integration.store(), "centra-order:" + number, units, options.despatchHoldTtl());
    Map<StockKey, BigDecimal> released;
    // from the first confirmation Sage may hold a despatch (even if the answer is lost) whose release is
    // still to come: on any failure after it the hold stays until the retry (same owner) releases the
    // ledger, or until it expires, so no push publishes the gap meanwhile
    boolean keepHold = !confirmations.isEmpty();
    try {
      try {
        confirm(sage, number, documentNo, confirmations);
      } catch (JobFailure locked) {
        // Sage refused this confirmation and changed nothing; what went through before it is released now
        Map<StockKey, BigDecimal> before = releaseShipped(ctx, sage, orderRef, sageOrder);
        keepHold = false;
        hold.close();
        recompute(ctx, before);
        throw locked;
      }
      released = releaseShipped(ctx, sage, orderRef, sageOrder);
    } catch (RuntimeException | Error e) {
      if (!keepHold) {
        hold.close();
      }
      throw e;
    }
    hold.close();
    recompute(ctx, released);
  }

  /** The shipments lowered Centra's physical level by themselves: each recompute says by how much. */
  private static void recompute(JobContext ctx, Map<StockKey, BigDecimal> released) {
    released.forEach((unit, shipped) -> ctx.store().enqueue(StockJobs.recomputeJob(unit, shipped.intValue())));
  }

  private static void confirm(Sage200Client sage, long number, String documentNo, List<DespatchConfirmation> confirmations) {
    for (DespatchConfirmation confirmation : confirmations) {
      try {
        sage.despatches().confirm(confirmation);
      } catch (Sage200RecordLockedException e) {
        throw CancelledLines.lockedInSage(documentNo, number, e);
      }
    }
  }

  /** Releases, once per Centra shipment, what Sage despatched for it; returns the units released. */
  private Map<StockKey, BigDecimal> releaseShipped(JobContext ctx, Sage200Client sage, String orderRef,
      SalesOrder sageOrder) {
    long sageOrderId = sageOrder.id();
    Map<Long, String> shipmentOf = new HashMap<>();
    for (OrderDespatchView v : sage.despatches().views().list(ODataQuery.where(ODataFilter.eq("sop_order_id", sageOrderId)))) {
      DespatchMarkers.centraShipmentIn(v.sopDespatchNotes()).ifPresent(no -> shipmentOf.put(v.sopDespatchId(), no));
    }
    if (shipmentOf.isEmpty()) {
      return Map.of();
    }
    Map<List<String>, BigDecimal> shipped = new LinkedHashMap<>();
    for (OrderDespatchLineView line : sage.despatches().lineViews()
        .list(ODataQuery.where(ODataFilter.eq("sop_order_id", sageOrderId)))) {
      String shipmentNo = shipmentOf.get(line.sopDespatchId());
      Optional<String> sku = line.sopOrderLineItemCode().or(line::productCode);
      Optional<String> warehouse = warehouseOf(line, sku, sageOrder);
      if (shipmentNo == null || sku.isEmpty() || warehouse.isEmpty()) {
        continue;
      }
      shipped.merge(List.of(shipmentNo, sku.get(), warehouse.get()), line.sopDespatchLineQuantity(), BigDecimal::add);
    }
    Map<StockKey, BigDecimal> released = new TreeMap<>();
    shipped.forEach((k, quantity) -> {
      if (integration.store().releaseAllocation(orderRef, "shipment:" + k.get(0), k.get(1), k.get(2), quantity)) {
        released.merge(StockKey.of(k.get(1), k.get(2)), quantity, BigDecimal::add);
      }
    });
    return released;
  }

  /** The Sage warehouse a despatch line left: its own, else its order line's, else the first order line of the item. */
  private static Optional<String> warehouseOf(OrderDespatchLineView line, Optional<String> sku, SalesOrder sageOrder) {
    if (line.warehouseId().isPresent()) {
      return Optional.of(Long.toString(line.warehouseId().getAsLong()));
    }
    return sageOrder.lines().stream()
        .filter(l -> line.sopOrderLineId().isPresent() ? l.id() == line.sopOrderLineId().getAsLong()
            : l.code().equals(sku))
        .filter(l -> l.warehouseId().isPresent())
        .map(l -> Long.toString(l.warehouseId().getAsLong())).findFirst();
  }

  private Optional<DespatchConfirmation> plan(Shipment shipment, String shipmentNo, long number, SalesOrder sageOrder,
      String documentNo, Map<Long, OrderLine> centraLines, Map<Long, BigDecimal> planned, List<String> problems,
      LocalDate today) {
    int before = problems.size();
    List<DespatchItem> items = new ArrayList<>();
    for (ShipmentLine line : shipment.lines()) {
      OrderLine centraLine = line.orderLine().map(NamedRef::id).map(centraLines::get).orElse(null);
      Optional<String> sku = centraLine == null ? Optional.empty() : centraLine.sku();
      if (sku.isEmpty()) {
        problems.add("Centra shipment " + shipmentNo + ": line " + line.id() + " names no order line with a SKU");
        continue;
      }
      BigDecimal left = BigDecimal.valueOf(line.quantity());
      for (SalesOrderLine sageLine : sageOrder.lines()) {
        if (left.signum() == 0) {
          break;
        }
        if (!sku.get().equals(sageLine.code().orElse(null))) {
          continue;
        }
        BigDecimal open = sageLine.lineQuantity().orElse(BigDecimal.ZERO)
            .subtract(sageLine.despatchReceiptQuantity().orElse(BigDecimal.ZERO))
            .subtract(planned.getOrDefault(sageLine.id(), BigDecimal.ZERO));
        BigDecimal take = open.min(left);
        if (take.signum() > 0) {
          items.add(DespatchItem.builder().id(sageLine.id()).quantity(take).build());
          planned.merge(sageLine.id(), take, BigDecimal::add);
          left = left.subtract(take);
        }
      }
      if (left.signum() > 0) {
        problems.add("Centra shipment " + shipmentNo + " of order " + number + ": " + left.toPlainString() + " x "
            + sku.get() + " has no open quantity on Sage sales order " + documentNo);
      }
    }
    String carrier = shipment.carrierInformation().flatMap(CarrierInformation::carrierName).orElse("");
    OptionalLong courier = carrier.isEmpty() ? options.defaultSageCourierId() : options.sageCourierFor(carrier);
    if (!carrier.isEmpty() && courier.isEmpty()) {
      problems.add("Centra shipment " + shipmentNo + " of order " + number + ": carrier '" + carrier
          + "' has no Sage courier (DespatchOptions.sageCourierIds)");
    }
    if (problems.size() > before || items.isEmpty()) {
      return Optional.empty();
    }
    ImmutableTrackingItem.Builder tracking = TrackingItem.builder()
        .sopOrderReturnId(sageOrder.id())
        .notes(DespatchMarkers.centraShipmentNote(shipmentNo));
    courier.ifPresent(tracking::courierId);
    shipment.trackingNumber().ifPresent(tracking::consignmentNo);
    shipment.numberOfPackages().ifPresent(p -> tracking.pieces(p));
    return Optional.of(DespatchConfirmation.builder()
        .sopOrderReturnId(sageOrder.id())
        .despatchReceiptDate(shipment.shippedAt().map(t -> t.atZoneSameInstant(options.zone()).toLocalDate())
            .orElse(today))
        .items(items)
        .addTrackingItems(tracking.build())
        .build());
  }
}
