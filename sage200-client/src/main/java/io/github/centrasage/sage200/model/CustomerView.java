package io.github.centrasage.sage200.model;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A row of {@code customer_views}: the fast, wide customer list that carries the default contact e-mail.
 *
 * <p>Usage: {@code CustomerView.builder()…build()}
 */
@Value.Immutable
public interface CustomerView {
  /** JSON {@code id}. */
  long id();

  /** JSON {@code reference}. */
  Optional<String> reference();

  /** JSON {@code name}. */
  Optional<String> name();

  /** JSON {@code contact_default_email_address}. */
  Optional<String> contactDefaultEmailAddress();

  /** JSON {@code currency_id}. */
  OptionalLong currencyId();

  /** JSON {@code on_hold}. */
  Optional<Boolean> accountIsOnHold();

  /** JSON {@code date_time_updated}. */
  Optional<OffsetDateTime> dateTimeUpdated();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link CustomerView}; get one from {@link CustomerView#builder()}. */
  final class Builder extends ImmutableCustomerView.Builder {
    Builder() {}
  }
}
