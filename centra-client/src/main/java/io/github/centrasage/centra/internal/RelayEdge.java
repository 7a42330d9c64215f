package io.github.centrasage.centra.internal;

import java.util.Optional;
import org.immutables.value.Value;

/** One edge of a Relay connection. */
@Value.Immutable
public interface RelayEdge<T> {
  Optional<String> cursor();

  T node();
}
