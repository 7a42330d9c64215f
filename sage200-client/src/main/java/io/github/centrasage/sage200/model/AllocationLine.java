package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import org.immutables.value.Value;

/**
 * One posted transaction and the value to allocate against it.
 *
 * <p>Usage: {@code AllocationLine.builder()…build()}
 */
@Value.Immutable
public interface AllocationLine {
  /** JSON {@code posted_tran_id}. */
  long postedTranId();

  /** JSON {@code value_to_allocate}. */
  BigDecimal valueToAllocate();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link AllocationLine}; get one from {@link AllocationLine#builder()}. */
  final class Builder extends ImmutableAllocationLine.Builder {
    Builder() {}
  }
}
