package io.github.centrasage.centra;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A shipment of an order with its good-to-go / paid / shipped / captured flags and tracking.
 *
 * <pre>{@code
 * List<Shipment> shipments = centra.shipments().ofOrder("1497ccf644db871e1e4026d101bde6f3");
 * }</pre>
 */
@Value.Immutable
public interface Shipment {
  long id();

  /** Such as {@code "39790-1"}. */
  Optional<String> number();

  @Value.Default
  default boolean isGoodToGo() {
    return false;
  }

  @Value.Default
  default boolean isPaid() {
    return false;
  }

  @Value.Default
  default boolean isShipped() {
    return false;
  }

  @Value.Default
  default boolean isCaptured() {
    return false;
  }

  Optional<OffsetDateTime> createdAt();

  Optional<OffsetDateTime> shippedAt();

  Optional<OffsetDateTime> capturedAt();

  Optional<String> trackingNumber();

  Optional<String> returnTrackingNumber();

  Optional<CarrierInformation> carrierInformation();

  Optional<Integer> numberOfPackages();

  /** The free text given at creation ({@code additionalMessage}); integrations use it to tag where a shipment came from. */
  Optional<String> additionalMessage();

  List<ShipmentLine> lines();
}
