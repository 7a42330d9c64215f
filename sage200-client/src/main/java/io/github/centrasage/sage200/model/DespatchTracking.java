package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * Tracking fields to write on a despatch note ({@code PUT /sop_despatch_receipts/{id}}).
 *
 * <p>Usage: {@code DespatchTracking.builder()…build()}
 */
@Value.Immutable
public interface DespatchTracking {
  /** JSON {@code courier_id}. */
  OptionalLong courierId();

  /** JSON {@code consignment_no}. */
  Optional<String> consignmentNo();

  /** JSON {@code weight}. */
  Optional<BigDecimal> weight();

  /** JSON {@code pieces}. */
  OptionalLong pieces();

  /** JSON {@code notes}. */
  Optional<String> notes();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link DespatchTracking}; get one from {@link DespatchTracking#builder()}. */
  final class Builder extends ImmutableDespatchTracking.Builder {
    Builder() {}
  }
}
