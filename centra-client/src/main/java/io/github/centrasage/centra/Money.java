package io.github.centrasage.centra;

import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An amount of money as Centra reports it ({@code MonetaryValue}): exact value plus ISO currency code.
 *
 * <pre>{@code
 * Money total = order.grandTotal(); BigDecimal gbp = total.value(); String code = total.currency();
 * }</pre>
 */
@Value.Immutable
public interface Money {
  /** The exact amount; never a binary floating point number. */
  BigDecimal value();

  /** ISO 4217 code such as {@code GBP}. */
  String currency();

  /** Centra's {@code conversionRate} (order currency to base currency, see docs/known-unknowns.md). */
  Optional<BigDecimal> conversionRate();

  /** Shorthand for an amount without conversion rate. */
  static Money of(BigDecimal value, String currency) {
    return ImmutableMoney.builder().value(value).currency(currency).build();
  }

  /** Shorthand for an amount written as text, such as {@code Money.of("12.50", "GBP")}. */
  static Money of(String value, String currency) {
    return of(new BigDecimal(value), currency);
  }
}
