package io.github.centrasage.centra;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Input of {@code createReturn} against a shipment.
 *
 * <pre>{@code
 * CreateReturnRequest.builder().shipmentId(1338).addLines(ReturnLineRequest.of(2943, 2)).build()
 * }</pre>
 */
@Value.Immutable
public interface CreateReturnRequest {
  long shipmentId();

  List<ReturnLineRequest> lines();

  @Value.Default
  default ReturnStockAction stockAction() {
    return ReturnStockAction.RELEASE_BACK_TO_WAREHOUSE;
  }

  Optional<Money> shippingCost();

  Optional<String> comment();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  @Value.Check
  default void check() {
    if (lines().isEmpty()) {
      throw new IllegalArgumentException("CreateReturnRequest.lines must not be empty (shipment " + shipmentId() + ")");
    }
  }

  /** Builds a {@link CreateReturnRequest}; get one from {@link CreateReturnRequest#builder()}. */
  final class Builder extends ImmutableCreateReturnRequest.Builder {
    Builder() {}
  }
}
