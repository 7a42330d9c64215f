package io.github.centrasage.centra;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * An absolute stock level for one size of one variant, for {@code setStock}. The size is named
 * either by id or by name (such as {@code "XL"}), never both.
 *
 * <pre>{@code
 * SizeStockLevel.ofSizeId(1445, 3, 10)
 * }</pre>
 */
@Value.Immutable
public interface SizeStockLevel {
  long variantId();

  Optional<Long> sizeId();

  Optional<String> sizeName();

  int quantity();

  static SizeStockLevel ofSizeId(long variantId, long sizeId, int quantity) {
    return ImmutableSizeStockLevel.builder().variantId(variantId).sizeId(sizeId).quantity(quantity).build();
  }

  static SizeStockLevel ofSizeName(long variantId, String sizeName, int quantity) {
    return ImmutableSizeStockLevel.builder().variantId(variantId).sizeName(sizeName).quantity(quantity).build();
  }

  @Value.Check
  default void check() {
    SizeKeys.checkOneOf(sizeId(), sizeName(), "SizeStockLevel of variant " + variantId());
    if (quantity() < 0) {
      throw new IllegalArgumentException(
          "SizeStockLevel.quantity must not be negative, was " + quantity() + " for variant " + variantId());
    }
  }
}
