package io.github.centrasage.sage200.model;

import java.util.Optional;

/**
 * The address lines Sage uses in every address it stores (customer, delivery address), with the
 * country as text.
 *
 * <p>Usage: {@code address.postcode().orElse("")}
 */
public interface PostalAddress extends AddressLines {
  /** JSON {@code country}. */
  Optional<String> country();
}
