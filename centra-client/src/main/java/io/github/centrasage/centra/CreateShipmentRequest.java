package io.github.centrasage.centra;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Input of {@code createShipment} for an order named by id or by number.
 *
 * <pre>{@code
 * CreateShipmentRequest.builder().orderNumber(39790L).addLines(ShipmentLineRequest.of(17635, 2)).build()
 * }</pre>
 */
@Value.Immutable
public interface CreateShipmentRequest {
  Optional<String> orderId();

  Optional<Long> orderNumber();

  List<ShipmentLineRequest> lines();

  @Value.Default
  default boolean isGoodToGo() {
    return true;
  }

  @Value.Default
  default boolean isPaid() {
    return false;
  }

  @Value.Default
  default boolean sendEmail() {
    return false;
  }

  /** Capture the payment when the shipment is created. */
  @Value.Default
  default boolean capture() {
    return false;
  }

  Optional<Boolean> allocateDemand();

  Optional<String> additionalMessage();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  @Value.Check
  default void check() {
    OrderKey.checkOneOf(orderId(), orderNumber(), "CreateShipmentRequest");
    if (lines().isEmpty()) {
      throw new IllegalArgumentException("CreateShipmentRequest.lines must not be empty");
    }
  }

  /** Builds a {@link CreateShipmentRequest}; get one from {@link CreateShipmentRequest#builder()}. */
  final class Builder extends ImmutableCreateShipmentRequest.Builder {
    Builder() {}
  }
}
