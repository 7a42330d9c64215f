package io.github.centrasage.centra;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One payment event of an order or a refund of a return. {@code entryType} (such as {@code CAPTURE},
 * {@code CAPTURE_REQUEST}, {@code CANCEL}) and {@code status} ({@code SUCCESS}, {@code PENDING},
 * {@code FAILED}) are kept as text because Centra's list of values is open.
 *
 * <pre>{@code
 * boolean captured = order.paymentHistory().stream().anyMatch(p -> p.entryType().equals("CAPTURE") && p.status().equals("SUCCESS"));
 * }</pre>
 */
@Value.Immutable
public interface PaymentHistoryEntry {
  String id();

  String entryType();

  String status();

  Optional<OffsetDateTime> createdAt();

  /** The PSP's transaction reference. */
  Optional<String> externalReference();

  Optional<String> paymentMethod();

  Optional<Money> value();
}
