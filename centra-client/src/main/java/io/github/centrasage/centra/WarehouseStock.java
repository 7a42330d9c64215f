package io.github.centrasage.centra;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * Stock of one size in one warehouse, with the free-to-allocate quantity (FTA), which Centra
 * recommends over the costlier quantities.
 *
 * <pre>{@code
 * centra.stock().warehouseStock(1).forEach(s -> System.out.println(s.productSize().sku() + " " + s.freeToAllocateQuantity()));
 * }</pre>
 */
@Value.Immutable
public interface WarehouseStock {
  NamedRef productVariant();

  ProductSizeRef productSize();

  int freeToAllocateQuantity();

  /**
   * The physical quantity, if Centra sent it. Open Centra orders lower only the free-to-allocate
   * quantity, so a stock reconciliation compares this one with the level it would set to tell drift
   * from orders not yet passed on.
   */
  Optional<Integer> physicalQuantity();
}
