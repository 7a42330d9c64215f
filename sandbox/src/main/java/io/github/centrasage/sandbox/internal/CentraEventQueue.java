package io.github.centrasage.sandbox.internal;

import static io.github.centrasage.sandbox.internal.Rows.object;
import static io.github.centrasage.sandbox.internal.Rows.objects;
import static io.github.centrasage.sandbox.internal.Rows.row;

import io.github.centrasage.sandbox.SandboxCatalog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The per-integration event queue: listeners, {@code events}, {@code confirmEvents}. */
abstract class CentraEventQueue extends CentraState {
  CentraEventQueue(String token, Clock clock, SandboxCatalog catalog, String ftaQuantityType) {
    super(token, clock, catalog, ftaQuantityType);
  }

  // ------------------------------------------------------------------ events

  Map<String, Object> setEventListeners(Object input) {
    for (Map<String, Object> l : objects(input, "input")) {
      String type = String.valueOf(l.get("objectType"));
      boolean fresh = !listeners.containsKey(type);
      Set<String> changes = listeners.computeIfAbsent(type, k -> new HashSet<>());
      Set<String> wanted = stringSet(l.get("changeTypes"));
      if (wanted.isEmpty()) {
        changes.clear(); // an empty set means every change type
      } else if (fresh || !changes.isEmpty()) {
        changes.addAll(wanted);
      }
    }
    return payload("eventListeners", eventListenersJson(), List.of(), List.of());
  }

  Map<String, Object> unsetEventListeners(Object input) {
    for (Map<String, Object> l : objects(input, "input")) {
      String type = String.valueOf(l.get("objectType"));
      listeners.remove(type);
      // Centra deletes queued events of the removed types.
      events.values().removeIf(e -> e.objectType.equals(type));
    }
    return payload("eventListeners", eventListenersJson(), List.of(), List.of());
  }

  List<Object> eventListenersJson() {
    List<Object> out = new ArrayList<>();
    listeners.forEach((type, changes) -> out.add(row("objectType", type, "changeTypes",
        changes.isEmpty() ? List.of("CREATED", "UPDATED", "DELETED", "COMPLETED", "DEPENDENT_DATA_CHANGED")
            : new ArrayList<>(changes))));
    return out;
  }

  void emit(String objectType, String changeType, Object subject) {
    Set<String> changes = listeners.get(objectType);
    if (changes == null || (!changes.isEmpty() && !changes.contains(changeType))) {
      return;
    }
    Event e = new Event();
    e.id = id();
    e.objectType = objectType;
    e.changeType = changeType;
    e.createdAt = clock.instant();
    e.subject = subject;
    e.objectReference = subject instanceof Order ? String.valueOf(((Order) subject).number)
        : subject instanceof Shipment ? String.valueOf(((Shipment) subject).id) : String.valueOf(((Return) subject).id);
    events.put(e.id, e);
  }

  List<Object> events(Map<String, Object> where, Map<String, Object> a) {
    Map<String, Object> w = where == null ? Map.of() : where;
    Set<String> types = stringSet(w.get("objectType"));
    Set<String> changes = stringSet(w.get("changeType"));
    int limit = a.get("limit") == null ? 20 : (int) Rows.toLong(a.get("limit"), "limit");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadRequest("Limit must be in range 1 - " + MAX_LIMIT);
    }
    List<Object> out = new ArrayList<>();
    for (Event e : events.values()) {
      if (out.size() >= limit) {
        break;
      }
      if ((types.isEmpty() || types.contains(e.objectType)) && (changes.isEmpty() || changes.contains(e.changeType))) {
        // object is the current state, not a snapshot from when the event fired (as in Centra).
        Object current = e.subject instanceof Order ? orderJson((Order) e.subject)
            : e.subject instanceof Shipment ? shipmentJson((Shipment) e.subject) : returnJson((Return) e.subject);
        out.add(row("id", e.id, "objectType", e.objectType, "changeType", e.changeType,
            "objectReference", e.objectReference, "createdAt", e.createdAt, "store", row("id", 1, "name", "Web"),
            "market", ((Map<?, ?>) current).get("market") != null ? ((Map<?, ?>) current).get("market")
                : marketOf(e.subject instanceof Shipment ? ((Shipment) e.subject).order : ((Return) e.subject).shipment.order),
            "object", current));
      }
    }
    return out;
  }

  Map<String, Object> confirmEvents(Map<String, Object> in) {
    Object ids = in.get("eventsIds");
    if (ids == null) {
      ids = in.get("eventIds");
    }
    List<Object> warnings = new ArrayList<>();
    for (String id : stringSet(ids)) {
      if (events.remove(Long.parseLong(id)) == null) {
        warnings.add(userError("Event " + id + " is not queued (already confirmed?)", "input", "eventsIds"));
      }
    }
    Map<String, Object> p = payload("confirmed", true, List.of(), warnings);
    return p;
  }

}
