package io.github.centrasage.centra;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * Which voucher or campaign an applied discount came from.
 *
 * <pre>{@code
 * String code = applied.discount().flatMap(DiscountDetails::code).orElse("");
 * }</pre>
 */
@Value.Immutable
public interface DiscountDetails {
  Optional<String> name();

  Optional<String> code();

  Optional<String> type();
}
