package io.github.centrasage.centra;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * The payment method of an order (the PSP plugin and its uri).
 *
 * <pre>{@code
 * String plugin = order.paymentMethod().flatMap(PaymentMethod::plugin).orElse("unknown");
 * }</pre>
 */
@Value.Immutable
public interface PaymentMethod {
  Optional<String> uri();

  Optional<String> plugin();
}
