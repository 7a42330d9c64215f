package io.github.centrasage.centra.internal;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** A Relay {@code *Connection} page: edges plus {@code pageInfo}. */
@Value.Immutable
public interface RelayConnection<T> {
  Optional<Long> totalCount();

  RelayPageInfo pageInfo();

  List<RelayEdge<T>> edges();
}
