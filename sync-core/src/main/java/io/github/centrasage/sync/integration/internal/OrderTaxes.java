package io.github.centrasage.sync.integration.internal;

import io.github.centrasage.centra.Address;
import io.github.centrasage.centra.CodeRef;
import io.github.centrasage.centra.Money;
import io.github.centrasage.centra.Order;
import io.github.centrasage.centra.OrderTotals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * How a Centra order's prices carry VAT, shared by the flows that turn them into Sage documents
 * (OrderImport for the order, RefundImport for its credit notes) so both split gross and tax alike.
 */
public final class OrderTaxes {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private OrderTaxes() {}

  /** The order's shipping country (billing as fallback), which chooses the tax code. */
  public static Optional<String> country(Order order) {
    return order.shippingAddress().flatMap(Address::country).map(CodeRef::code)
        .or(() -> order.billingAddress().flatMap(Address::country).map(CodeRef::code));
  }

  /** Centra reports either tax-inclusive prices (taxIncluded) or net prices plus taxAdded. */
  public static boolean pricesIncludeTax(Order order) {
    return order.totals().flatMap(OrderTotals::taxAdded).map(Money::value).map(v -> v.signum() == 0).orElse(true);
  }

  /**
   * {@code amount} on the other basis: the gross of a net amount or the net of a gross one at
   * {@code taxPercent}, unrounded (10 decimals). CatalogPublish prices and OrderImport lines use
   * this one rule, so a price published as gross comes back from an order as the same net.
   */
  public static BigDecimal convert(BigDecimal amount, BigDecimal taxPercent, boolean fromGross) {
    if (fromGross) {
      return net(amount, taxPercent, true);
    }
    return amount.multiply(HUNDRED.add(taxPercent)).divide(HUNDRED, 10, RoundingMode.HALF_UP);
  }

  /** The net of {@code amount} at {@code taxPercent}, unrounded (10 decimals). */
  public static BigDecimal net(BigDecimal amount, BigDecimal taxPercent, boolean includesTax) {
    if (!includesTax) {
      return amount;
    }
    return amount.multiply(HUNDRED).divide(HUNDRED.add(taxPercent), 10, RoundingMode.HALF_UP);
  }
}
