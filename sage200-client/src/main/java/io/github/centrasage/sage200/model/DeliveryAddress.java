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
public interface DeliveryAddress extends PostalAddress {
  /** JSON {@code postal_name}. */
  Optional<String> postalName();

  /** JSON {@code contact}. */
  Optional<String> contact();

  /** JSON {@code telephone}. */
  Optional<String> telephoneNumber();

  /** JSON {@code email_address}. */
  Optional<String> emailAddress();

  /** JSON {@code tax_code_id}. */
  OptionalLong taxCodeId();

  /** JSON {@code country_code_id}. */
  OptionalLong countryCodeId();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link DeliveryAddress}; get one from {@link DeliveryAddress#builder()}. */
  final class Builder extends ImmutableDeliveryAddress.Builder {
    Builder() {}
  }
}
