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

  Optional<Money> lineValue();
}
