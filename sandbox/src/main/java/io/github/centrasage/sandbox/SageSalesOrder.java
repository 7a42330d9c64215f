package io.github.centrasage.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one Sage SOP order as the sandbox holds it.
 *
 * <pre>{@code assertThat(sage.salesOrders()).extracting(SageSalesOrder::customerDocumentNo).containsOnlyOnce("100234");}</pre>
 */
public record SageSalesOrder(long id, String documentNo, String customerDocumentNo, String customerReference,
    String documentStatus, String despatchReceiptStatus, List<Line> lines, BigDecimal totalNetValue,
    BigDecimal totalTaxValue, BigDecimal totalGrossValue, Instant dateTimeCreated, Instant dateTimeUpdated) {

  /** Copies {@code lines} so the snapshot stays immutable. */
  public SageSalesOrder {
    lines = List.copyOf(lines);
  }

  /**
   * One order line; {@code sku} and {@code warehouse} are null on charge, free-text and comment lines.
   *
   * <pre>{@code order.lines().get(0).allocatedQuantity()}</pre>
   */
  public record Line(long id, String lineType, String sku, String warehouse, BigDecimal lineQuantity,
      BigDecimal allocatedQuantity, BigDecimal despatchedQuantity, BigDecimal sellingUnitPrice,
      BigDecimal lineTotalValue) {}
}
