package io.github.centrasage.centra;

import java.util.List;
import org.immutables.value.Value;

/**
 * What a successful mutation returned, plus the non-fatal {@code userWarnings} (also logged at WARN).
 *
 * <pre>{@code
 * CentraMutationResult<Shipment> created = centra.shipments().create(request);
 * long shipmentId = created.value().id();
 * }</pre>
 *
 * @param <T> the payload type
 */
@Value.Immutable
public interface CentraMutationResult<T> {
  T value();

  List<CentraUserMessage> warnings();
}
