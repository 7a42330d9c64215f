package io.github.centrasage.centra;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * A reference to an order: its hash id and number.
 *
 * <pre>{@code
 * long number = ret.order().flatMap(OrderRef::number).orElseThrow();
 * }</pre>
 */
@Value.Immutable
public interface OrderRef {
  String id();

  Optional<Long> number();
}
