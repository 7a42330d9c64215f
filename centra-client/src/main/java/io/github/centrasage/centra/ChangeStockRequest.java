package io.github.centrasage.centra;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Input of {@code changeStock} (a stock change, formerly "warehouse delivery"): into a warehouse
 * adds, out from a warehouse removes, both together move stock.
 *
 * <pre>{@code
 * centra.stock().change(ChangeStockRequest.builder().intoWarehouseId(1).addChanges(SizeStockChange.ofSizeId(1445, 3, 5)).build());
 * }</pre>
 */
@Value.Immutable
public interface ChangeStockRequest {
  Optional<Long> intoWarehouseId();

  Optional<Long> outFromWarehouseId();

  /** Centra requires a description (String!); without one the client sends "centra-sage200 stock write". */
  Optional<String> description();

  List<SizeStockChange> changes();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  @Value.Check
  default void check() {
    if (intoWarehouseId().isEmpty() && outFromWarehouseId().isEmpty()) {
      throw new IllegalArgumentException("ChangeStockRequest needs intoWarehouseId, outFromWarehouseId or both");
    }
    if (changes().isEmpty()) {
      throw new IllegalArgumentException("ChangeStockRequest.changes must not be empty");
    }
  }

  /** Builds a {@link ChangeStockRequest}; get one from {@link ChangeStockRequest#builder()}. */
  final class Builder extends ImmutableChangeStockRequest.Builder {
    Builder() {}
  }
}
