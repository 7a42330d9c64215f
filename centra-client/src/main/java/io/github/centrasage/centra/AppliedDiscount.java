package io.github.centrasage.centra;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An order-level discount ({@code discountsApplied}).
 *
 * <pre>{@code
 * order.discountsApplied().forEach(d -> System.out.println(d.value().value()));
 * }</pre>
 */
@Value.Immutable
public interface AppliedDiscount {
  Money value();

  Optional<OffsetDateTime> date();

  Optional<DiscountDetails> discount();
}
