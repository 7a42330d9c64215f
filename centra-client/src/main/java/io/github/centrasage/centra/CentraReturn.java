package io.github.centrasage.centra;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A return with its lines and (direct to consumer) the refund payment history.
 *
 * <pre>{@code
 * centra.returns().createdBetween(from, to).forEach(r -> System.out.println(r.id()));
 * }</pre>
 */
@Value.Immutable
public interface CentraReturn {
  long id();

  Optional<String> status();

  Optional<OffsetDateTime> createdAt();

  Optional<OrderRef> order();

  Optional<NamedRef> shipment();

  List<ReturnLine> lines();

  List<PaymentHistoryEntry> refundPaymentHistory();
}
