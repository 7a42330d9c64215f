package io.github.centrasage.centra;

import java.time.OffsetDateTime;
import org.immutables.value.Value;

/**
 * An order as {@link CentraOrders#listSummaries} lists it: enough to find it and to move a polling
 * cursor, without lines, addresses or money. Read the whole order by {@link #number()}.
 *
 * <pre>{@code
 * Order order = centra.orders().byNumber(summary.number()).orElseThrow();
 * }</pre>
 */
@Value.Immutable
public interface OrderSummary {
  /** Centra's hash id. */
  String id();

  long number();

  /** The status; {@link OrderStatus#UNRECOGNIZED} for a value added after this library. */
  OrderStatus status();

  OffsetDateTime orderDate();
}
