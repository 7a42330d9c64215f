package io.github.centrasage.sync.store;

import io.github.centrasage.sync.spi.internal.SyncStyle;
import java.math.BigDecimal;
import org.immutables.value.Value;

/**
 * A quantity of one SKU that Sage 200 holds allocated, in one Sage warehouse, for one imported
 * Centra order.
 *
 * <p>Usage: {@code Allocation.of("TEE-BLK-M", "1", new BigDecimal("2"))}
 */
@Value.Immutable
@SyncStyle
public abstract class Allocation {
  /** The SKU as both systems know it. */
  @Value.Parameter
  public abstract String sku();

  /** The Sage warehouse, as the mappings name it. */
  @Value.Parameter
  public abstract String warehouse();

  /** The quantity, never negative. */
  @Value.Parameter
  public abstract BigDecimal quantity();

  @Value.Check
  protected void check() {
    if (quantity().signum() < 0) {
      throw new IllegalArgumentException("allocation quantity must not be negative: " + quantity());
    }
  }

  /** An allocation. */
  public static Allocation of(String sku, String warehouse, BigDecimal quantity) {
    return ImmutableAllocation.of(sku, warehouse, quantity);
  }
}
