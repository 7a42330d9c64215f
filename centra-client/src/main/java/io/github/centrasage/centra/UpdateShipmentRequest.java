package io.github.centrasage.centra;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * Input of {@code updateShipment}, for example marking a shipment paid when the PSP captured elsewhere.
 *
 * <pre>{@code
 * UpdateShipmentRequest.builder().shipmentId(345).isPaid(true).build()
 * }</pre>
 */
@Value.Immutable
public interface UpdateShipmentRequest {
  long shipmentId();

  Optional<Boolean> isPaid();

  Optional<Boolean> isGoodToGo();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  @Value.Check
  default void check() {
    if (isPaid().isEmpty() && isGoodToGo().isEmpty()) {
      throw new IllegalArgumentException("UpdateShipmentRequest for shipment " + shipmentId() + " changes nothing");
    }
  }

  /** Builds a {@link UpdateShipmentRequest}; get one from {@link UpdateShipmentRequest#builder()}. */
  final class Builder extends ImmutableUpdateShipmentRequest.Builder {
    Builder() {}
  }
}
