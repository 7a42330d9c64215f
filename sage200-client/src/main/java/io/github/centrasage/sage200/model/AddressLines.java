package io.github.centrasage.sage200.model;

import java.util.Optional;

/**
 * The address lines of every address Sage stores, without the country (which Sage sends as text on
 * a delivery address and accepts only as {@code address_country_code_id} on a customer's address).
 *
 * <p>Usage: {@code address.postcode().orElse("")}
 */
public interface AddressLines {
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
}
