package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The customer account fields shared by what is read ({@link Customer}) and written
 * ({@link NewCustomer}).
 *
 * <p>Usage: {@code customer.currencyId().ifPresent(…)}
 */
public interface CustomerAccountFields {
  /** JSON {@code short_name} (at most 8 characters). */
  Optional<String> shortName();

  /** JSON {@code currency_id}; defaults to the base currency on create. */
  OptionalLong currencyId();

  /** JSON {@code default_tax_code_id}. */
  OptionalLong defaultTaxCodeId();

  /** JSON {@code vat_number}. */
  Optional<String> vatNumber();

  /** JSON {@code country_code_id}. */
  OptionalLong countryCodeId();

  /** JSON {@code credit_limit}, in the account's currency. */
  Optional<BigDecimal> creditLimit();

  /** JSON {@code price_band_id}. */
  OptionalLong priceBandId();
}
