package io.github.centrasage.centra;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * One line of a shipment; its id is what {@code createReturn} refers to.
 *
 * <pre>{@code
 * long lineId = shipment.lines().get(0).id();
 * }</pre>
 */
@Value.Immutable
public interface ShipmentLine {
  long id();

  int quantity();

  /** The order line this shipment line ships (its id; Centra gives no name). */
  Optional<NamedRef> orderLine();

  Optional<Money> lineValue();
}
