package io.github.centrasage.sync.stock;

import io.github.centrasage.sync.stock.internal.StockJobs;
import io.github.centrasage.sync.spi.FailureClassifier;
import io.github.centrasage.sync.integration.Integration;
import java.util.Set;
import io.github.centrasage.centra.WarehouseStock;
import io.github.centrasage.sync.JobFailure;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.spi.DiscoverContext;
import io.github.centrasage.sync.spi.JobContext;
import io.github.centrasage.sync.spi.NewJob;
import io.github.centrasage.sync.spi.SyncFlow;
import io.github.centrasage.sync.stock.internal.LedgerCheck;
import io.github.centrasage.sync.stock.internal.SkuDirectory;
import io.github.centrasage.sync.stock.internal.StockLevels;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled full pass of the stock model: every {@link StockPublishOptions#reconcileInterval()}
 * it queues one job per mapped warehouse, which streams Centra's stock rows of that warehouse in
 * pages, recomputes each SKU's level from Sage and the ledger ({@code batchSize} SKUs per Sage read
 * and per {@code setStock}, under the same holds and version rule as {@link StockPublish}) and
 * pushes it, repairing drift that polling cannot see (a Sage change that did not move
 * {@code date_time_updated}, a manual edit in Centra). Memory stays at one page.
 *
 * <p>Usage: {@code SyncEngine.builder()….flow(new StockPublish(link, options)).flow(new StockReconcile(link, options)).build()}
 */
public final class StockReconcile implements SyncFlow {
  /** The flow name. */
  public static final String NAME = "StockReconcile";

  private static final Logger log = LoggerFactory.getLogger(StockReconcile.class);

  private final StockPublishOptions options;
  private final SkuDirectory skus = new SkuDirectory();
  /** Per unit, Sage's allocations other than the ledger's when last computed: a drop means one vanished. */
  private final Map<String, BigDecimal> otherAllocations = new ConcurrentHashMap<>();
  private final Map<String, ReconciliationReport> lastReports = new ConcurrentHashMap<>();

  private final Integration integration;

  /** With the default options. */
  public StockReconcile(Integration integration) {
    this(integration, StockPublishOptions.defaults());
  }

  /** With {@code options} (batch size, holds, interval). */
  public StockReconcile(Integration integration, StockPublishOptions options) {
    this.integration = Objects.requireNonNull(integration, "integration");
    integration.centra(); // no Centra client fails here, naming the builder call, not at the first cycle
    integration.sage(); // the same for Sage
    this.options = Objects.requireNonNull(options, "options");
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
  public Optional<Duration> discoverInterval() {
    return Optional.of(options.reconcileInterval());
  }

  @Override
  public List<String> problems() {
    return StockPublish.problems(integration.mappings());
  }

  /** The last report per Centra warehouse id, from this instance's passes. */
  public Map<String, ReconciliationReport> lastReports() {
    return Map.copyOf(lastReports);
  }

  @Override
  public void discover(DiscoverContext ctx) {
    List<NewJob> jobs = integration.mappings().warehouses().keySet().stream()
        .map(wh -> ctx.newJob("reconcile:" + wh).reference("warehouse " + wh).payload(wh).build())
        .collect(Collectors.toList());
    ctx.enqueue(jobs);
  }

  @Override
  public void process(JobContext ctx) {
    String centraWarehouse = ctx.job().payload();
    String sageWarehouse = integration.mappings().sageWarehouse(centraWarehouse).orElseThrow(() -> JobFailure.permanent(
        "Centra warehouse " + centraWarehouse + " is no longer mapped"));
    // checked, pushed, repaired, deferred, unknown, in flight, without holding, stale, released
    int[] counts = new int[9];
    Set<String> settled = new HashSet<>();
    List<WarehouseStock> page = new ArrayList<>();
    try (Stream<WarehouseStock> rows = integration.centra().stock()
        .warehouseStock(Long.parseLong(centraWarehouse))) {
      var it = rows.iterator();
      while (it.hasNext()) {
        page.add(it.next());
        if (page.size() == options.batchSize()) {
          reconcile(ctx, sageWarehouse, centraWarehouse, page, counts, settled);
          page.clear();
        }
      }
    }
    reconcile(ctx, sageWarehouse, centraWarehouse, page, counts, settled);
    ReconciliationReport report = ReconciliationReport.builder().centraWarehouse(centraWarehouse)
        .finishedAt(ctx.clock().instant()).checked(counts[0]).pushed(counts[1]).repaired(counts[2])
        .deferred(counts[3]).unknown(counts[4]).inFlight(counts[5])
        .withoutHolding(counts[6]).stale(counts[7]).released(counts[8]).build();
    lastReports.put(centraWarehouse, report);
    log.info("Stock reconciliation of Centra warehouse {}: {} checked, {} pushed, {} repaired, {} in flight"
        + " (open orders not in the ledger yet), {} deferred, {} unknown, {} without a Sage holding, {} stale,"
        + " {} ledger entries released", centraWarehouse, report.checked(), report.pushed(), report.repaired(),
        report.inFlight(), report.deferred(), report.unknown(), report.withoutHolding(), report.stale(),
        report.released());
  }

  private void reconcile(JobContext ctx, String sageWarehouse, String centraWarehouse, List<WarehouseStock> page,
      int[] counts, Set<String> settled) {
    if (page.isEmpty()) {
      return;
    }
    counts[0] += page.size();
    Map<String, WarehouseStock> before = new HashMap<>();
    for (WarehouseStock row : page) {
      row.productSize().sku().ifPresentOrElse(sku -> before.put(sku, row), () -> counts[4]++);
    }
    SkuDirectory.Resolution resolved = skus.resolve(integration, before.keySet(), Map.of());
    counts[4] += resolved.unknown().size();
    if (!resolved.unknown().isEmpty()) {
      log.warn("Stock reconciliation: Centra SKUs unknown on one side: {}", resolved.unknown().values());
    }
    // what no event released: each order holding these SKUs, checked once per pass against Sage and Centra
    Set<String> orders = new TreeSet<>(integration.store().ordersHolding(sageWarehouse, resolved.known().keySet()));
    orders.removeAll(settled);
    settled.addAll(orders);
    Set<StockKey> released = LedgerCheck.settle(integration, orders, true);
    counts[8] += released.size();
    released.stream().filter(k -> !k.sageWarehouse().equals(sageWarehouse) || !before.containsKey(k.sku()))
        .forEach(k -> ctx.store().enqueue(StockJobs.recomputeJob(k)));
    Map<StockKey, StockLevels.Known> centraHas = new HashMap<>();
    before.forEach((sku, row) -> row.physicalQuantity()
        .ifPresent(q -> centraHas.put(StockKey.of(sku, sageWarehouse), StockLevels.Known.read(q))));
    StockLevels.Outcome outcome = StockLevels.publish(integration, sageWarehouse, centraWarehouse, resolved.known().values(),
        options.holdTtl(), options.busyDelay(), options.description() + " (reconciliation)", otherAllocations,
        centraHas, false); // the client's retries: a failed write would start the whole pass again
    if (outcome.failure().isPresent()) {
      throw outcome.failure().get();
    }
    // never pushed: a level Centra cannot hold is a data error in Sage, for a person to fix
    outcome.refused().values().forEach(reason -> log.warn("Stock reconciliation: {}", reason));
    // not applied: forget the SKU's Centra ids so the next pass (or push) looks them up again
    outcome.skipped().forEach((level, reason) -> {
      log.warn("Stock reconciliation: {}: {}", level.key().name(), reason);
      skus.forget(integration, level.sku());
    });
    counts[1] += outcome.pushed().size();
    counts[3] += outcome.deferred().size();
    counts[6] += (int) concat(outcome.pushed(), outcome.unchanged()).stream().filter(l -> !l.holding()).count();
    counts[7] += outcome.stale().size();
    for (StockLevels.Level level : concat(outcome.pushed(), outcome.unchanged())) {
      switch (compare(before.get(level.key().sku()), level)) {
        case DRIFTED:
          counts[2]++;
          break;
        case IN_FLIGHT:
          counts[5]++;
          break;
        default:
          break;
      }
    }
  }

  private static List<StockLevels.Level> concat(List<StockLevels.Level> a, List<StockLevels.Level> b) {
    List<StockLevels.Level> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private enum Finding { IN_STEP, DRIFTED, IN_FLIGHT }

  /**
   * Centra's row before the pass against the level just computed. Open Centra orders lower only
   * Centra's free-to-allocate, and once imported they are in the ledger, which the formula adds back
   * to the physical level. So a physical quantity that differs is drift, and a free-to-allocate that
   * differs from the formula net of the ledger while the physical one is right is orders in flight
   * (not imported yet, or cancelled and not released yet): the gap closes as the order flows catch up.
   */
  private static Finding compare(WarehouseStock row, StockLevels.Level level) {
    // what Centra shows as free once every open Centra order is imported
    int expectedFree = level.quantity() - level.allocated().intValue();
    boolean freeDiffers = row.freeToAllocateQuantity() != expectedFree;
    if (row.physicalQuantity().isEmpty()) {
      return freeDiffers ? Finding.DRIFTED : Finding.IN_STEP;
    }
    if (row.physicalQuantity().get() != level.quantity()) {
      return Finding.DRIFTED;
    }
    return freeDiffers ? Finding.IN_FLIGHT : Finding.IN_STEP;
  }
}
