package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A currency of the company.
 *
 * <p>Usage: {@code Currency.builder()…build()}
 */
@Value.Immutable
public interface Currency {
  /** JSON {@code id}. */
  long id();

  /** JSON {@code symbol}. */
  Optional<String> symbol();

  /** JSON {@code name}. */
  Optional<String> name();

  /** JSON {@code core_currency_rate}. */
  Optional<BigDecimal> coreCurrencyRate();

  /** JSON {@code is_base_currency}. */
  Optional<Boolean> isBaseCurrency();

  /** JSON {@code currency_iso_code_id}. */
  OptionalLong currencyIsoCodeId();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Currency}; get one from {@link Currency#builder()}. */
  final class Builder extends ImmutableCurrency.Builder {
    Builder() {}
  }
}
