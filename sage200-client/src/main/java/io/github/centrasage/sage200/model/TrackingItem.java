package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * Courier tracking for a despatch.
 *
 * <p>Usage: {@code TrackingItem.builder()…build()}
 */
@Value.Immutable
public interface TrackingItem {
  /** JSON {@code sop_order_return_id}. */
  OptionalLong sopOrderReturnId();

  /** JSON {@code courier_id}. */
  OptionalLong courierId();

  /** JSON {@code consignment_no}. */
  Optional<String> consignmentNo();

  /** JSON {@code pieces}. */
  OptionalLong pieces();

  /** JSON {@code weight}. */
  Optional<BigDecimal> weight();

  /** JSON {@code notes}. */
  Optional<String> notes();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link TrackingItem}; get one from {@link TrackingItem#builder()}. */
  final class Builder extends ImmutableTrackingItem.Builder {
    Builder() {}
  }
}
