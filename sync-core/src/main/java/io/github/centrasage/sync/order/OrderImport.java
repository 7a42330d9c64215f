package io.github.centrasage.sync.order;

import io.github.centrasage.sync.spi.FailureClassifier;
import io.github.centrasage.sync.integration.Integration;
import java.util.Set;
import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.CentraEvent;
import io.github.centrasage.centra.CentraWebhookEvent;
import io.github.centrasage.centra.EventObject;
import io.github.centrasage.centra.EventQuery;
import io.github.centrasage.centra.EventSubscription;
import io.github.centrasage.centra.Order;
import io.github.centrasage.centra.OrderQuery;
import io.github.centrasage.centra.OrderSummary;
import io.github.centrasage.sync.JobFailure;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.internal.CursorInstants;
import io.github.centrasage.sync.integration.internal.EventSubscriptions;
import io.github.centrasage.sync.order.internal.OrderImportSteps;
import io.github.centrasage.sync.order.internal.OrderMapper;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.spi.Coalescing;
import io.github.centrasage.sync.spi.DiscoverContext;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobContext;
import io.github.centrasage.sync.spi.NewJob;
import io.github.centrasage.sync.spi.SyncContext;
import io.github.centrasage.sync.spi.SyncFlow;
import io.github.centrasage.sync.store.SyncStateStore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code OrderImport} flow: each Centra order becomes exactly one Sage 200 sales order. Orders
 * are discovered from Centra's event queue, by polling with a durable cursor, or by a webhook
 * {@link #nudge}; each is one job keyed {@code order:<number>}, and the job reads the whole order itself,
 * so an order Centra answers in a shape the client cannot decode parks alone and never holds up the rest. Before creating, the flow checks
 * the {@code order} binding, then looks the whole batch up in Sage by the document key in one
 * request, and creates only when both are empty, so a create whose answer was lost (timeout,
 * reset, 5xx, crash) is found instead of repeated. Mapping problems park the job with every reason.
 *
 * <p>Usage: {@code SyncEngine.builder().store(link.store()).flow(new OrderImport(link, options)).build()}, where
 * {@code link} is the {@link io.github.centrasage.sync.integration.Integration} of both clients, the store and the mappings.
 */
public final class OrderImport implements SyncFlow {
  /** The flow's name (a contract: jobs and cursor are stored under it). */
  public static final String NAME = "OrderImport";
  /** The binding type of imported orders: Centra order number ↔ Sage {@code sop_orders} id and document number. */
  public static final String ORDER_BINDING = "order";
  /** The binding type that records a totals difference beyond the tolerance (Centra number ↔ Sage order id). */
  public static final String TOTALS_MISMATCH_BINDING = "order-totals-mismatch";
  private static final String KEY_PREFIX = "order:";
  private static final Logger log = LoggerFactory.getLogger(OrderImport.class);
  private static final int MAX_EVENT_ROUNDS = 20;
  private static final String UNREADABLE_EVENT_PREFIX = "event:";
  private static final int MAX_NOTICES = 20;
  private static final String ORDERS_BEFORE = "orders placed";
  private static final String BACKFILL = "to import them set OrderImportOptions.pollStart (the first subscription"
      + " then lists them), or use OrderImport.nudge";

  private final OrderImportOptions options;
  private final OrderImportSteps steps;
  private volatile boolean subscribed;
  /** Set while the first poll of this store found nothing, so the status says why nothing imports. */
  private volatile String emptyFirstPoll;

  private final Integration integration;

  /** An order import with default options (events discovery; set a fulfilment warehouse through the options). */
  public OrderImport(Integration integration) {
    this(integration, OrderImportOptions.builder().build());
  }

  /** An order import with {@code options}. */
  public OrderImport(Integration integration, OrderImportOptions options) {
    this.integration = Objects.requireNonNull(integration, "integration");
    integration.centra(); // no Centra client fails here, naming the builder call, not at the first cycle
    integration.sage(); // the same for Sage
    this.options = Objects.requireNonNull(options, "options");
    this.steps = new OrderImportSteps(integration, options);
  }

  /** The options. */
  public OrderImportOptions options() {
    return options;
  }



  /** Classifies the clients' exceptions ({@link Integration#failureClassifier()}). */
  @Override
  public Optional<FailureClassifier> failureClassifier() {
    return Optional.of(integration.failureClassifier());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int batchSize() {
    return options.batchSize();
  }

  /** The job key of an order. */
  public static String jobKey(long orderNumber) {
    return KEY_PREFIX + orderNumber;
  }

  /** The order number of a job key, if it is one. */
  public static Optional<Long> orderNumber(String jobKey) {
    if (!jobKey.startsWith(KEY_PREFIX)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(jobKey.substring(KEY_PREFIX.length())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  static NewJob job(long orderNumber) {
    // KEEP_EXISTING: a second notice of a waiting or parked order adds nothing; the job reads the order fresh
    // anyway, so a parked order's replay imports what Centra holds then.
    return NewJob.builder().flow(NAME).key(jobKey(orderNumber)).reference(Long.toString(orderNumber))
        .coalescing(Coalescing.KEEP_EXISTING).build();
  }

  @Override
  public void discover(DiscoverContext ctx) {
    switch (options.discovery()) {
      case EVENTS:
        discoverFromEvents(ctx);
        return;
      case POLLING:
        discoverByPolling(ctx);
        return;
      default:
        // webhook only: jobs arrive through nudge()
    }
  }

  private void discoverFromEvents(DiscoverContext ctx) {
    CentraClient centra = integration.centra();
    if (!subscribed) {
      // Centra queues events only for subscribed types; subscribing is idempotent, so once per instance suffices.
      boolean first = EventSubscriptions.subscribe(ctx, integration.centra(), NAME, List.of(EventSubscription.of("Order")), ORDERS_BEFORE,
          BACKFILL, options.pollStart().isEmpty());
      if (first && options.pollStart().isPresent()) {
        // The queue holds only what comes after the subscription: orders placed earlier, since pollStart, are
        // listed once. Listed after subscribing, so none falls between; one seen both ways folds into one job.
        Map<Long, NewJob> jobs = new LinkedHashMap<>();
        listSince(centra, options.pollStart().get(), jobs);
        ctx.enqueue(new ArrayList<>(jobs.values()));
        log.info("OrderImport subscribed to Centra's Order events for the first time and enqueued the {} order(s)"
            + " placed since pollStart {}", jobs.size(), options.pollStart().get());
      }
      subscribed = true;
    }
    EventQuery query = EventQuery.builder().addObjectTypes("Order").limit(100).build();
    for (int round = 0; round < MAX_EVENT_ROUNDS; round++) {
      List<CentraEvent> events = centra.events().next(query);
      if (events.isEmpty()) {
        return;
      }
      Map<Long, NewJob> jobs = new LinkedHashMap<>();
      List<NewJob> unreadable = new ArrayList<>();
      for (CentraEvent event : events) {
        Optional<Long> number = eventOrderNumber(event);
        if (number.isPresent()) {
          jobs.putIfAbsent(number.get(), job(number.get()));
        } else {
          // confirming the event drops it for good, so it becomes a parked job a person can see and act on
          log.warn("Centra event {} ({} {}) names no order number; parking it", event.id(), event.objectType(),
              event.objectReference().orElse("?"));
          unreadable.add(unreadableEventJob(event));
        }
      }
      List<NewJob> toStore = new ArrayList<>(jobs.values());
      toStore.addAll(unreadable);
      ctx.enqueue(toStore);
      // Confirmed only now that the jobs are durable: a crash before this line redelivers the events,
      // and redelivered events fold into the same jobs.
      centra.events().confirm(events.stream().map(CentraEvent::id).toList());
    }
  }

  private static NewJob unreadableEventJob(CentraEvent event) {
    String said = event.object().flatMap(EventObject::number).or(event::objectReference).orElse("nothing");
    String reason = "Centra " + event.objectType() + " event " + event.id() + " names no order number (it says '" + said
        + "'); find the order in Centra and nudge it (OrderImport.nudge), then discard this job";
    return NewJob.builder().flow(NAME).key(UNREADABLE_EVENT_PREFIX + event.id()).reference("event " + event.id())
        .payload(reason).coalescing(Coalescing.KEEP_EXISTING).build();
  }

  private static Optional<Long> eventOrderNumber(CentraEvent event) {
    Optional<String> number = event.object().flatMap(EventObject::number).or(event::objectReference);
    try {
      return number.map(String::trim).map(Long::parseLong);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private void discoverByPolling(DiscoverContext ctx) {
    CentraClient centra = integration.centra();
    Optional<Instant> stored = ctx.cursor().flatMap(CursorInstants::parse);
    Instant cursor = stored
        .orElseGet(() -> options.pollStart().orElseGet(() -> ctx.clock().instant().minus(1, ChronoUnit.DAYS)));
    Instant from = cursor.minus(options.pollOverlap());
    Map<Long, NewJob> jobs = new LinkedHashMap<>();
    Instant newest = listSince(centra, from, jobs).filter(cursor::isBefore).orElse(cursor);
    if (stored.isEmpty() && jobs.isEmpty()) {
      // the first poll of a new store found nothing: most often the window, not the shop, is wrong
      emptyFirstPoll = "The first poll found no Centra orders placed since " + from + " (engine clock: "
          + ctx.clock().instant() + "). To import older orders set OrderImportOptions.pollStart; against systems on"
          + " another clock (the sandboxes) give the engine that clock with SyncEngine.builder().clock(...)";
      log.warn("OrderImport: {}", emptyFirstPoll);
    } else if (!jobs.isEmpty()) {
      emptyFirstPoll = null;
    }
    // Orders inside the overlap window come again; their jobs find the binding and finish at once, and a
    // parked one stays parked (KEEP_EXISTING) until it is replayed.
    ctx.enqueue(new ArrayList<>(jobs.values()), newest.toString());
  }


  /**
   * Adds a job for every order placed since {@code from} to {@code jobs}; returns the newest order
   * date seen. A thin listing: the whole order is read by its own job (as on the events path), so an
   * order whose answer cannot be decoded parks alone instead of failing this page.
   */
  private static Optional<Instant> listSince(CentraClient centra, Instant from, Map<Long, NewJob> jobs) {
    Instant newest = null;
    OrderQuery window = OrderQuery.builder().from(from.atOffset(ZoneOffset.UTC)).build();
    try (Stream<OrderSummary> orders = centra.orders().listSummaries(window)) {
      for (OrderSummary order : (Iterable<OrderSummary>) orders::iterator) {
        jobs.putIfAbsent(order.number(), job(order.number()));
        Instant placed = order.orderDate().toInstant();
        if (newest == null || placed.isAfter(newest)) {
          newest = placed;
        }
      }
    }
    return Optional.ofNullable(newest);
  }

  @Override
  public Optional<Instant> cursorTime(String cursorValue) {
    return CursorInstants.parse(cursorValue);
  }

  @Override
  public void process(JobContext context) throws Exception {
    processBatch(List.of(context));
  }

  @Override
  public void processBatch(List<JobContext> batch) {
    List<JobContext> orders = new ArrayList<>(batch.size());
    for (JobContext ctx : batch) {
      if (ctx.job().key().startsWith(UNREADABLE_EVENT_PREFIX)) {
        ctx.fail(JobFailure.permanent(ctx.job().payload()));
      } else {
        orders.add(ctx);
      }
    }
    if (!orders.isEmpty()) {
      steps.run(orders);
    }
  }

  @Override
  public List<String> problems() {
    return problems(integration.mappings(), options);
  }

  /**
   * What {@link #problems()} reports for these mappings and options, without building the flow (a
   * host checks its whole configuration before its clients exist).
   */
  public static List<String> problems(Mappings mappings, OrderImportOptions options) {
    List<String> problems = new ArrayList<>();
    if (!OrderImportSteps.LOOKUP_FIELDS.contains(mappings.customerDocumentField())) {
      problems.add("the order key field '" + mappings.customerDocumentField() + "' cannot be looked up; use one of "
          + OrderImportSteps.LOOKUP_FIELDS);
    }
    mappings.requiredFieldDefaults().keySet().stream()
        .filter(f -> !OrderMapper.supportedHeaderFields().contains(f))
        .forEach(f -> problems.add("required-field default '" + f + "' is not a Sage order field this flow sets; supported: "
            + OrderMapper.supportedHeaderFields()));
    options.requiredFields().stream()
        .filter(f -> !OrderMapper.supportedHeaderFields().contains(f))
        .forEach(f -> problems.add("required field '" + f + "' is not a Sage order field this flow sets"));
    options.defaultWarehouse().filter(w -> mappings.sageWarehouse(w).isEmpty())
        .ifPresent(w -> problems.add("default warehouse '" + w + "' has no Sage warehouse mapping"));
    options.warehouseByMarket().forEach((market, w) -> {
      if (mappings.sageWarehouse(w).isEmpty()) {
        problems.add("warehouse '" + w + "' of market '" + market + "' has no Sage warehouse mapping");
      }
    });
    if (options.defaultWarehouse().isEmpty() && options.warehouseByMarket().isEmpty()) {
      problems.add("no fulfilment warehouse: set OrderImportOptions.defaultWarehouse or warehouseByMarket");
    }
    return problems;
  }

  /**
   * Enqueues the order a verified Centra webhook event names (the webhook carries ids only; the job
   * reads the order itself). Events of other types are ignored. An order already queued or parked
   * is not queued twice (the parked job is returned), and one already imported finishes without
   * touching Sage.
   *
   * <p>Usage: {@code verifier.verify(signature, body).forEach(orderImport::nudge);}
   *
   * @return the job, or empty when the event is not about an order
   */
  public Optional<Job> nudge(CentraWebhookEvent event) {
    Objects.requireNonNull(event, "event");
    if (!"order".equalsIgnoreCase(event.type())) {
      return Optional.empty();
    }
    long number;
    try {
      number = Long.parseLong(event.id().trim());
    } catch (NumberFormatException hashId) {
      number = integration.centra().orders().byId(event.id()).map(Order::number).orElseThrow(() ->
          new IllegalArgumentException("webhook names order id " + event.id() + ", which Centra does not know"));
    }
    return Optional.of(integration.store().enqueue(job(number)));
  }

  /**
   * The totals difference recorded for an imported order, if Sage's gross total differed from
   * Centra's by more than the rounding tolerance: a text naming both figures.
   */
  public static Optional<String> totalsMismatch(SyncStateStore store, long orderNumber) {
    return store.bindingByCentraId(TOTALS_MISMATCH_BINDING, Long.toString(orderNumber))
        .flatMap(Binding::sageReference);
  }

  /** Orders imported: one {@code order} binding each, however many jobs their notices took. */
  @Override
  public OptionalLong entitiesDone(SyncContext context) {
    return OptionalLong.of(integration.store().countBindings(ORDER_BINDING));
  }

  /** The most recent orders whose Sage total differs from Centra's beyond the tolerance, with both figures. */
  @Override
  public List<String> notices(SyncContext context) {
    List<String> notices = new ArrayList<>();
    if (options.discovery() == OrderImportOptions.Discovery.EVENTS && options.pollStart().isEmpty()) {
      EventSubscriptions.recentSubscriptionNotice(context, NAME, ORDERS_BEFORE, BACKFILL).ifPresent(notices::add);
    }
    String firstPoll = emptyFirstPoll;
    if (firstPoll != null) {
      notices.add(firstPoll);
    }
    integration.store().recentBindings(TOTALS_MISMATCH_BINDING, MAX_NOTICES).stream()
        .map(b -> "Centra order " + b.centraId() + " was imported, but its totals differ: "
            + b.sageReference().orElse("(no figures recorded)"))
        .forEach(notices::add);
    return notices;
  }

  /** The Sage order an imported Centra order became, if it was imported. */
  public static Optional<Binding> binding(SyncStateStore store, long orderNumber) {
    return store.bindingByCentraId(ORDER_BINDING, Long.toString(orderNumber));
  }

  @Override
  public String toString() {
    return "OrderImport" + options;
  }
}
