package io.github.centrasage.sage200.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A contact of a customer account as Sage returns it, with its e-mail addresses (a new account's
 * contacts are {@link NewCustomerContact}).
 *
 * <p>Usage: {@code CustomerContact.builder()…build()}
 */
@Value.Immutable
public interface CustomerContact {
  /** JSON {@code id}. */
  OptionalLong id();

  /** JSON {@code customer_id}. */
  OptionalLong customerId();

  /** JSON {@code first_name}. */
  Optional<String> firstName();

  /** JSON {@code middle_name}. */
  Optional<String> middleName();

  /** JSON {@code last_name}. */
  Optional<String> lastName();

  /** JSON {@code name}: read-only, Sage builds it from the first, middle and last name. */
  Optional<String> name();

  /** JSON {@code is_default}: read-only. */
  Optional<Boolean> isDefault();

  /** JSON {@code default_email}. */
  Optional<String> defaultEmail();

  /** JSON {@code default_telephone}. */
  Optional<String> defaultTelephone();

  /** JSON {@code emails}. */
  List<CustomerEmail> emails();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link CustomerContact}; get one from {@link CustomerContact#builder()}. */
  final class Builder extends ImmutableCustomerContact.Builder {
    Builder() {}
  }
}
