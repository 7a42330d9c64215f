package io.github.centrasage.sage200.model;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A price band.
 *
 * <p>Usage: {@code PriceBand.builder()…build()}
 */
@Value.Immutable
public interface PriceBand {
  /** JSON {@code id}. */
  long id();

  /** JSON {@code name}. */
  String name();

  /** JSON {@code description}. */
  Optional<String> description();

  /** JSON {@code is_standard_band}. */
  Optional<Boolean> isStandardBand();

  /** JSON {@code currency_id}. */
  OptionalLong currencyId();

  /** JSON {@code price_band_type}. */
  Optional<String> priceBandType();

  /** JSON {@code is_active}. */
  Optional<Boolean> isActive();

  /** JSON {@code is_time_based}. */
  Optional<Boolean> isTimeBased();

  /** JSON {@code active_date_time_from}. */
  Optional<OffsetDateTime> activeDateTimeFrom();

  /** JSON {@code active_date_time_to}. */
  Optional<OffsetDateTime> activeDateTimeTo();

  /** JSON {@code date_time_updated}. */
  Optional<OffsetDateTime> dateTimeUpdated();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link PriceBand}; get one from {@link PriceBand#builder()}. */
  final class Builder extends ImmutablePriceBand.Builder {
    Builder() {}
  }
}
