package io.github.centrasage.centra;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * The store an order belongs to, with its type (direct to consumer or wholesale).
 *
 * <pre>{@code
 * boolean b2b = order.store().flatMap(StoreRef::type).orElse(null) == StoreType.WHOLESALE;
 * }</pre>
 */
@Value.Immutable
public interface StoreRef {
  long id();

  Optional<String> name();

  Optional<StoreType> type();
}
