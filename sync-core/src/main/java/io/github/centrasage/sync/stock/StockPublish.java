package io.github.centrasage.sync.stock;

import io.github.centrasage.sync.stock.internal.StockJobs;
import io.github.centrasage.sync.spi.FailureClassifier;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sage200.ODataFilter;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.model.WarehouseHolding;
import io.github.centrasage.sync.JobFailure;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.internal.CursorInstants;
import io.github.centrasage.sync.spi.DiscoverContext;
import io.github.centrasage.sync.spi.JobContext;
import io.github.centrasage.sync.spi.NewJob;
import io.github.centrasage.sync.spi.SyncFlow;
import io.github.centrasage.sync.stock.internal.SkuDirectory;
import io.github.centrasage.sync.stock.internal.StockLevels;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes Sage 200 stock to Centra as absolute {@code PHYSICAL} levels per SKU and mapped
 * warehouse: {@code max(0, sageFree + allocatedToOpenCentraOrders - buffer)}. Discover polls
 * {@code warehouse_holdings} changed since a durable cursor (with an overlap window) and enqueues
 * one job per {@code stock:<sku>@<sageWarehouse>}, coalesced keep-newest; process pushes up to
 * {@link StockPublishOptions#batchSize()} SKUs of one warehouse per {@code setStock}, each under a
 * {@code StockHold} and only if no newer source version was applied.
 *
 * <p>Mappings: {@code warehouses} maps Centra warehouse ids to Sage warehouse ids (both numeric).
 *
 * <p>Usage: {@code SyncEngine.builder().store(link.store()).flow(new StockPublish(link)).build()}
 */
public final class StockPublish implements SyncFlow {
  /** The flow name, as the despatch flow enqueues recompute jobs under it. */
  public static final String NAME = "StockPublish";

  private static final Logger log = LoggerFactory.getLogger(StockPublish.class);
  private static final String PRODUCT_PAYLOAD = "product:";
  /** Holdings resolved and enqueued per step of discover; bounds memory on a full first read. */
  private static final int DISCOVER_CHUNK = 500;

  private final StockPublishOptions options;
  private final SkuDirectory skus = new SkuDirectory();
  /** Per unit, Sage's allocations other than the ledger's when last computed: a drop means one vanished. */
  private final Map<String, BigDecimal> otherAllocations = new ConcurrentHashMap<>();
  /**
   * Per unit, the level this instance last wrote to Centra (or found there): a level equal to it is not
   * written again. Forgotten when a write failed or Centra skipped the row; reconciliation repairs a
   * change made in Centra by hand.
   */
  private final Map<String, Written> lastWritten = new ConcurrentHashMap<>();

  /**
   * How long a written level counts as what Centra has: Centra may move it by itself (a return put
   * back on the shelf, a hand edit), so after this a level is written again even if unchanged.
   */
  private static final Duration WRITTEN_VALID = Duration.ofMinutes(5);

  /** A level this instance wrote, the ledger term it was computed with, and when. */
  private record Written(int level, BigDecimal ledger, Instant at) {}
  /** Per unit, the holding (time and free quantity) this instance last enqueued; one short entry per unit. */
  private final Map<String, String> enqueuedHoldings = new ConcurrentHashMap<>();

  private final Integration integration;

  /** With the default options. */
  public StockPublish(Integration integration) {
    this(integration, StockPublishOptions.defaults());
  }

  /** With {@code options}. */
  public StockPublish(Integration integration, StockPublishOptions options) {
    this.integration = Objects.requireNonNull(integration, "integration");
    integration.centra(); // no Centra client fails here, naming the builder call, not at the first cycle
    integration.sage(); // the same for Sage
    this.options = Objects.requireNonNull(options, "options");
  }

  // ---- flow



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

  @Override
  public Optional<Duration> discoverInterval() {
    return Optional.of(options.discoverInterval());
  }

  @Override
  public Optional<Instant> cursorTime(String cursorValue) {
    return CursorInstants.parse(cursorValue);
  }

  @Override
  public List<String> problems() {
    return problems(integration.mappings());
  }

  /**
   * What {@link #problems()} (and {@link StockReconcile#problems()}) report for these mappings,
   * without building the flow (a host checks its whole configuration before its clients exist).
   */
  public static List<String> problems(Mappings mappings) {
    List<String> problems = new ArrayList<>();
    if (mappings.warehouses().isEmpty()) {
      problems.add("no warehouse mapping: stock needs at least one Centra warehouse id = Sage warehouse id");
    }
    mappings.warehouses().forEach((centra, sage) -> {
      if (!centra.matches("\\d+") || !sage.matches("\\d+")) {
        problems.add("warehouse mapping '" + centra + "' → '" + sage
            + "' must map a Centra warehouse id to a Sage warehouse id (both numeric)");
      }
    });
    return problems;
  }

  @Override
  public void discover(DiscoverContext ctx) {
    Instant cursor = ctx.cursor().flatMap(this::cursorTime).orElse(options.initialCursor());
    Instant since = cursor.minus(options.overlap());
    List<Long> sageWarehouses = integration.mappings().warehouses().values().stream().map(Long::parseLong).distinct()
        .collect(Collectors.toList());
    ODataFilter filter = ODataFilter.gt("date_time_updated", since)
        .and(ODataFilter.in("warehouse_id", sageWarehouses));
    Instant newest = cursor;
    int enqueued = 0;
    List<WarehouseHolding> chunk = new ArrayList<>();
    List<Instant> skipped = new ArrayList<>();
    try (Stream<WarehouseHolding> rows = integration.sage().warehouseHoldings()
        .stream(ODataQuery.where(filter))) {
      var it = rows.iterator();
      while (it.hasNext()) {
        WarehouseHolding h = it.next();
        chunk.add(h);
        Instant updated = h.dateTimeUpdated().map(t -> t.toInstant()).orElse(Instant.EPOCH);
        if (updated.isAfter(newest)) {
          newest = updated;
        }
        if (chunk.size() == DISCOVER_CHUNK) {
          enqueued += enqueueChanged(ctx, chunk, skipped);
          chunk.clear();
        }
      }
    }
    enqueued += enqueueChanged(ctx, chunk, skipped);
    // a skipped holding is read again by the next poll only if the cursor stays before it: stop
    // just short of the oldest one (never moving back), so "skipped until Sage returns it" holds
    Optional<Instant> oldestSkipped = skipped.stream().min(Instant::compareTo);
    if (oldestSkipped.isPresent() && !oldestSkipped.get().isAfter(newest)) {
      Instant capped = oldestSkipped.get().minusMillis(1);
      newest = capped.isAfter(cursor) ? capped : cursor;
    }
    // a holding stamped in the future (a skewed or wrong Sage clock) must not carry the cursor past
    // changes still to come: the cursor stops at our now, and the overlap reads such a row again
    Instant now = ctx.clock().instant();
    if (newest.isAfter(now)) {
      log.warn("Sage holdings are stamped up to {}, after the engine's time {}; the cursor stays at {}", newest, now,
          now.isAfter(cursor) ? now : cursor);
      newest = now.isAfter(cursor) ? now : cursor;
    }
    // jobs first, cursor last: holdings come in id order, not time order, so the cursor may only
    // move once every row up to the newest time has been enqueued
    ctx.enqueue(List.of(), newest.toString());
    log.debug("StockPublish discovered {} changed holding(s) since {}", enqueued, since);
  }

  /** Enqueues the changed holdings; adds the change time of each one it cannot resolve to {@code skipped}. */
  private int enqueueChanged(DiscoverContext ctx, List<WarehouseHolding> holdings, List<Instant> skipped) {
    if (holdings.isEmpty()) {
      return 0;
    }
    Map<Long, String> codes = skus.productCodes(integration,
        holdings.stream().map(WarehouseHolding::productId).collect(Collectors.toList()));
    Map<String, NewJob> jobs = new LinkedHashMap<>();
    Map<String, String> signatures = new HashMap<>();
    for (WarehouseHolding h : holdings) {
      String sku = codes.get(h.productId());
      if (sku == null) {
        log.warn("Sage holding {} names product {}, which Sage does not return; skipped, and the discovery cursor"
            + " stays before it until Sage does", h.id(), h.productId());
        h.dateTimeUpdated().ifPresent(t -> skipped.add(t.toInstant()));
        continue;
      }
      StockKey key = StockKey.of(sku, Long.toString(h.warehouseId()));
      Instant updated = h.dateTimeUpdated().map(t -> t.toInstant()).orElse(Instant.EPOCH);
      // the overlap window reads holdings again that were already enqueued; skip those this
      // instance saw with the same timestamp and free quantity (the timestamp alone is not
      // enough: two changes may share one), and those a strictly newer applied version covers
      String signature = updated + "|" + h.freeStockAvailable().map(BigDecimal::stripTrailingZeros).orElse(null);
      boolean seen = signature.equals(enqueuedHoldings.get(key.name()));
      boolean superseded = integration.store().stockVersion(key.sku(), key.sageWarehouse())
          .filter(v -> v.sourceTime().isAfter(updated))
          .isPresent();
      if (!seen && !superseded) {
        jobs.put(key.name(), ctx.newJob(key.name()).reference(sku).payload(PRODUCT_PAYLOAD + h.productId()).build());
        signatures.put(key.name(), signature);
      }
    }
    ctx.enqueue(new ArrayList<>(jobs.values()));
    enqueuedHoldings.putAll(signatures);
    return jobs.size();
  }

  @Override
  public void process(JobContext job) {
    processBatch(List.of(job));
  }

  @Override
  public void processBatch(List<JobContext> batch) {
    Map<String, List<JobContext>> byWarehouse = new LinkedHashMap<>();
    for (JobContext job : batch) {
      try {
        StockKey key = StockKey.parse(job.job().key());
        byWarehouse.computeIfAbsent(key.sageWarehouse(), k -> new ArrayList<>()).add(job);
      } catch (IllegalArgumentException e) {
        job.fail(JobFailure.permanent(e.getMessage()));
      }
    }
    byWarehouse.forEach(this::publishWarehouse);
  }

  private void publishWarehouse(String sageWarehouse, List<JobContext> jobs) {
    JobContext any = jobs.get(0);
    Optional<String> centraWarehouse = integration.mappings().centraWarehouse(sageWarehouse);
    if (centraWarehouse.isEmpty()) {
      jobs.forEach(j -> j.fail(JobFailure.permanent("Sage warehouse " + sageWarehouse
          + " has no Centra warehouse mapping; add warehouse.<centraId> = " + sageWarehouse)));
      return;
    }
    Map<String, JobContext> bySku = new LinkedHashMap<>();
    Map<String, Long> productHints = new HashMap<>();
    for (JobContext j : jobs) {
      String sku = StockKey.parse(j.job().key()).sku();
      bySku.put(sku, j);
      String payload = j.job().payload();
      if (payload.startsWith(PRODUCT_PAYLOAD)) {
        try {
          productHints.put(sku, Long.parseLong(payload.substring(PRODUCT_PAYLOAD.length())));
        } catch (NumberFormatException ignored) {
          // a hint only; the SKU is looked up instead
        }
      }
    }
    SkuDirectory.Resolution resolved = skus.resolve(integration, bySku.keySet(), productHints);
    resolved.unknown().forEach((sku, reason) -> bySku.get(sku).fail(JobFailure.permanent(reason)));

    // what this instance last wrote, less what Centra shipped since (a despatch's recompute says how much)
    Map<StockKey, StockLevels.Known> centraHas = new HashMap<>();
    Instant now = any.clock().instant();
    for (Map.Entry<String, JobContext> e : bySku.entrySet()) {
      StockKey key = StockKey.of(e.getKey(), sageWarehouse);
      Written last = lastWritten.get(key.name());
      String payload = e.getValue().job().payload();
      // a bare recompute says Centra's level moved in a way this instance cannot know: write it
      if (last != null && !payload.equals(StockJobs.RECOMPUTE) && now.isBefore(last.at.plus(WRITTEN_VALID))) {
        // a despatch of n units lowers Centra's level by n and releases n from the ledger; any other
        // release (or a recompute marker lost to coalescing) then shows as a ledger below this
        int shipped = StockJobs.shippedIn(payload);
        centraHas.put(key, StockLevels.Known.written(last.level - shipped, last.ledger.subtract(BigDecimal.valueOf(shipped))));
      }
    }
    StockLevels.Outcome outcome = StockLevels.publish(integration, sageWarehouse, centraWarehouse.get(),
        resolved.known().values(), options.holdTtl(), options.busyDelay(), options.description(), otherAllocations,
        centraHas, true);
    if (outcome.failure().isPresent()) {
      outcome.pushed().forEach(l -> lastWritten.remove(l.key().name())); // Centra may or may not have it
    } else {
      outcome.pushed().forEach(l -> lastWritten.put(l.key().name(), new Written(l.quantity(), l.allocated(), now)));
      outcome.skipped().keySet().forEach(l -> lastWritten.remove(l.key().name()));
    }
    outcome.unchanged().forEach(l -> lastWritten.computeIfPresent(l.key().name(),
        (k, w) -> new Written(l.quantity(), l.allocated(), w.at)));
    outcome.failure().ifPresent(e -> {
      Optional<Duration> refusedFor = rateLimitWait(e);
      if (refusedFor.isPresent()) {
        // Centra refused the write for a while (429): nothing was applied, and a rate limit is not a
        // fault to spend the retry budget on (a long sale would park every unit); come back after the
        // wait with a recompute, which reads Sage afresh, and let these jobs end
        log.info("Centra refused setStock for {} unit(s) of Sage warehouse {} for {} (rate limit); they are"
            + " computed and written again after it", outcome.pushed().size(), sageWarehouse, refusedFor.get());
        outcome.pushed().forEach(l -> jobs.get(0).store().enqueue(
            NewJob.builder().from(StockJobs.recomputeJob(l.key())).delay(refusedFor.get()).build()));
      } else {
        outcome.pushed().forEach(l -> bySku.get(l.key().sku()).fail(e));
      }
    });
    outcome.refused().forEach((key, reason) -> bySku.get(key.sku()).fail(JobFailure.permanent(reason)));
    // a row Centra skipped was not applied: retry it (transient, so a lasting cause ends up parked
    // with Centra's words), resolving the SKU afresh since stale Centra ids are the usual cause
    outcome.skipped().forEach((level, reason) -> {
      skus.forget(integration, level.sku());
      bySku.get(level.key().sku()).fail(JobFailure.transientFailure(reason));
    });
  }

  /**
   * How long Centra asked to wait when {@code failure} is its rate limit (429 with Retry-After): a
   * refusal that applied nothing. Other failures (a 503, a timeout) keep the engine's retry budget.
   */
  private static Optional<Duration> rateLimitWait(RuntimeException failure) {
    if (!(failure instanceof io.github.centrasage.centra.CentraRateLimitException)) {
      return Optional.empty();
    }
    io.github.centrasage.centra.CentraRateLimitException f = (io.github.centrasage.centra.CentraRateLimitException) failure;
    return f.requiresLookupBeforeRetry() ? Optional.empty() : f.retryAfter();
  }
}
