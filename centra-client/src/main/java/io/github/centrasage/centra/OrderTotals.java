package io.github.centrasage.centra;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * Order-level totals: shipping, handling and the three tax figures.
 *
 * <pre>{@code
 * BigDecimal shipping = order.totals().flatMap(OrderTotals::shipping).map(Money::value).orElse(BigDecimal.ZERO);
 * }</pre>
 */
@Value.Immutable
public interface OrderTotals {
  Optional<Money> shipping();

  Optional<Money> handling();

  Optional<Money> taxAdded();

  Optional<Money> taxDeducted();

  Optional<Money> taxIncluded();
}
