package io.github.centrasage.sage200.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An allocation of posted transactions against each other ({@code POST /sales_allocations}).
 *
 * <p>Usage: {@code SalesAllocation.builder()…build()}
 */
@Value.Immutable
public interface SalesAllocation {
  /** JSON {@code customer_id}. */
  long customerId();

  /** JSON {@code allocation_date}. */
  Optional<LocalDate> allocationDate();

  /** JSON {@code allocation_lines}. */
  List<AllocationLine> allocationLines();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  @Value.Check
  default void check() {
    SageModelChecks.notEmpty("SalesAllocation", "allocation_lines", allocationLines());
  }

  /** Builds a {@link SalesAllocation}; get one from {@link SalesAllocation#builder()}. */
  final class Builder extends ImmutableSalesAllocation.Builder {
    Builder() {}
  }
}
