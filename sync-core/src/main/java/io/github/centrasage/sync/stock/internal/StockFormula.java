package io.github.centrasage.sync.stock.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The stock model: Centra's absolute physical level for a SKU in a warehouse is what Sage has
 * free, plus what Sage holds allocated for imported Centra orders (Centra subtracts its own open
 * orders itself, so adding them back keeps them from being counted twice), minus the safety buffer.
 */
public final class StockFormula {
  private StockFormula() {}

  /**
   * {@code max(0, floor(sageFree + allocatedToCentraOrders - buffer))}. Fractional Sage quantities
   * round down: publishing half a unit too many is an oversell, half a unit too few is not.
   */
  public static int centraPhysical(BigDecimal sageFree, BigDecimal allocatedToCentraOrders, long buffer) {
    BigDecimal level = sageFree.add(allocatedToCentraOrders).subtract(BigDecimal.valueOf(buffer))
        .setScale(0, RoundingMode.FLOOR);
    if (level.signum() <= 0) {
      return 0;
    }
    // Centra takes an Int; a level beyond it is a data error upstream, not a stock level
    return level.min(BigDecimal.valueOf(Integer.MAX_VALUE)).intValueExact();
  }

  /**
   * Why the terms give no level Centra can hold, if so: a level above Centra's Int is a data error
   * upstream (a mistyped receipt in Sage), and {@link #centraPhysical} would clamp it to an
   * enormous, wrong number.
   */
  public static Optional<String> implausible(BigDecimal sageFree, BigDecimal allocatedToCentraOrders, long buffer) {
    BigDecimal level = sageFree.add(allocatedToCentraOrders).subtract(BigDecimal.valueOf(buffer));
    if (level.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
      return Optional.of("Sage reports " + sageFree.toPlainString() + " free, more than Centra can hold ("
          + Integer.MAX_VALUE + ")");
    }
    return Optional.empty();
  }
}
