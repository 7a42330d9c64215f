package io.github.centrasage.sync.despatch.internal;

import io.github.centrasage.sync.stock.internal.StockJobs;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.centra.Order;
import io.github.centrasage.centra.OrderLine;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.Sage200RecordLockedException;
import io.github.centrasage.sage200.model.SalesOrder;
import io.github.centrasage.sage200.model.SalesOrderChange;
import io.github.centrasage.sage200.model.SalesOrderLine;
import io.github.centrasage.sage200.model.SalesOrderLineChange;
import io.github.centrasage.sync.JobFailure;
import io.github.centrasage.sync.stock.internal.StockHold;
import io.github.centrasage.sync.stock.StockKey;
import io.github.centrasage.sync.stock.StockPublish;
import io.github.centrasage.sync.stock.internal.LedgerCheck;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Brings a Sage order in line with lines cancelled in Centra before despatch: lowers the Sage line
 * quantities through the lock protocol ({@code salesOrders().update}) and releases the allocation
 * ledger ({@code "cancel:<Centra line id>"}, then a {@code StockPublish} recompute), or, when amending is switched off, reports what a
 * person has to change. Compares totals per SKU, so running it again changes nothing.
 */
public final class CancelledLines {
  private final Integration ctx;
  private final Sage200Client sage;
  private final boolean amend;
  private final Duration holdTtl;

  public CancelledLines(Integration ctx, Sage200Client sage, boolean amend, Duration holdTtl) {
    this.ctx = ctx;
    this.sage = sage;
    this.amend = amend;
    this.holdTtl = holdTtl;
  }

  /** The failure that keeps a job on the lock schedule and, in the end, parks it "locked in Sage". */
  public static JobFailure lockedInSage(String documentNo, long number, Sage200RecordLockedException e) {
    return JobFailure.recordLocked("Sales order " + documentNo + " of Centra order " + number
        + " is locked in Sage (" + e.getMessage() + ")");
  }

  /**
   * Applies the cancellations of {@code order} to {@code sageOrder}.
   *
   * @param report receives what a person must amend (when not amending, or what Sage already despatched)
   * @return the Sage order as it is now (re-read after an amendment)
   */
  public SalesOrder apply(Order order, SalesOrder sageOrder, String documentNo, List<String> report) {
    long number = order.number();
    Map<String, Integer> wanted = new LinkedHashMap<>();
    Map<String, Integer> cancelled = new LinkedHashMap<>();
    for (OrderLine line : order.lines()) {
      line.sku().ifPresent(sku -> {
        // Centra's quantity is what is still ordered; cancelled units are counted apart
        wanted.merge(sku, line.quantity(), Integer::sum);
        cancelled.merge(sku, line.cancelledQuantity(), Integer::sum);
      });
    }
    List<SalesOrderLineChange> changes = new ArrayList<>();
    boolean settled = true;
    for (Map.Entry<String, Integer> c : cancelled.entrySet()) {
      String sku = c.getKey();
      if (c.getValue() == 0) {
        continue;
      }
      BigDecimal inSage = BigDecimal.ZERO;
      for (SalesOrderLine line : linesOf(sageOrder, sku)) {
        inSage = inSage.add(line.lineQuantity().orElse(BigDecimal.ZERO));
      }
      BigDecimal excess = inSage.subtract(BigDecimal.valueOf(wanted.get(sku)));
      if (excess.signum() <= 0) {
        continue;
      }
      if (!amend) {
        report.add("Centra order " + number + ": " + c.getValue() + " x " + sku + " cancelled in Centra; Sage sales order "
            + documentNo + " still orders " + inSage.toPlainString() + " (Centra " + wanted.get(sku)
            + "): amend it in Sage, then replay");
        settled = false;
        continue;
      }
      for (SalesOrderLine line : linesOf(sageOrder, sku)) {
        BigDecimal qty = line.lineQuantity().orElse(BigDecimal.ZERO);
        BigDecimal despatched = line.despatchReceiptQuantity().orElse(BigDecimal.ZERO);
        BigDecimal cut = excess.min(qty.subtract(despatched));
        if (cut.signum() > 0) {
          BigDecimal left = qty.subtract(cut);
          changes.add(left.signum() == 0
              ? SalesOrderLineChange.builder().id(line.id()).isToDelete(true).build()
              : SalesOrderLineChange.builder().id(line.id()).lineQuantity(left).build());
          excess = excess.subtract(cut);
        }
      }
      if (excess.signum() > 0) {
        report.add("Centra order " + number + ": " + excess.toPlainString() + " x " + sku
            + " cancelled in Centra is already despatched on Sage sales order " + documentNo);
      }
    }
    if (changes.isEmpty() && !settled) {
      return sageOrder;
    }
    // Where each cancelled SKU is held, read before the amendment deletes lines
    Map<Long, StockKey> units = unitsOf(order, sageOrder);
    List<StockKey> released = List.of();
    // Lowering the Sage line raises Sage's free stock at once, and the ledger release comes after it: under
    // StockPublish's hold no push can compute free(+n) + allocated(still n) and over-publish in between
    StockHold hold = StockJobs.holdForDespatch(ctx.store(), "cancel:" + number, Set.copyOf(units.values()), holdTtl);
    boolean keepHold = false;
    try {
      if (!changes.isEmpty()) {
        keepHold = true; // from here Sage may be lowered (even if the answer is lost) before the ledger is released
        try {
          sage.salesOrders().update(sageOrder.id(), SalesOrderChange.builder().lines(changes).build());
        } catch (Sage200RecordLockedException e) {
          keepHold = false; // refused, nothing changed
          throw lockedInSage(documentNo, number, e);
        }
        sageOrder = sage.salesOrders().getWithLines(sageOrder.id());
      }
      if (settled) {
        released = release(order, units);
      }
    } catch (RuntimeException | Error e) {
      // After a possible amendment the hold stays until the retry (the same owner) takes it back and releases
      // the ledger, or until it expires: no push publishes the gap meanwhile
      if (!keepHold) {
        hold.close();
      }
      throw e;
    }
    hold.close();
    // after the hold is closed, so the recompute is not refused as busy
    released.forEach(unit -> ctx.store().enqueue(StockJobs.recomputeJob(unit)));
    return sageOrder;
  }

  /** The units the cancelled lines touch: every warehouse the ledger holds their SKU in, and the Sage line's. */
  private Map<Long, StockKey> unitsOf(Order order, SalesOrder sageOrder) {
    Map<Long, StockKey> units = new LinkedHashMap<>();
    for (OrderLine line : order.lines()) {
      if (line.cancelledQuantity() == 0 || line.sku().isEmpty()) {
        continue;
      }
      String sku = line.sku().get();
      // No warehouse on either side means the ledger holds no open units of this SKU for the order (a line
      // cancelled before import, or already released): there is nothing to release, so nothing to report.
      // every warehouse the order holds the SKU in: a line Centra split is released in each
      ctx.store().openAllocations(Long.toString(order.number())).stream()
          .filter(a -> a.sku().equals(sku)).forEach(a -> units.put(units.size() + 0L, StockKey.of(sku, a.warehouse())));
      linesOf(sageOrder, sku).stream()
          .filter(l -> l.warehouseId().isPresent()).map(l -> Long.toString(l.warehouseId().getAsLong())).findFirst()
          .ifPresent(wh -> units.put(units.size() + 0L, StockKey.of(sku, wh)));
    }
    return units;
  }

  /**
   * Sage no longer holds the cancelled units: take them out of the allocation ledger, once per Centra
   * line, spread over the warehouses the order holds the SKU in (the same release ids the stock
   * flows' ledger check uses, so either releases once).
   */
  private List<StockKey> release(Order order, Map<Long, StockKey> units) {
    // Sage's free stock and the ledger both moved: StockPublish pushes the new level
    return new ArrayList<>(LedgerCheck.releaseCancelledLines(ctx, Long.toString(order.number()), order,
        Optional.empty()));
  }

  private static List<SalesOrderLine> linesOf(SalesOrder order, String sku) {
    List<SalesOrderLine> out = new ArrayList<>();
    for (SalesOrderLine line : order.lines()) {
      if (line.code().equals(Optional.of(sku))) {
        out.add(line);
      }
    }
    return out;
  }
}
