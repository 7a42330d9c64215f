package io.github.centrasage.sync.finance.internal;

import io.github.centrasage.centra.CentraReturn;
import io.github.centrasage.centra.NamedRef;
import io.github.centrasage.centra.Order;
import io.github.centrasage.centra.OrderLine;
import io.github.centrasage.centra.ReturnLine;
import io.github.centrasage.sage200.model.NewSalesReturn;
import io.github.centrasage.sage200.model.NewSalesReturnLine;
import io.github.centrasage.sage200.model.SalesOrder;
import io.github.centrasage.sage200.model.SalesOrderLine;
import io.github.centrasage.sync.finance.RefundImportOptions;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The SOP return for a refunded Centra return: one stock line per returned line, with the product,
 * warehouse, unit price and tax code of the Sage order line it was sold on (found by SKU on the
 * order the {@code order} binding names), so the goods go back where they left. The money follows
 * the refund, not the price list: where the credit plan's gross of a tax code differs from what
 * the stock lines come to (refunded shipping, an amount kept back, rounding), one free-text line
 * per tax code carries the difference. Sage computes each line's tax from its net (rounded to
 * pence, as the sandbox does; an assumption for real sites), so the line's net is chosen to make
 * net plus tax meet the refund; where no net in pence does, the return is a penny off and says so.
 */
public final class SopReturnDraft {
  /** A difference this small is line rounding, not a refunded charge or an amount kept back. */
  private static final BigDecimal ROUNDING = new BigDecimal("0.02");

  private final NewSalesReturn draft;
  private final List<String> problems;

  private SopReturnDraft(NewSalesReturn draft, List<String> problems) {
    this.draft = draft;
    this.problems = problems;
  }

  /** Tax on a line net, rounded to pence per line. */
  static BigDecimal tax(BigDecimal net, BigDecimal rate) {
    return net.multiply(rate).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
  }

  /**
   * The net in pence whose net plus line tax is {@code gross}; when rounding skips that gross (at
   * 20 % one penny of net can add two pence of gross), the nearest.
   */
  static BigDecimal netFor(BigDecimal gross, BigDecimal rate) {
    BigDecimal estimate = gross.multiply(BigDecimal.valueOf(100))
        .divide(BigDecimal.valueOf(100).add(rate), 2, RoundingMode.HALF_UP);
    BigDecimal best = estimate;
    BigDecimal bestMiss = null;
    for (int pence = -2; pence <= 2; pence++) {
      BigDecimal net = estimate.add(BigDecimal.valueOf(pence, 2));
      BigDecimal miss = net.add(tax(net, rate)).subtract(gross).abs();
      if (bestMiss == null || miss.compareTo(bestMiss) < 0) {
        best = net;
        bestMiss = miss;
      }
    }
    return best;
  }

  /** The return to create; only when {@link #problems()} is empty. */
  public NewSalesReturn draft() {
    if (!problems.isEmpty()) {
      throw new IllegalStateException("no SOP return draft: " + problems);
    }
    return draft;
  }

  /** Everything that stops the return, all at once. */
  public List<String> problems() {
    return problems;
  }

  public static SopReturnDraft of(CentraReturn ret, Order order, SalesOrder sageOrder, CreditNotePlan plan,
      RefundImportOptions options, LocalDate date) {
    List<String> problems = new ArrayList<>();
    Map<Long, OrderLine> centraLines = new LinkedHashMap<>();
    order.lines().forEach(l -> centraLines.put(l.id(), l));
    Map<String, SalesOrderLine> sageLines = new LinkedHashMap<>();
    for (SalesOrderLine line : sageOrder.lines()) {
      if (line.productId().isPresent() && line.code().isPresent()) {
        // Sage compares product codes case-insensitively, as it does document numbers.
        sageLines.putIfAbsent(line.code().get().toUpperCase(Locale.ROOT), line);
      }
    }
    List<NewSalesReturnLine> lines = new ArrayList<>();
    Map<Long, BigDecimal> rates = new LinkedHashMap<>();
    plan.parts().forEach(p -> rates.put(p.taxCodeId(), p.rate()));
    Map<Long, BigDecimal> stockGross = new LinkedHashMap<>();
    for (ReturnLine line : ret.lines()) {
      Optional<OrderLine> centraLine = line.orderLine().map(NamedRef::id).map(centraLines::get);
      Optional<String> sku = centraLine.flatMap(OrderLine::sku);
      if (sku.isEmpty()) {
        problems.add("return line " + line.id() + " names no SKU of order " + order.number());
        continue;
      }
      SalesOrderLine sold = sageLines.get(sku.get().toUpperCase(Locale.ROOT));
      if (sold == null) {
        problems.add("SKU " + sku.get() + " of return line " + line.id() + " is not on Sage order "
            + sageOrder.documentNo().orElse(Long.toString(sageOrder.id())));
        continue;
      }
      if (sold.taxCodeId().isEmpty() || sold.warehouseId().isEmpty()) {
        problems.add("Sage order line for " + sku.get() + " has no tax code or warehouse");
        continue;
      }
      BigDecimal rate = rates.get(sold.taxCodeId().getAsLong());
      if (rate == null) {
        problems.add("Sage order line for " + sku.get() + " has tax code id " + sold.taxCodeId().getAsLong()
            + ", but the refund maps its VAT rate to tax code(s) " + rates.keySet());
        continue;
      }
      BigDecimal quantity = BigDecimal.valueOf(line.quantity().orElse(0));
      if (quantity.signum() <= 0) {
        continue;
      }
      BigDecimal price = sold.sellingUnitPrice().orElse(BigDecimal.ZERO);
      BigDecimal discount = sold.unitDiscountPercent().orElse(BigDecimal.ZERO);
      lines.add(NewSalesReturnLine.standard(sold.productId().getAsLong(), sold.warehouseId().getAsLong(), quantity)
          .sellingUnitPrice(price.multiply(BigDecimal.valueOf(100).subtract(discount))
              .divide(BigDecimal.valueOf(100), 5, RoundingMode.HALF_UP).stripTrailingZeros())
          .taxCodeId(sold.taxCodeId().getAsLong()).build());
      // Sage rounds each line's net to pence, so the difference is taken against the rounded value.
      BigDecimal net = quantity.multiply(price).multiply(BigDecimal.valueOf(100).subtract(discount))
          .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
      stockGross.merge(sold.taxCodeId().getAsLong(), net.add(tax(net, rate)), BigDecimal::add);
    }
    if (!problems.isEmpty() || lines.isEmpty()) {
      if (problems.isEmpty()) {
        problems.add("return " + ret.id() + " has no returned quantity for a SOP return");
      }
      return new SopReturnDraft(null, problems);
    }
    for (Map.Entry<Long, BigDecimal> target : plan.grossByTaxCode().entrySet()) {
      BigDecimal difference = target.getValue().subtract(stockGross.getOrDefault(target.getKey(), BigDecimal.ZERO));
      if (difference.signum() == 0) {
        continue;
      }
      boolean more = difference.signum() > 0;
      String nominal = more ? options.shippingNominal().orElse(options.goodsNominal()) : options.goodsNominal();
      String description = difference.abs().compareTo(ROUNDING) <= 0 ? "Rounding to the refunded amount"
          : more ? "Refunded shipping and handling" : "Amount kept back from the refund";
      lines.add(NewSalesReturnLine.freeText(description,
          BigDecimal.ONE, netFor(difference, rates.get(target.getKey()))).taxCodeId(target.getKey())
          .nominalReference(nominal).build());
    }
    return new SopReturnDraft(NewSalesReturn.builder().customerId(sageOrder.customerId()).documentDate(date)
        .lines(lines).build(), problems);
  }
}
