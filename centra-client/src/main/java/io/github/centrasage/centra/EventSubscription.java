package io.github.centrasage.centra;

import java.util.Arrays;
import java.util.List;
import org.immutables.value.Value;

/**
 * One listener for {@code setEventListeners}: an object type (Centra's spelling, such as
 * {@code Order}, {@code Shipment}, {@code Return}) and optionally which change types; none means all.
 *
 * <pre>{@code
 * centra.events().subscribe(List.of(EventSubscription.of("Order"), EventSubscription.of("Return", EventChangeType.COMPLETED)));
 * }</pre>
 */
@Value.Immutable
public interface EventSubscription {
  String objectType();

  List<EventChangeType> changeTypes();

  static EventSubscription of(String objectType, EventChangeType... changeTypes) {
    return ImmutableEventSubscription.builder().objectType(objectType).changeTypes(Arrays.asList(changeTypes)).build();
  }

  @Value.Check
  default void check() {
    if (objectType().isBlank()) {
      throw new IllegalArgumentException("EventSubscription.objectType must not be blank");
    }
    if (changeTypes().contains(EventChangeType.UNRECOGNIZED)) {
      throw new IllegalArgumentException("EventSubscription.changeTypes must not contain UNRECOGNIZED");
    }
  }
}
