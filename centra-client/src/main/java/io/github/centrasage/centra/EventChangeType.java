package io.github.centrasage.centra;

/**
 * What happened to an object in Centra's event queue. {@code UNRECOGNIZED} stands for a new value.
 *
 * <pre>{@code
 * EventSubscription.of("Return", EventChangeType.CREATED, EventChangeType.COMPLETED)
 * }</pre>
 */
public enum EventChangeType {
  CREATED,
  UPDATED,
  DELETED,
  COMPLETED,
  DEPENDENT_DATA_CHANGED,
  UNRECOGNIZED
}
