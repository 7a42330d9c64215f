package io.github.centrasage.centra;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * A price of a product (or a variant override) in a pricelist.
 *
 * <pre>{@code
 * centra.catalog().prices(23).forEach(p -> System.out.println(p.price().value()));
 * }</pre>
 */
@Value.Immutable
public interface Price {
  Optional<NamedRef> pricelist();

  Optional<NamedRef> product();

  Optional<NamedRef> productVariant();

  Money price();
}
