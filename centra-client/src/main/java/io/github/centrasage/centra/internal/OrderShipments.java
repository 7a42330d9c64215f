package io.github.centrasage.centra.internal;

import io.github.centrasage.centra.Shipment;
import java.util.List;
import org.immutables.value.Value;

/** {@code order(id) { shipments }}. */
@Value.Immutable
public interface OrderShipments {
  String id();

  List<Shipment> shipments();
}
