package io.github.centrasage.centra;

import com.squareup.moshi.Json;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The object an event refers to, in its current state (not a snapshot): its GraphQL type name and ids.
 *
 * <pre>{@code
 * event.object().flatMap(EventObject::number).ifPresent(n -> importOrder(Long.parseLong(n)));
 * }</pre>
 */
@Value.Immutable
public interface EventObject {
  /** JSON name {@code __typename}, such as {@code DirectToConsumerOrder}. */
  @Json(name = "__typename")
  String typeName();

  Optional<String> id();

  Optional<String> number();
}
