package io.github.centrasage.sandbox;

import java.time.Instant;
import java.util.Map;

/**
 * A snapshot of one Centra shipment; {@code quantities} maps SKU to quantity.
 *
 * <pre>{@code assertThat(centra.shipments(order.number())).singleElement().extracting(CentraShipment::isShipped).isEqualTo(true);}</pre>
 */
public record CentraShipment(long id, String number, int orderNumber, boolean isGoodToGo, boolean isPaid,
    boolean isShipped, boolean isCaptured, String trackingNumber, String carrier, Instant shippedAt,
    Map<String, Integer> quantities) {
  /** Copies {@code quantities} so the snapshot stays immutable. */
  public CentraShipment {
    quantities = Map.copyOf(quantities);
  }
}
