package io.github.centrasage.sync.stock.internal;

import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.centra.CentraMutationResult;
import io.github.centrasage.centra.CentraStock;
import io.github.centrasage.centra.CentraUserMessage;
import io.github.centrasage.centra.SetStockRequest;
import io.github.centrasage.centra.SizeStockLevel;
import io.github.centrasage.centra.StockQuantityType;
import io.github.centrasage.sage200.ODataFilter;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.model.WarehouseHolding;
import io.github.centrasage.sync.store.StockVersion;
import io.github.centrasage.sync.spi.NewJob;
import io.github.centrasage.sync.integration.internal.StockBusyException;
import io.github.centrasage.sync.stock.internal.StockHold;
import io.github.centrasage.sync.stock.StockKey;
import io.github.centrasage.sync.stock.StockPublish;
import java.time.Duration;
import java.util.Collection;
import java.util.UUID;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes Centra levels from Sage holdings and the allocation ledger, and pushes them with one
 * {@code setStock} per call. Callers hold the units ({@link io.github.centrasage.sync.stock.internal.StockHold})
 * from before {@link #compute} until after {@link #push}, which is what makes the ledger read and
 * the push one step as far as the despatch flow can see.
 */
public final class StockLevels {
  private static final Logger log = LoggerFactory.getLogger(StockLevels.class);

  /**
   * One computed level with the terms it came from. {@code version} is the holding's
   * {@code date_time_updated}; empty when Sage has no holding ({@code holding} false) or one without
   * a change time: such a level is the newest observation there is, never stale, and records no version.
   */
  public record Level(StockKey key, SkuRef sku, BigDecimal sageFree, BigDecimal allocated, long buffer,
      int quantity, Optional<StockVersion> version, boolean holding, Optional<BigDecimal> sageAllocated) {}

  /**
   * What {@link #publish} did: pushed (or tried to, when {@code failure} is set), deferred, stale,
   * refused (a level Centra cannot hold, with the reason; never pushed) and skipped (sent, but Centra
   * skipped the row with a warning, which is the reason; no version recorded).
   */
  public record Outcome(List<Level> pushed, List<StockKey> deferred, List<Level> stale, Optional<RuntimeException> failure,
      Map<StockKey, String> refused, Map<Level, String> skipped, List<Level> unchanged) {}

  /**
   * What Centra is known to have for one unit: {@code quantity}, and, when the knowledge is this
   * instance's own last write rather than a read of Centra, the ledger term that write was computed
   * with. A completed Centra shipment lowers Centra's physical level by itself while the despatch
   * releases the ledger, so a ledger term below {@code ledgerAtWrite} means Centra may have moved:
   * the level is written again. A ledger that only grew (an order imported) moves nothing in Centra.
   */
  public record Known(int quantity, Optional<BigDecimal> ledgerAtWrite) {
    /** Read from Centra just now. */
    public static Known read(int quantity) {
      return new Known(quantity, Optional.empty());
    }

    /** This instance's own last write, computed with {@code ledger} allocated to open Centra orders. */
    public static Known written(int quantity, BigDecimal ledger) {
      return new Known(quantity, Optional.of(ledger));
    }

    boolean matches(Level level) {
      return quantity == level.quantity()
          && ledgerAtWrite.map(l -> level.allocated().compareTo(l) >= 0).orElse(true);
    }
  }

  private StockLevels() {}

  /**
   * Holds each unit, computes and pushes the levels of {@code skus} in one Sage warehouse, then
   * releases the holds. A unit another owner holds (a despatch in progress) is not pushed now but
   * queued again after {@code busyDelay}; a level older than the applied version is not pushed.
   * With {@code writeOnce} the write is not retried by the client: a failure returns at once, for the
   * caller's job to be retried with levels computed afresh.
   */
  public static Outcome publish(Integration ctx, String sageWarehouse, String centraWarehouse, Collection<SkuRef> skus,
      Duration holdTtl, Duration busyDelay, String description, Map<String, BigDecimal> otherAllocations,
      Map<StockKey, Known> centraHas, boolean writeOnce) {
    String owner = "StockPublish-" + UUID.randomUUID();
    List<StockHold> holds = new ArrayList<>();
    List<SkuRef> held = new ArrayList<>();
    List<StockKey> deferred = new ArrayList<>();
    try {
      for (SkuRef ref : skus) {
        StockKey key = StockKey.of(ref.sku(), sageWarehouse);
        try {
          holds.add(StockHold.acquire(ctx.store(), owner, List.of(key), holdTtl));
          held.add(ref);
        } catch (StockBusyException busy) {
          // a despatch is between "complete shipment" and "release ledger": come back after it
          // (it enqueues a recompute itself; this delayed job covers a despatch that gives up)
          ctx.store().enqueue(NewJob.builder().from(StockJobs.recomputeJob(key)).delay(busyDelay).build());
          deferred.add(key);
          log.debug("{}: {}; pushed again in {}", key.name(), busy.getMessage(), busyDelay);
        }
      }
      List<Level> fresh = new ArrayList<>();
      List<Level> stale = new ArrayList<>();
      List<Level> unchanged = new ArrayList<>();
      Map<StockKey, String> refused = new LinkedHashMap<>();
      for (Level level : settledLevels(ctx, sageWarehouse, centraWarehouse, held, otherAllocations)) {
        Optional<String> implausible = StockFormula.implausible(level.sageFree(), level.allocated(), level.buffer());
        if (implausible.isPresent()) {
          // publishing a clamped level would offer stock Sage does not have
          refused.put(level.key(), level.key().name() + ": " + implausible.get() + "; not published");
          continue;
        }
        if (isStale(ctx, level)) {
          log.info("{}: Sage version {} is older than the one applied; not pushed", level.key().name(), level.version().get());
          stale.add(level);
        } else if (centraHas.containsKey(level.key()) && centraHas.get(level.key()).matches(level)) {
          // Centra has this level already: a write would change nothing and spend Centra's mutation budget
          unchanged.add(level);
          recordVersion(ctx, level);
        } else {
          fresh.add(level);
        }
      }
      try {
        Map<Level, String> skipped = push(ctx, Long.parseLong(centraWarehouse), fresh, description, writeOnce);
        return new Outcome(fresh, deferred, stale, Optional.empty(), refused, skipped, unchanged);
      } catch (RuntimeException e) {
        return new Outcome(fresh, deferred, stale, Optional.of(e), refused, Map.of(), unchanged);
      }
    } finally {
      holds.forEach(StockHold::close);
    }
  }

  /**
   * {@link #compute}, after settling the ledger of the orders holding a unit whose Sage allocations
   * other than the ledger's changed since this instance last looked ({@code otherAllocations}, per
   * unit): an allocation may have vanished without an event (an order deleted, cancelled or amended
   * in Sage), and if it was a web order's, the ledger would add back units Sage no longer holds for
   * it. A rise counts too: another channel's allocation in the same interval can hide the drop. Only
   * an exact offset (a web order of n deleted while another channel allocates n) goes unseen here;
   * {@code StockReconcile}'s pass settles those.
   */
  static List<Level> settledLevels(Integration ctx, String sageWarehouse, String centraWarehouse, List<SkuRef> skus,
      Map<String, BigDecimal> otherAllocations) {
    List<Level> levels = compute(ctx, sageWarehouse, centraWarehouse, skus);
    List<String> suspicious = new ArrayList<>();
    for (Level l : levels) {
      if (l.allocated().signum() > 0 && l.sageAllocated().isPresent()) {
        BigDecimal others = l.sageAllocated().get().subtract(l.allocated());
        BigDecimal before = otherAllocations.get(l.key().name());
        // any change, not only a drop: a web order deleted in Sage while a trade order allocates
        // more of the unit shows as a rise of the others; only the orders themselves can tell
        if (before == null || others.compareTo(before) != 0) {
          suspicious.add(l.key().sku());
        }
      }
    }
    if (!suspicious.isEmpty()) {
      Set<StockKey> released = LedgerCheck.settle(ctx, ctx.store().ordersHolding(sageWarehouse, suspicious), false);
      Set<String> here = skus.stream().map(SkuRef::sku).collect(Collectors.toSet());
      // the same orders may hold other units: those are pushed by their own recompute
      released.stream().filter(k -> !k.sageWarehouse().equals(sageWarehouse) || !here.contains(k.sku()))
          .forEach(k -> ctx.store().enqueue(StockJobs.recomputeJob(k)));
      if (!released.isEmpty()) {
        levels = compute(ctx, sageWarehouse, centraWarehouse, skus);
      }
    }
    levels.forEach(l -> l.sageAllocated().ifPresent(a -> otherAllocations.put(l.key().name(), a.subtract(l.allocated()))));
    return levels;
  }

  /**
   * Reads the holdings of {@code skus} in one Sage warehouse (one OData query) and the ledger (one
   * store query) and applies the formula. A product without a holding there has nothing free: Sage
   * deleted the row or the product left the warehouse, and Centra must not keep its last level.
   */
  public static List<Level> compute(Integration ctx, String sageWarehouse, String centraWarehouse, List<SkuRef> skus) {
    if (skus.isEmpty()) {
      return List.of();
    }
    Sage200Client sage = ctx.sage();
    List<Long> productIds = skus.stream().map(SkuRef::sageProductId).distinct().collect(Collectors.toList());
    Map<Long, WarehouseHolding> holdings = new HashMap<>();
    try (var rows = sage.warehouseHoldings().stream(ODataQuery.where(
        ODataFilter.eq("warehouse_id", Long.parseLong(sageWarehouse)).and(ODataFilter.in("product_id", productIds))))) {
      rows.forEach(h -> holdings.put(h.productId(), h));
    }
    Map<String, BigDecimal> allocated = ctx.store().allocatedQuantities(sageWarehouse,
        skus.stream().map(SkuRef::sku).collect(Collectors.toList()));
    List<Level> levels = new ArrayList<>(skus.size());
    for (SkuRef sku : skus) {
      Optional<WarehouseHolding> h = Optional.ofNullable(holdings.get(sku.sageProductId()));
      BigDecimal free = h.flatMap(WarehouseHolding::freeStockAvailable).orElse(BigDecimal.ZERO);
      BigDecimal held = allocated.getOrDefault(sku.sku(), BigDecimal.ZERO);
      long buffer = ctx.mappings().safetyBuffer(sku.sku(), centraWarehouse);
      Optional<StockVersion> version = h.flatMap(WarehouseHolding::dateTimeUpdated)
          .map(t -> StockVersion.of(t.toInstant(), 0));
      levels.add(new Level(StockKey.of(sku.sku(), sageWarehouse), sku, free, held, buffer,
          StockFormula.centraPhysical(free, held, buffer), version, h.isPresent(),
          h.flatMap(WarehouseHolding::quantityAllocated)));
    }
    return levels;
  }

  /**
   * Whether a newer version than {@code level}'s was already applied. An equal version is not stale:
   * the ledger term may have changed since (a despatch), and under the hold nothing newer can race.
   */
  public static boolean isStale(Integration ctx, Level level) {
    if (level.version().isEmpty()) {
      // nothing to order it by, and read just now under the hold: the newest observation there is
      return false;
    }
    return ctx.store().stockVersion(level.key().sku(), level.key().sageWarehouse())
        .filter(applied -> applied.compareTo(level.version().get()) > 0)
        .isPresent();
  }

  /**
   * One {@code setStock} of absolute physical levels, then records the version of each level Centra
   * applied. Returns the levels Centra skipped with a {@code userWarning}, with the warning.
   */
  public static Map<Level, String> push(Integration ctx, long centraWarehouseId, List<Level> levels, String description,
      boolean writeOnce) {
    if (levels.isEmpty()) {
      return Map.of();
    }
    SetStockRequest request = SetStockRequest.builder().warehouseId(centraWarehouseId)
        .quantityType(StockQuantityType.PHYSICAL).description(description)
        .levels(levels.stream().map(l -> SizeStockLevel.ofSizeId(l.sku().centraVariantId(), l.sku().centraSizeId(),
            l.quantity())).collect(Collectors.toList()))
        .build();
    // once: a retry after a wait (a 429 storm) would send these levels again while Sage may have
    // moved on; the failed job is retried by the engine, which computes the levels afresh
    CentraStock stock = ctx.centra().stock();
    CentraMutationResult<List<Long>> result = writeOnce ? stock.setWithoutRetry(request) : stock.set(request);
    Map<Level, String> skipped = skippedRows(levels, result.warnings());
    if (!result.warnings().isEmpty()) {
      // Centra skips rows it cannot apply and says so only as warnings; make them loud
      log.warn("setStock in Centra warehouse {} reported warnings: {}", centraWarehouseId, result.warnings());
    }
    for (Level l : levels) {
      if (skipped.containsKey(l)) {
        continue; // not applied: recording it would make the job a success and a retry look stale
      }
      recordVersion(ctx, l);
    }
    return skipped;
  }

  private static void recordVersion(Integration ctx, Level l) {
    // an unversioned level keeps the applied version: the holding coming back unchanged is not stale
    l.version().ifPresent(v -> ctx.store().applyStockVersionIfNewer(l.key().sku(), l.key().sageWarehouse(), v));
  }

  /**
   * The levels each warning names. Centra's path points at the {@code productVariants} entry, and
   * the client sends one entry per variant in order of first appearance, so the index names every
   * level of that variant (a warning does not say which size). A warning without such an index
   * could be about any row: then none of the request counts as applied.
   */
  static Map<Level, String> skippedRows(List<Level> levels, List<CentraUserMessage> warnings) {
    if (warnings.isEmpty()) {
      return Map.of();
    }
    Map<Long, List<Level>> byVariant = new LinkedHashMap<>();
    levels.forEach(l -> byVariant.computeIfAbsent(l.sku().centraVariantId(), k -> new ArrayList<>()).add(l));
    List<List<Level>> rows = new ArrayList<>(byVariant.values());
    Map<Level, String> skipped = new LinkedHashMap<>();
    for (CentraUserMessage w : warnings) {
      String reason = "Centra skipped the stock row: " + w.message() + " (at " + String.join(".", w.path()) + ")";
      OptionalInt row = rowIndex(w.path());
      List<Level> named = row.isPresent() && row.getAsInt() < rows.size() ? rows.get(row.getAsInt()) : levels;
      named.forEach(l -> skipped.merge(l, reason, (a, b) -> a + "; " + b));
    }
    return skipped;
  }

  private static OptionalInt rowIndex(List<String> path) {
    int at = path.indexOf("productVariants");
    if (at < 0 || at + 1 >= path.size()) {
      return OptionalInt.empty();
    }
    try {
      int index = Integer.parseInt(path.get(at + 1));
      return index >= 0 ? OptionalInt.of(index) : OptionalInt.empty();
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
