package io.github.centrasage.centra.internal;

import java.util.Optional;
import org.immutables.value.Value;

/** Relay {@code pageInfo}: whether another page follows and the cursor to ask from. */
@Value.Immutable
public interface RelayPageInfo {
  boolean hasNextPage();

  Optional<String> endCursor();
}
