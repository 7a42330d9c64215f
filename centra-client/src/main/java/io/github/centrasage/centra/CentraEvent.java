package io.github.centrasage.centra;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One unconfirmed entry of Centra's event queue. Confirm it with {@code centra.events().confirm(…)}
 * once the work it triggers is durably recorded, also when it is ignored.
 *
 * <pre>{@code
 * List<CentraEvent> batch = centra.events().next(EventQuery.builder().addObjectTypes("Order").build());
 * }</pre>
 */
@Value.Immutable
public interface CentraEvent {
  long id();

  String objectType();

  EventChangeType changeType();

  /** Centra's reference of the object (for orders the order number). */
  Optional<String> objectReference();

  Optional<OffsetDateTime> createdAt();

  Optional<NamedRef> store();

  Optional<NamedRef> market();

  /** Empty when the object was deleted. */
  Optional<EventObject> object();
}
