package io.github.centrasage.sync.order.internal;

import io.github.centrasage.centra.Money;
import io.github.centrasage.centra.Order;
import io.github.centrasage.centra.OrderLine;
import io.github.centrasage.centra.OrderTotals;
import io.github.centrasage.sync.order.OrderImportOptions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Values no real order has: negative or absurd quantities and amounts, the same line twice, money
 * in another currency than the order's, tax rates outside 0–100 %. Centra should never send them;
 * if it does (a bug, a hand-edited order, a hostile proxy) the order is refused with every such
 * problem named (an order dated outside the plausible years too), instead of quietly dropping a line or writing a Sage order nobody meant.
 */
final class OrderSanity {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private OrderSanity() {}

  /** Every implausible value of {@code order}; empty when there is none. */
  static List<String> problems(Order order, OrderImportOptions options) {
    List<String> problems = new ArrayList<>();
    String currency = order.currency();
    if (order.number() <= 0) {
      problems.add("order number " + order.number() + " is not positive");
    }
    if (order.lines().isEmpty()) {
      problems.add("order has no lines");
    }
    int year = order.orderDate().getYear();
    if (year < options.minOrderYear() || year > options.maxOrderYear()) {
      problems.add("order date " + order.orderDate() + " is outside the plausible years " + options.minOrderYear() + "–"
          + options.maxOrderYear() + " (OrderImportOptions.minOrderYear, maxOrderYear)");
    }
    Map<Long, Integer> timesSeen = new LinkedHashMap<>();
    for (OrderLine line : order.lines()) {
      timesSeen.merge(line.id(), 1, Integer::sum);
      String name = "line " + line.id() + line.sku().map(sku -> " (" + sku + ")").orElse("");
      if (line.quantity() < 0) {
        problems.add(name + " has a negative quantity (" + line.quantity() + ")");
      } else if (line.quantity() > options.maxLineQuantity()) {
        problems.add(name + " has quantity " + line.quantity() + ", above the plausible maximum of "
            + options.maxLineQuantity() + " (OrderImportOptions.maxLineQuantity)");
      }
      if (line.cancelledQuantity() < 0) {
        problems.add(name + " has a negative cancelled quantity (" + line.cancelledQuantity() + ")");
      }
      amount(problems, name + " unit price", line.unitPrice(), currency, options);
      line.unitOriginalPrice().ifPresent(p -> amount(problems, name + " original unit price", p, currency, options));
      if (line.taxPercent().signum() < 0 || line.taxPercent().compareTo(HUNDRED) > 0) {
        problems.add(name + " has a tax rate of " + line.taxPercent().toPlainString() + "%, outside 0–100%");
      }
    }
    timesSeen.forEach((id, n) -> {
      if (n > 1) {
        problems.add("line " + id + " appears " + n + " times in the order");
      }
    });
    amount(problems, "grand total", order.grandTotal(), currency, options);
    Optional<Money> shipping = order.totals().flatMap(OrderTotals::shipping);
    shipping.ifPresent(s -> amount(problems, "shipping", s, currency, options));
    return problems;
  }

  private static void amount(List<String> problems, String what, Money money, String currency,
      OrderImportOptions options) {
    BigDecimal value = money.value();
    String shown = value.toPlainString() + " " + money.currency();
    if (!money.currency().equals(currency)) {
      problems.add(what + " is in " + money.currency() + ", but the order is in " + currency);
    }
    if (value.signum() < 0) {
      problems.add(what + " is negative (" + shown + ")");
    } else if (value.compareTo(options.maxAmount()) > 0) {
      problems.add(what + " " + shown + " is above the plausible maximum of " + options.maxAmount().toPlainString()
          + " (OrderImportOptions.maxAmount)");
    }
  }
}
