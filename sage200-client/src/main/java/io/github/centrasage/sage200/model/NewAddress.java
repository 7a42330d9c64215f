package io.github.centrasage.sage200.model;

import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * The main address of a new customer account ({@code customer.main_address} in a request). Sage's
 * contract marks the address's {@code country} and {@code contact_name} read-only, so they cannot be
 * sent: the country comes from {@code address_country_code_id}, the contact name from the contacts.
 *
 * <p>Usage: {@code NewAddress.builder().address1("1 High St").city("Leeds").postcode("LS1 1AA").build()}
 */
@Value.Immutable
public interface NewAddress extends AddressLines {
  /** JSON {@code address_country_code_id}. */
  OptionalLong addressCountryCodeId();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link NewAddress}; get one from {@link NewAddress#builder()}. */
  final class Builder extends ImmutableNewAddress.Builder {
    Builder() {}
  }
}
