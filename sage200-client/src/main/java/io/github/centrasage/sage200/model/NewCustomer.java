package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A customer account to create ({@code POST /customers}); {@code reference} is at most 8 characters and may be left out where Sage generates references.
 *
 * <p>Usage: {@code NewCustomer.builder()…build()}
 */
@Value.Immutable
public interface NewCustomer {
  /** JSON {@code reference}. */
  Optional<String> reference();

  /** JSON {@code name}. */
  String name();

  /** JSON {@code short_name}. */
  Optional<String> shortName();

  /** JSON {@code currency_id}. */
  OptionalLong currencyId();

  /** JSON {@code default_tax_code_id}. */
  OptionalLong defaultTaxCodeId();

  /** JSON {@code vat_number}. */
  Optional<String> vatNumber();

  /** JSON {@code country_code_id}. */
  OptionalLong countryCodeId();

  /** JSON {@code credit_limit}. */
  Optional<BigDecimal> creditLimit();

  /** JSON {@code price_band_id}. */
  OptionalLong priceBandId();

  /** JSON {@code payment_terms_basis}. */
  Optional<String> paymentTermsBasis();

  /** JSON {@code payment_terms_days}. */
  OptionalLong paymentTermsDays();

  /** JSON {@code analysis_code_1}. */
  Optional<String> analysisCode1();

  /** JSON {@code analysis_code_2}. */
  Optional<String> analysisCode2();

  /** JSON {@code analysis_code_3}. */
  Optional<String> analysisCode3();

  /** JSON {@code main_address}. */
  Optional<Address> mainAddress();

  /** JSON {@code contacts}. */
  List<CustomerContact> contacts();

  static ImmutableNewCustomer.Builder builder() {
    return ImmutableNewCustomer.builder();
  }

  @Value.Check
  default void check() {
    reference().ifPresent(v -> SageModelChecks.maxLength("NewCustomer", "reference", v, 8));
    SageModelChecks.maxLength("NewCustomer", "name", name(), 60);
    shortName().ifPresent(v -> SageModelChecks.maxLength("NewCustomer", "short_name", v, 8));
  }
}
