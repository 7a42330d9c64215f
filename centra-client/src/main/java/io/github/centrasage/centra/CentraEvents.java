package io.github.centrasage.centra;

import io.github.centrasage.centra.internal.CentraOperations;
import io.github.centrasage.centra.internal.GraphQLTransport;
import io.github.centrasage.centra.internal.Variables;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Centra's event queue (per token integration name): subscribe, read the oldest unconfirmed
 * events, confirm them once the work is durably recorded.
 *
 * <pre>{@code
 * List<CentraEvent> events = centra.events().next(EventQuery.builder().addObjectTypes("Order").build());
 * enqueueDurably(events);
 * centra.events().confirm(events.stream().map(CentraEvent::id).toList());
 * }</pre>
 */
public final class CentraEvents {
  private final GraphQLTransport transport;

  CentraEvents(GraphQLTransport transport) {
    this.transport = transport;
  }

  /** {@code setEventListeners}: additive and idempotent. Returns Centra's warnings. */
  public List<CentraUserMessage> subscribe(List<EventSubscription> subscriptions) {
    if (subscriptions.isEmpty()) {
      throw new IllegalArgumentException("subscribe needs at least one EventSubscription");
    }
    List<Object> input = subscriptions.stream()
        .map(s -> Variables.of().put("objectType", s.objectType())
            .put("changeTypes", s.changeTypes().isEmpty() ? null : List.copyOf(s.changeTypes())).build())
        .collect(Collectors.toList());
    return transport.execute(CentraOperations.SET_EVENT_LISTENERS, Variables.of().put("input", input).build()).warnings();
  }

  /** The oldest unconfirmed events matching the query; the same events come back until confirmed. */
  public List<CentraEvent> next(EventQuery query) {
    Variables where = Variables.of()
        .put("objectType", query.objectTypes().isEmpty() ? null : List.copyOf(query.objectTypes()))
        .put("changeType", query.changeTypes().isEmpty() ? null : List.copyOf(query.changeTypes()));
    List<CentraEvent> events = transport.execute(CentraOperations.EVENTS,
        Variables.of().put("where", where).put("limit", query.limit()).build()).value();
    return events == null ? List.of() : events;
  }

  /** {@code confirmEvents}: removes the events from the queue (also ignored ones must be confirmed). */
  public List<CentraUserMessage> confirm(Collection<Long> eventIds) {
    if (eventIds.isEmpty()) {
      throw new IllegalArgumentException("confirm needs at least one event id");
    }
    return transport.execute(CentraOperations.CONFIRM_EVENTS,
        Variables.of().put("input", Variables.of().put("eventsIds", List.copyOf(eventIds))).build()).warnings();
  }
}
