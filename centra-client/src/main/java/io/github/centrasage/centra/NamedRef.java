package io.github.centrasage.centra;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * A reference to a Centra object by numeric id, with its name when Centra returns one (market, pricelist, product…).
 *
 * <pre>{@code
 * long marketId = order.market().map(NamedRef::id).orElseThrow();
 * }</pre>
 */
@Value.Immutable
public interface NamedRef {
  long id();

  Optional<String> name();
}
