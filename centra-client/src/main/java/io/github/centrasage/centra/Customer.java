package io.github.centrasage.centra;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * The shopper of a direct-to-consumer order.
 *
 * <pre>{@code
 * Optional<String> email = order.customer().flatMap(Customer::email);
 * }</pre>
 */
@Value.Immutable
public interface Customer {
  long id();

  Optional<String> email();

  Optional<String> firstName();

  Optional<String> lastName();
}
