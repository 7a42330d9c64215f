package io.github.centrasage.centra;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Input of {@code setStock}: absolute levels for many variants and sizes of one warehouse, sent as one
 * mutation (mutations are the scarcest rate-limit budget).
 *
 * <pre>{@code
 * centra.stock().set(SetStockRequest.builder().warehouseId(1).addLevels(SizeStockLevel.ofSizeName(1445, "XL", 10)).build());
 * }</pre>
 */
@Value.Immutable
public interface SetStockRequest {
  long warehouseId();

  /** Centra requires a description (String!); without one the client sends "centra-sage200 stock write". */
  Optional<String> description();

  @Value.Default
  default StockQuantityType quantityType() {
    return StockQuantityType.PHYSICAL;
  }

  List<SizeStockLevel> levels();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  @Value.Check
  default void check() {
    if (levels().isEmpty()) {
      throw new IllegalArgumentException("SetStockRequest.levels must not be empty (warehouse " + warehouseId() + ")");
    }
  }

  /** Builds a {@link SetStockRequest}; get one from {@link SetStockRequest#builder()}. */
  final class Builder extends ImmutableSetStockRequest.Builder {
    Builder() {}
  }
}
