package io.github.centrasage.sync.stock.internal;

import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.centra.Order;
import io.github.centrasage.centra.OrderLine;
import io.github.centrasage.centra.OrderStatus;
import io.github.centrasage.sage200.Sage200NotFoundException;
import io.github.centrasage.sage200.model.SalesOrder;
import io.github.centrasage.sage200.model.SalesOrderLine;
import io.github.centrasage.sync.store.Allocation;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.stock.StockKey;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the allocation ledger of imported orders down to what Sage and Centra say the order still
 * holds, for the changes no flow sees as an event: an order deleted, cancelled or amended in Sage, a
 * line or the whole order cancelled in Centra, an order returned before despatch, an entry left over
 * after both sides finished with the order. It only ever lowers the ledger.
 *
 * <ul>
 *   <li>Each Centra line with a cancelled quantity is released under {@code "cancel:<line id>"}, the id
 *       the despatch flow's cancellation handling uses, so whichever runs first releases it once.
 *   <li>An order Sage has not despatched from holds no more than Sage allocates to its lines, per SKU
 *       and Sage warehouse; a deleted Sage order holds nothing.
 *   <li>An order finished on both sides (Sage despatched every line, Centra shipped, archived or
 *       cancelled it) holds nothing.
 *   <li>A partly despatched order is left to the despatch flows, whose releases carry the despatch.
 * </ul>
 */
public final class LedgerCheck {
  private static final Logger log = LoggerFactory.getLogger(LedgerCheck.class);
  private static final Set<OrderStatus> CENTRA_DONE = EnumSet.of(OrderStatus.SHIPPED, OrderStatus.ARCHIVED,
      OrderStatus.CANCELLED);
  /** Binding type order import writes. */
  private static final String ORDER = "order";

  private LedgerCheck() {}

  /**
   * Settles the ledger of {@code orderRefs} (Centra order numbers) against Sage, and against Centra
   * too when {@code withCentra}. Orders without an order-import binding are left alone.
   *
   * @return the stock units whose open quantity went down
   */
  public static Set<StockKey> settle(Integration ctx, Collection<String> orderRefs, boolean withCentra) {
    Set<StockKey> released = new TreeSet<>();
    for (String orderRef : orderRefs) {
      released.addAll(settle(ctx, orderRef, withCentra));
    }
    return released;
  }

  private static Set<StockKey> settle(Integration ctx, String orderRef, boolean withCentra) {
    if (ctx.store().openAllocations(orderRef).isEmpty()) {
      return Set.of();
    }
    Optional<Binding> binding = ctx.store().bindingByCentraId(ORDER, orderRef);
    if (binding.isEmpty()) {
      return Set.of(); // not imported by OrderImport: nothing to compare with
    }
    long number;
    long sageId;
    try {
      number = Long.parseLong(orderRef);
      sageId = Long.parseLong(binding.get().sageId());
    } catch (NumberFormatException e) {
      return Set.of();
    }
    Optional<SalesOrder> sage = sageOrder(ctx, sageId);
    Optional<Order> centra = withCentra ? ctx.centra().orders().byNumber(number) : Optional.empty();
    Set<StockKey> released = new TreeSet<>();
    centra.ifPresent(o -> released.addAll(releaseCancelledLines(ctx, orderRef, o, sage)));

    boolean despatched = sage.isPresent() && sage.get().lines().stream()
        .anyMatch(l -> l.despatchReceiptQuantity().orElse(BigDecimal.ZERO).signum() > 0);
    boolean sageDone = sage.isEmpty() || sage.get().lines().stream()
        .filter(l -> l.productId().isPresent())
        .allMatch(l -> l.despatchReceiptQuantity().orElse(BigDecimal.ZERO)
            .compareTo(l.lineQuantity().orElse(BigDecimal.ZERO)) >= 0);
    boolean centraDone = centra.map(o -> CENTRA_DONE.contains(o.status())).orElse(false);
    Map<StockKey, BigDecimal> target;
    String why;
    // Sage alone cannot say an order is finished: a despatch may still be on its way to Centra, and
    // releasing it before the Centra shipment would show Centra too little meanwhile
    if (sage.isEmpty() || (sageDone && centraDone)) {
      target = Map.of();
      why = sage.isEmpty() ? "the Sage order is gone" : "the order is finished";
    } else if (!despatched) {
      target = sageAllocations(sage.get());
      why = "Sage allocates less to it";
    } else {
      return released; // partly despatched: the despatch flows release what they ship
    }
    for (Allocation open : ctx.store().openAllocations(orderRef)) {
      StockKey unit = StockKey.of(open.sku(), open.warehouse());
      BigDecimal keep = target.getOrDefault(unit, BigDecimal.ZERO);
      BigDecimal excess = open.quantity().subtract(keep);
      if (excess.signum() > 0 && ctx.store().releaseAllocation(orderRef,
          "settle:" + open.quantity().toPlainString() + ">" + keep.toPlainString(), unit.sku(), unit.sageWarehouse(),
          excess)) {
        log.info("Centra order {}: released {} x {} from the allocation ledger ({})", orderRef, excess.toPlainString(),
            unit.name(), why);
        released.add(unit);
      }
    }
    return released;
  }

  /** The Sage order, or empty when Sage no longer has it (deleted). */
  private static Optional<SalesOrder> sageOrder(Integration ctx, long sageId) {
    try {
      return Optional.of(ctx.sage().salesOrders().getWithLines(sageId));
    } catch (Sage200NotFoundException deleted) {
      return Optional.empty();
    }
  }

  /**
   * Releases the quantities cancelled in Centra on each line of {@code order}, spread over the Sage
   * warehouses the order holds the SKU in (a line Centra split is held in two), each under
   * {@code "cancel:<line id>"}, so a second call (or the despatch flow's cancellation handling)
   * releases nothing more.
   *
   * @return the units released
   */
  public static Set<StockKey> releaseCancelledLines(Integration ctx, String orderRef, Order order,
      Optional<SalesOrder> sage) {
    Set<StockKey> released = new TreeSet<>();
    List<Allocation> open = ctx.store().openAllocations(orderRef);
    for (OrderLine line : order.lines()) {
      if (line.cancelledQuantity() == 0 || line.sku().isEmpty()) {
        continue;
      }
      String sku = line.sku().get();
      List<Allocation> held = open.stream().filter(a -> a.sku().equals(sku)).toList();
      if (held.isEmpty()) {
        // nothing open here any more (released already, or held where only Sage's lines say)
        sage.stream().flatMap(o -> o.lines().stream())
            .filter(l -> l.code().equals(line.sku()) && l.warehouseId().isPresent())
            .map(l -> Long.toString(l.warehouseId().getAsLong())).findFirst()
            .ifPresent(wh -> release(ctx, orderRef, line, sku, wh, BigDecimal.valueOf(line.cancelledQuantity()), released));
        continue;
      }
      BigDecimal left = BigDecimal.valueOf(line.cancelledQuantity());
      for (Allocation a : held) {
        BigDecimal take = left.min(a.quantity());
        if (take.signum() > 0) {
          release(ctx, orderRef, line, sku, a.warehouse(), take, released);
          left = left.subtract(take);
        }
      }
    }
    return released;
  }

  private static void release(Integration ctx, String orderRef, OrderLine line, String sku, String warehouse,
      BigDecimal quantity, Set<StockKey> released) {
    if (ctx.store().releaseAllocation(orderRef, "cancel:" + line.id(), sku, warehouse, quantity)) {
      log.info("Centra order {}: released {} x {} cancelled in Centra from the allocation ledger", orderRef,
          quantity.toPlainString(), sku);
      released.add(StockKey.of(sku, warehouse));
    }
  }

  /** What Sage allocates to the order's lines, per SKU and Sage warehouse. */
  private static Map<StockKey, BigDecimal> sageAllocations(SalesOrder order) {
    Map<StockKey, BigDecimal> out = new HashMap<>();
    for (SalesOrderLine line : order.lines()) {
      if (line.code().isPresent() && line.warehouseId().isPresent()) {
        out.merge(StockKey.of(line.code().get(), Long.toString(line.warehouseId().getAsLong())),
            line.allocatedQuantity().orElse(BigDecimal.ZERO), BigDecimal::add);
      }
    }
    return out;
  }
}
