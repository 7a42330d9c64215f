package io.github.centrasage.sage200.model;

import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A row of {@code customer_emails}: one e-mail address and the contact it belongs to.
 *
 * <p>Usage: {@code CustomerEmail.builder()…build()}
 */
@Value.Immutable
public interface CustomerEmail {
  /** JSON {@code id}. */
  long id();

  /** JSON {@code email}. */
  String email();

  /** JSON {@code customer_contact_id}. */
  OptionalLong customerContactId();

  /** JSON {@code is_default}. */
  Optional<Boolean> isDefault();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link CustomerEmail}; get one from {@link CustomerEmail#builder()}. */
  final class Builder extends ImmutableCustomerEmail.Builder {
    Builder() {}
  }
}
