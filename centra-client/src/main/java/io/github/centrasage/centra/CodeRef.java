package io.github.centrasage.centra;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * A country or currency, identified by its ISO code.
 *
 * <pre>{@code
 * String country = address.country().map(CodeRef::code).orElse("GB");
 * }</pre>
 */
@Value.Immutable
public interface CodeRef {
  String code();

  Optional<String> name();
}
