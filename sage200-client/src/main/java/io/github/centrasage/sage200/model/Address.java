package io.github.centrasage.sage200.model;

import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A customer's main address as Sage returns it ({@code contact_name} and {@code country} are
 * read-only: a new account's address is {@link NewAddress}).
 *
 * <p>Usage: {@code Address.builder()…build()}
 */
@Value.Immutable
public interface Address extends PostalAddress {
  /** JSON {@code contact_name}. */
  Optional<String> contactName();

  /** JSON {@code address_country_code_id}. */
  OptionalLong addressCountryCodeId();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Address}; get one from {@link Address#builder()}. */
  final class Builder extends ImmutableAddress.Builder {
    Builder() {}
  }
}
