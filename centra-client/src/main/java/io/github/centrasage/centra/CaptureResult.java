package io.github.centrasage.centra;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@code captureShipment} returned. Some PSPs capture asynchronously: expect a
 * {@code PENDING}/{@code CAPTURE_REQUEST} entry and the final state later.
 *
 * <pre>{@code
 * String status = centra.shipments().capture(345).value().paymentHistoryEntry().map(PaymentHistoryEntry::status).orElse("?");
 * }</pre>
 */
@Value.Immutable
public interface CaptureResult {
  Optional<Shipment> shipment();

  Optional<PaymentHistoryEntry> paymentHistoryEntry();
}
