package io.github.centrasage.centra;

import org.immutables.value.Value;

/**
 * A quantity of one shipment line to return (input of {@code createReturn}).
 *
 * <pre>{@code
 * ReturnLineRequest.of(2943, 2)
 * }</pre>
 */
@Value.Immutable
public interface ReturnLineRequest {
  long shipmentLineId();

  int quantity();

  static ReturnLineRequest of(long shipmentLineId, int quantity) {
    return ImmutableReturnLineRequest.builder().shipmentLineId(shipmentLineId).quantity(quantity).build();
  }

  @Value.Check
  default void check() {
    if (quantity() <= 0) {
      throw new IllegalArgumentException("ReturnLineRequest.quantity must be positive, was " + quantity()
          + " for shipment line " + shipmentLineId());
    }
  }
}
