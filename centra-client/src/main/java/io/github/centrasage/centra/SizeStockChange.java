package io.github.centrasage.centra;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * A stock movement of one size of one variant, for {@code changeStock}; the quantity is positive,
 * the direction comes from the request's warehouses.
 *
 * <pre>{@code
 * SizeStockChange.ofSizeName(1445, "XL", 5)
 * }</pre>
 */
@Value.Immutable
public interface SizeStockChange {
  long variantId();

  Optional<Long> sizeId();

  Optional<String> sizeName();

  int deliveredQuantity();

  Optional<Money> unitCost();

  static SizeStockChange ofSizeId(long variantId, long sizeId, int deliveredQuantity) {
    return ImmutableSizeStockChange.builder().variantId(variantId).sizeId(sizeId).deliveredQuantity(deliveredQuantity).build();
  }

  static SizeStockChange ofSizeName(long variantId, String sizeName, int deliveredQuantity) {
    return ImmutableSizeStockChange.builder().variantId(variantId).sizeName(sizeName).deliveredQuantity(deliveredQuantity).build();
  }

  @Value.Check
  default void check() {
    SizeKeys.checkOneOf(sizeId(), sizeName(), "SizeStockChange of variant " + variantId());
    if (deliveredQuantity() <= 0) {
      throw new IllegalArgumentException("SizeStockChange.deliveredQuantity must be positive, was "
          + deliveredQuantity() + " for variant " + variantId() + " (the warehouses give the direction)");
    }
  }
}
