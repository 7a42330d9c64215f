package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A customer account as Sage returns it ({@code GET /customers}).
 *
 * <p>Usage: {@code Customer.builder()…build()}
 */
@Value.Immutable
public interface Customer {
  /** JSON {@code id}. */
  long id();

  /** JSON {@code reference}. */
  String reference();

  /** JSON {@code name}. */
  Optional<String> name();

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

  /** JSON {@code on_hold}. */
  Optional<Boolean> onHold();

  /** JSON {@code account_status_type}. */
  Optional<String> accountStatusType();

  /** JSON {@code price_band_id}. */
  OptionalLong priceBandId();

  /** JSON {@code balance}. */
  Optional<BigDecimal> balance();

  /** JSON {@code main_address}. */
  Optional<Address> mainAddress();

  /** JSON {@code contacts}. */
  List<CustomerContact> contacts();

  /** JSON {@code date_time_created}. */
  Optional<OffsetDateTime> dateTimeCreated();

  /** JSON {@code date_time_updated}. */
  Optional<OffsetDateTime> dateTimeUpdated();

  static ImmutableCustomer.Builder builder() {
    return ImmutableCustomer.builder();
  }
}
