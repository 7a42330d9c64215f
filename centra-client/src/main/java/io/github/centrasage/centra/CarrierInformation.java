package io.github.centrasage.centra;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * Carrier and service of a completed shipment.
 *
 * <pre>{@code
 * String carrier = shipment.carrierInformation().flatMap(CarrierInformation::carrierName).orElse("");
 * }</pre>
 */
@Value.Immutable
public interface CarrierInformation {
  Optional<String> carrierName();

  Optional<String> serviceName();
}
