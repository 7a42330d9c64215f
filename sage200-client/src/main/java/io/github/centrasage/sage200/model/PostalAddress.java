package io.github.centrasage.sage200.model;

import java.util.Optional;

/**
 * The address lines Sage uses in every address it stores (customer, delivery address).
 *
 * <p>Usage: {@code address.postcode().orElse("")}
 */
public interface PostalAddress {
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
}
