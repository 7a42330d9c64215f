package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A despatch note ({@code sop_despatch_receipts}) with its tracking fields.
 *
 * <p>Usage: {@code DespatchReceipt.builder()…build()}
 */
@Value.Immutable
public interface DespatchReceipt {
  /** JSON {@code id}. */
  long id();

  /** JSON {@code despatch_no}. */
  Optional<String> despatchNo();

  /** JSON {@code despatch_date}. */
  Optional<OffsetDateTime> despatchDate();

  /** JSON {@code despatched_by}. */
  Optional<String> despatchedBy();

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

  /** Builds a {@link DespatchReceipt}; get one from {@link DespatchReceipt#builder()}. */
  final class Builder extends ImmutableDespatchReceipt.Builder {
    Builder() {}
  }
}
