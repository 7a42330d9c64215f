package io.github.centrasage.sync.order.internal;

import io.github.centrasage.sync.stock.internal.StockJobs;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.Order;
import io.github.centrasage.centra.OrderLine;
import io.github.centrasage.centra.OrderStatus;
import io.github.centrasage.sage200.ODataFilter;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.model.Product;
import io.github.centrasage.sage200.model.SalesOrder;
import io.github.centrasage.sage200.model.SalesOrderLine;
import io.github.centrasage.sync.JobFailure;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.order.OrderImportOptions;
import io.github.centrasage.sync.order.SalesOrderDraft;
import io.github.centrasage.sync.store.Allocation;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.spi.Coalescing;
import io.github.centrasage.sync.spi.JobContext;
import io.github.centrasage.sync.spi.NewJob;
import io.github.centrasage.sync.store.SyncStateStore;
import io.github.centrasage.sync.stock.internal.LedgerCheck;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch of order jobs, step by step: bindings first, then the Centra orders, one Sage lookup
 * by document key for the whole batch, and a create only for keys both left empty. Each job's
 * failure is recorded on its own context, so one bad order never holds back the others.
 */
public final class OrderImportSteps {
  /** Sage order fields the idempotency key may live in: written on create and filterable for the lookup. */
  public static final Set<String> LOOKUP_FIELDS = Set.of("customer_document_no", "spare_text_1");
  private static final Logger log = LoggerFactory.getLogger(OrderImportSteps.class);
  /** Keys per OData {@code in} filter, to stay well inside URL length limits. */
  private static final int KEYS_PER_REQUEST = 20;

  private final Integration integration;
  private final OrderImportOptions options;
  private final CustomerResolver customers;
  /** SKU → Sage product id; only found products are cached, so a product added later is seen on replay. */
  private final Map<String, Long> productIds = new ConcurrentHashMap<>();

  public OrderImportSteps(Integration integration, OrderImportOptions options) {
    this.integration = integration;
    this.options = options;
    this.customers = new CustomerResolver(options);
  }

  /** One pending job and what the steps learned about it. */
  private static final class Pending {
    final JobContext ctx;
    final long number;
    Order order;
    String documentKey;

    Pending(JobContext ctx, long number) {
      this.ctx = ctx;
      this.number = number;
    }
  }

  public void run(List<JobContext> batch) {
    if (batch.isEmpty()) {
      return;
    }
    JobContext first = batch.get(0);
    SyncStateStore store = integration.store();
    Mappings mappings = integration.mappings();
    CentraClient centra = integration.centra();
    Sage200Client sage = integration.sage();

    List<Pending> pending = new ArrayList<>();
    for (JobContext ctx : batch) {
      Optional<Long> number = OrderImport.orderNumber(ctx.job().key());
      if (number.isEmpty()) {
        ctx.fail(JobFailure.permanent("job key '" + ctx.job().key() + "' does not name a Centra order (order:<number>)"));
      } else {
        pending.add(new Pending(ctx, number.get()));
      }
    }
    // 1. The binding: an imported order is done without a single remote call.
    Map<String, Binding> bound = store.bindingsByCentraIds(OrderImport.ORDER_BINDING,
        pending.stream().map(p -> Long.toString(p.number)).collect(Collectors.toList()));
    // A polled order comes back in every overlap window: its notice says nothing new, and
    // reconciliation settles what polling cannot hear of. An event or a webhook says the order changed.
    if (options.discovery() != OrderImportOptions.Discovery.POLLING) {
      for (Pending p : pending) {
        if (bound.containsKey(Long.toString(p.number))) {
          settleLedger(p);
        }
      }
    }
    pending.removeIf(p -> bound.containsKey(Long.toString(p.number)));

    // 2. The Centra order, read fresh: its status may have changed since it was discovered.
    List<Pending> importable = new ArrayList<>();
    for (Pending p : pending) {
      try {
        Optional<Order> order = centra.orders().byNumber(p.number);
        if (order.isEmpty()) {
          p.ctx.fail(JobFailure.permanent("Centra has no order " + p.number));
        } else if (order.get().number() != p.number) {
          // the document key comes from the job's number and the draft from the answer: a mixed-up answer
          // would create one order under the other's key
          p.ctx.fail(JobFailure.permanent("asked Centra for order " + p.number + ", but the answer is order "
              + order.get().number() + "; nothing was written (replay once Centra answers with the right order)"));
        } else if (ready(p, order.get(), store)) {
          p.order = order.get();
          p.documentKey = mappings.customerDocumentFor(Long.toString(p.number));
          importable.add(p);
        }
      } catch (RuntimeException e) {
        p.ctx.fail(e);
      }
    }
    if (importable.isEmpty()) {
      return;
    }

    // 3. One lookup in Sage for the whole batch; create only where it finds nothing.
    Map<String, List<SalesOrder>> existing;
    try {
      existing = lookUp(sage, mappings.customerDocumentField(),
          importable.stream().map(p -> p.documentKey).collect(Collectors.toList()));
    } catch (RuntimeException e) {
      importable.forEach(p -> p.ctx.fail(e));
      return;
    }
    List<Pending> toCreate = new ArrayList<>();
    for (Pending p : importable) {
      List<SalesOrder> found = existing.getOrDefault(p.documentKey, List.of());
      try {
        if (found.size() > 1) {
          p.ctx.fail(JobFailure.permanent("Sage has " + found.size() + " sales orders with " + mappings.customerDocumentField()
              + " " + p.documentKey + " (document numbers " + found.stream().map(o -> o.documentNo().orElse("id " + o.id()))
                  .collect(Collectors.joining(", ")) + "); cancel the duplicate in Sage, then replay"));
        } else if (found.size() == 1) {
          // An earlier attempt created it and the answer (or the binding write) was lost: adopt it.
          log.info("Order {} already exists in Sage as {}; recording it instead of creating it again", p.number,
              found.get(0).documentNo().orElse("id " + found.get(0).id()));
          SalesOrder withLines = sage.salesOrders().getWithLines(found.get(0).id());
          record(p, withLines, store);
          // the create whose answer was lost was never checked: an adopted order gets the same totals check
          checkTotals(p, p.order.grandTotal().value(), p.order.currency(), withLines, mappings, store);
        } else {
          toCreate.add(p);
        }
      } catch (RuntimeException e) {
        p.ctx.fail(e);
      }
    }
    if (toCreate.isEmpty()) {
      return;
    }
    try {
      resolveProducts(sage, toCreate);
    } catch (RuntimeException e) {
      toCreate.forEach(p -> p.ctx.fail(e));
      return;
    }
    OrderMapper mapper = new OrderMapper(mappings, options);
    for (Pending p : toCreate) {
      try {
        create(p, mapper, mappings, sage, store);
      } catch (RuntimeException e) {
        p.ctx.fail(e);
      }
    }
  }

  /**
   * A notice about an imported order that still holds units in the allocation ledger: it may have been
   * cancelled (whole or in part) in Centra, or deleted or amended in Sage, and no other flow hears of
   * that. The ledger comes down to what both sides still hold, and the units it moved are recomputed.
   */
  private void settleLedger(Pending p) {
    String ref = Long.toString(p.number);
    if (integration.store().openAllocations(ref).isEmpty()) {
      return; // nothing held: done without a remote call
    }
    try {
      LedgerCheck.settle(integration, List.of(ref), true)
          .forEach(unit -> p.ctx.store().enqueue(StockJobs.recomputeJob(unit)));
    } catch (RuntimeException e) {
      p.ctx.fail(e);
    }
  }

  /** Whether the order imports now; otherwise the job finishes (skipped) or comes back later (waiting). */
  private boolean ready(Pending p, Order order, SyncStateStore store) {
    boolean waiting = order.isOnHold() || order.isWaitingForPayment() || order.status() == OrderStatus.PENDING;
    if (waiting) {
      // Checked again later by a delayed job of the same key, without using up a retry budget.
      store.enqueue(NewJob.builder().flow(OrderImport.NAME).key(p.ctx.job().key()).reference(p.ctx.job().reference())
          .coalescing(Coalescing.KEEP_EXISTING).delay(options.waitingOrderRecheck()).build());
      log.info("Order {} is on hold, waiting for payment or pending; looking again in {}", p.number,
          options.waitingOrderRecheck());
      return false;
    }
    if (order.status() == OrderStatus.UNRECOGNIZED) {
      // a status added to Centra after this library was written: skipping it could drop a real order
      p.ctx.fail(JobFailure.permanent("Centra order " + p.number + " has a status this library does not know;"
          + " not imported (replay the job once it should import)"));
      return false;
    }
    if (!options.importStatuses().contains(order.status())) {
      log.info("Order {} has status {}, which does not import; skipped", p.number, order.status());
      return false;
    }
    return true;
  }

  private void create(Pending p, OrderMapper mapper, Mappings mappings, Sage200Client sage, SyncStateStore store) {
    String worker = p.ctx.job().leaseOwner().orElse(OrderImport.NAME + "-" + p.ctx.job().id());
    CustomerResolver.Resolved customer = customers.resolve(p.order, mappings, sage, store, worker,
        p.ctx.clock());
    MappedOrder mapped = customer.account()
        .map(account -> mapper.map(p.order, account, productIds))
        .orElseGet(() -> {
          // Map against a stand-in account too, so the job reports the other problems in the same go.
          MappedOrder rest = mapper.map(p.order, new SageAccount(0, "?", OptionalLong.empty()), productIds);
          List<String> all = new ArrayList<>();
          customer.problem().ifPresent(all::add);
          all.addAll(rest.problems());
          return MappedOrder.problems(all);
        });
    if (mapped.draft().isEmpty()) {
      p.ctx.fail(JobFailure.permanent(mapped.problems()));
      return;
    }
    SalesOrderDraft draft = mapped.draft().get();
    SalesOrder created = sage.salesOrders().create(draft.salesOrder());
    log.info("Order {} imported into Sage as {} for {}", p.number, created.documentNo().orElse("id " + created.id()),
        draft.customerReference());
    SalesOrder withLines = created.lines().isEmpty() ? sage.salesOrders().getWithLines(created.id()) : created;
    record(p, withLines, store);
    checkTotals(p, draft.centraGrandTotal(), draft.currency(), created, mappings, store);
  }

  /** Ledger, then binding: once the binding exists, the ledger already holds the order's allocations. */
  private static void record(Pending p, SalesOrder order, SyncStateStore store) {
    List<Allocation> allocations = new ArrayList<>();
    for (SalesOrderLine line : order.lines()) {
      if (line.productId().isPresent() && line.warehouseId().isPresent() && line.code().isPresent()) {
        BigDecimal allocated = line.allocatedQuantity().orElse(BigDecimal.ZERO);
        allocations.add(Allocation.of(line.code().get(), Long.toString(line.warehouseId().getAsLong()), allocated));
      }
    }
    store.recordAllocations(Long.toString(p.number), allocations);
    store.bind(Binding.builder().entityType(OrderImport.ORDER_BINDING).centraId(Long.toString(p.number))
        .sageId(Long.toString(order.id())).sageReference(order.documentNo()).build());
  }

  private void checkTotals(Pending p, BigDecimal centraTotal, String currency, SalesOrder created, Mappings mappings,
      SyncStateStore store) {
    if (created.totalGrossValue().isEmpty()) {
      return;
    }
    BigDecimal sageTotal = created.totalGrossValue().get();
    BigDecimal difference = centraTotal.subtract(sageTotal);
    if (difference.abs().compareTo(mappings.roundingTolerance()) <= 0) {
      return;
    }
    String figures = "Centra " + centraTotal.toPlainString() + " " + currency + ", Sage "
        + sageTotal.toPlainString();
    log.warn("Order {}: Sage's gross total differs from Centra's beyond the tolerance of {}: {}", p.number,
        mappings.roundingTolerance(), figures);
    store.bind(Binding.builder().entityType(OrderImport.TOTALS_MISMATCH_BINDING).centraId(Long.toString(p.number))
        .sageId(Long.toString(created.id())).sageReference(figures).build());
    if (options.totalsMismatch() == OrderImportOptions.TotalsMismatch.PARK) {
      p.ctx.fail(JobFailure.permanent("Sage order " + created.documentNo().orElse("id " + created.id())
          + " was created, but its gross total differs from Centra's: " + figures
          + "; correct it in Sage, then replay to accept"));
    }
  }

  private void resolveProducts(Sage200Client sage, List<Pending> orders) {
    Set<String> missing = new LinkedHashSet<>();
    for (Pending p : orders) {
      for (OrderLine line : p.order.lines()) {
        line.sku().filter(sku -> !productIds.containsKey(sku)).ifPresent(missing::add);
      }
    }
    List<String> skus = new ArrayList<>(missing);
    for (int from = 0; from < skus.size(); from += KEYS_PER_REQUEST) {
      List<String> chunk = skus.subList(from, Math.min(skus.size(), from + KEYS_PER_REQUEST));
      Set<String> unseen = new HashSet<>(chunk);
      try (var products = sage.products().stream(ODataQuery.builder().filter(ODataFilter.in("code", chunk))
          .select("id", "code").build())) {
        // A product code is unique, so once every code asked for has come back there is nothing
        // left to find: stopping here spares the stream its closing request for an empty page.
        Iterator<Product> it = products.iterator();
        while (!unseen.isEmpty() && it.hasNext()) {
          Product product = it.next();
          productIds.put(product.code(), product.id());
          unseen.remove(product.code());
        }
      }
    }
  }

  private static Map<String, List<SalesOrder>> lookUp(Sage200Client sage, String field, List<String> keys) {
    // both match as Sage compares (ignoring case and padding): an exact match would miss a found order and
    // create it a second time
    return field.equals("customer_document_no") ? sage.salesOrders().findByCustomerDocumentNos(keys)
        : sage.salesOrders().findBySpareText1s(keys);
  }

}
