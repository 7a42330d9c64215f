package io.github.centrasage.centra;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Input of {@code completeShipment}: marks a shipment as sent, with carrier, service and tracking.
 *
 * <pre>{@code
 * CompleteShipmentRequest.builder().shipmentId(345).carrier("DHL").service("Express").trackingNumber("JD01").build()
 * }</pre>
 */
@Value.Immutable
public interface CompleteShipmentRequest {
  long shipmentId();

  /** When it left the warehouse; Centra rejects future times. Empty means "now" on Centra's side. */
  Optional<OffsetDateTime> shippedAt();

  @Value.Default
  default boolean sendEmail() {
    return false;
  }

  Optional<String> carrier();

  Optional<String> service();

  Optional<String> trackingNumber();

  Optional<String> returnTrackingNumber();

  Optional<Integer> packagesNumber();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link CompleteShipmentRequest}; get one from {@link CompleteShipmentRequest#builder()}. */
  final class Builder extends ImmutableCompleteShipmentRequest.Builder {
    Builder() {}
  }
}
