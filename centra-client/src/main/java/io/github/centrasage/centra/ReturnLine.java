package io.github.centrasage.centra;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * One line of a return, pointing at the shipment line (and order line) it returns.
 *
 * <pre>{@code
 * long shipmentLineId = line.shipmentLine().map(NamedRef::id).orElseThrow();
 * }</pre>
 */
@Value.Immutable
public interface ReturnLine {
  long id();

  Optional<Integer> quantity();

  Optional<NamedRef> shipmentLine();

  Optional<NamedRef> orderLine();
}
