package io.github.centrasage.sync.spi;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The identity map between Centra and Sage ids, per entity type, unique on both sides.
 *
 * <p>Usage: {@code store.bindingByCentraId("order", "1234").ifPresent(b -> skipCreate(b.sageId()));}
 */
public interface BindingStore {
  /**
   * Writes a binding, replacing the one of the same entity type and Centra id.
   *
   * @return the binding as stored (with {@code syncedAt} set)
   * @throws io.github.centrasage.sync.BindingConflictException if the Sage id is bound to another Centra id
   */
  Binding bind(Binding binding);

  /** The binding of a Centra id. */
  Optional<Binding> bindingByCentraId(String entityType, String centraId);

  /** The binding of a Sage id. */
  Optional<Binding> bindingBySageId(String entityType, String sageId);

  /** The bindings of many Centra ids at once, keyed by Centra id; ids without binding are absent. */
  Map<String, Binding> bindingsByCentraIds(String entityType, Collection<String> centraIds);

  /** Removes a binding; returns whether there was one. */
  boolean unbind(String entityType, String centraId);
}
