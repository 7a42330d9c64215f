package io.github.centrasage.centra;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * A pricelist: one currency, one store.
 *
 * <pre>{@code
 * centra.catalog().pricelists().forEach(p -> System.out.println(p.name() + " " + p.currency()));
 * }</pre>
 */
@Value.Immutable
public interface Pricelist {
  long id();

  Optional<String> name();

  Optional<String> status();

  Optional<CodeRef> currency();
}
