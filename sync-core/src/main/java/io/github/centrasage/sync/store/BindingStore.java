package io.github.centrasage.sync.store;

import java.util.Collection;
import java.util.List;
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
   * @throws io.github.centrasage.sync.store.BindingConflictException if the Sage id is bound to another Centra id
   */
  Binding bind(Binding binding);

  /** The binding of a Centra id. */
  Optional<Binding> bindingByCentraId(String entityType, String centraId);

  /** The binding of a Sage id. */
  Optional<Binding> bindingBySageId(String entityType, String sageId);

  /** The bindings of many Centra ids at once, keyed by Centra id; ids without binding are absent. */
  Map<String, Binding> bindingsByCentraIds(String entityType, Collection<String> centraIds);

  /**
   * Bindings of any entity type whose Centra id contains {@code text} (case-sensitive), ordered
   * by entity type and Centra id: every Sage record an order (or SKU) led to, without knowing
   * which flows wrote them.
   *
   * @throws IllegalArgumentException if {@code text} is blank or {@code limit} is not positive
   */
  List<Binding> searchBindings(String text, int limit);

  /**
   * The most recently synced bindings of one entity type, newest first, at most {@code limit}:
   * for flows that keep items needing attention as bindings (such as totals mismatches).
   *
   * @throws IllegalArgumentException if {@code limit} is not positive
   */
  List<Binding> recentBindings(String entityType, int limit);

  /**
   * How many bindings of one entity type there are: for a flow that binds each entity once, how many
   * entities it has finished ({@code "order"}: orders imported). The default reads them all; stores
   * override it with a count.
   */
  default long countBindings(String entityType) {
    return recentBindings(entityType, Integer.MAX_VALUE).size();
  }

  /** Removes a binding; returns whether there was one. */
  boolean unbind(String entityType, String centraId);
}
