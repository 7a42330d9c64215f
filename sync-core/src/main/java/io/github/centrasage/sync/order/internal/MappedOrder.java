package io.github.centrasage.sync.order.internal;

import io.github.centrasage.sync.order.SalesOrderDraft;
import java.util.List;
import java.util.Optional;

/** The outcome of mapping one order: a draft, or every problem found. */
public record MappedOrder(Optional<SalesOrderDraft> draft, List<String> problems) {
  static MappedOrder of(SalesOrderDraft draft) {
    return new MappedOrder(Optional.of(draft), List.of());
  }

  static MappedOrder problems(List<String> problems) {
    return new MappedOrder(Optional.empty(), List.copyOf(problems));
  }
}
