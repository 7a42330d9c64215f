package io.github.centrasage.sage200.model;

import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A customer's main address.
 *
 * <p>Usage: {@code Address.builder()…build()}
 */
@Value.Immutable
public interface Address {
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

  /** JSON {@code contact_name}. */
  Optional<String> contactName();

  /** JSON {@code address_country_code_id}. */
  OptionalLong addressCountryCodeId();

  static ImmutableAddress.Builder builder() {
    return ImmutableAddress.builder();
  }
}
