package io.github.centrasage.sage200.model;

import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * The delivery address written on a sales order.
 *
 * <p>Usage: {@code DeliveryAddress.builder()…build()}
 */
@Value.Immutable
public interface DeliveryAddress {
  /** JSON {@code postal_name}. */
  Optional<String> postalName();

  /** JSON {@code address_1}. */
  Optional<String> address1();

  /** JSON {@code address_2}. */
  Optional<String> address2();

  /** JSON {@code address_3}. */
  Optional<String> address3();

  /** JSON {@code address_4}. */
  Optional<String> address4();

  /** JSON {@code city}. */
  Optional<String> city();

  /** JSON {@code county}. */
  Optional<String> county();

  /** JSON {@code postcode}. */
  Optional<String> postcode();

  /** JSON {@code country}. */
  Optional<String> country();

  /** JSON {@code contact}. */
  Optional<String> contact();

  /** JSON {@code telephone}. */
  Optional<String> telephone();

  /** JSON {@code email_address}. */
  Optional<String> emailAddress();

  /** JSON {@code tax_code_id}. */
  OptionalLong taxCodeId();

  /** JSON {@code country_code_id}. */
  OptionalLong countryCodeId();

  static ImmutableDeliveryAddress.Builder builder() {
    return ImmutableDeliveryAddress.builder();
  }
}
