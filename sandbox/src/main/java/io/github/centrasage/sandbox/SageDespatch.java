package io.github.centrasage.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A snapshot of one despatch confirmed in Sage (what {@code sop_order_despatch_views} lists).
 *
 * <pre>{@code sage.despatches().get(0).quantities().get("P00001-BLK-M")}</pre>
 */
public record SageDespatch(long id, String despatchNo, long orderId, String orderDocumentNo,
    String customerDocumentNo, Instant despatchDate, String consignmentNo, Map<String, BigDecimal> quantities) {
  /** Copies {@code quantities} so the snapshot stays immutable. */
  public SageDespatch {
    quantities = Map.copyOf(quantities);
  }
}
