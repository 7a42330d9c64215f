package io.github.centrasage.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one Centra order.
 *
 * <pre>{@code CentraOrder order = centra.placeOrder("GBP", Map.of("P00001-BLK-M", 2));}</pre>
 */
public record CentraOrder(String id, int number, String status, String currency, Instant orderDate,
    List<Line> lines, BigDecimal shippingValue, BigDecimal grandTotal) {
  /** Copies {@code lines} so the snapshot stays immutable. */
  public CentraOrder {
    lines = List.copyOf(lines);
  }

  /**
   * One order line, with its unit price including tax.
   *
   * <pre>{@code order.lines().get(0).sku()}</pre>
   */
  public record Line(long id, String sku, int quantity, BigDecimal unitPrice, BigDecimal taxPercent,
      BigDecimal lineValue) {}
}
