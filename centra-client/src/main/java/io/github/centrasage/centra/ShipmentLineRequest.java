package io.github.centrasage.centra;

import org.immutables.value.Value;

/**
 * A quantity of one order line to ship (input of {@code createShipment}).
 *
 * <pre>{@code
 * ShipmentLineRequest.of(17635, 2)
 * }</pre>
 */
@Value.Immutable
public interface ShipmentLineRequest {
  long orderLineId();

  int quantity();

  static ShipmentLineRequest of(long orderLineId, int quantity) {
    return ImmutableShipmentLineRequest.builder().orderLineId(orderLineId).quantity(quantity).build();
  }

  @Value.Check
  default void check() {
    if (quantity() <= 0) {
      throw new IllegalArgumentException("ShipmentLineRequest.quantity must be positive, was " + quantity()
          + " for order line " + orderLineId());
    }
  }
}
