package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A customer account as Sage returns it ({@code GET /customers}).
 *
 * <p>Usage: {@code Customer.builder()…build()}
 */
@Value.Immutable
public interface Customer extends CustomerAccountFields {
  /** JSON {@code id}. */
  long id();

  /** JSON {@code reference}. */
  String reference();

  /** JSON {@code name}. */
  Optional<String> name();

  /** JSON {@code on_hold}. */
  Optional<Boolean> onHold();

  /** JSON {@code account_status_type}. */
  Optional<String> accountStatusType();

  /** JSON {@code balance}. */
  Optional<BigDecimal> balance();

  /** JSON {@code date_time_created}. */
  Optional<OffsetDateTime> dateTimeCreated();

  /** JSON {@code date_time_updated}. */
  Optional<OffsetDateTime> dateTimeUpdated();

  /** JSON {@code main_address}. */
  Optional<Address> mainAddress();

  /** JSON {@code contacts}. */
  List<CustomerContact> contacts();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Customer}; get one from {@link Customer#builder()}. */
  final class Builder extends ImmutableCustomer.Builder {
    Builder() {}
  }
}
