package io.github.centrasage.sync.catalog;

import io.github.centrasage.sync.spi.internal.SyncStyle;
import org.immutables.value.Value;

/**
 * A Sage product code cut into Centra's three SKU parts (product number, variant number, size
 * number) plus the size chart's size name, so a missing item can be created as product → variant →
 * size. Centra builds a size's SKU by joining the three numbers as they are.
 *
 * <p>Usage: {@code SkuParts.of("P00001", "-BLK", "-M", "M")}
 */
@Value.Immutable
@SyncStyle
public abstract class SkuParts {
  /** The product part ({@code productNumber}). */
  public abstract String productNumber();

  /** The variant part ({@code variantNumber}), separator included where there is one. */
  public abstract String variantNumber();

  /** The size part ({@code sizeNumber}), separator included where there is one. */
  public abstract String sizeNumber();

  /** The size of Centra's size chart the item is (such as {@code M}). */
  public abstract String sizeName();

  /** The SKU Centra builds from the parts. */
  public String sku() {
    return productNumber() + variantNumber() + sizeNumber();
  }

  @Value.Check
  protected void check() {
    if (productNumber().isBlank() || sizeName().isBlank()) {
      throw new IllegalArgumentException("SkuParts needs a product number and a size name, had '" + productNumber()
          + "' and '" + sizeName() + "'");
    }
  }

  /** The parts. */
  public static SkuParts of(String productNumber, String variantNumber, String sizeNumber, String sizeName) {
    return ImmutableSkuParts.builder().productNumber(productNumber).variantNumber(variantNumber).sizeNumber(sizeNumber)
        .sizeName(sizeName).build();
  }
}
