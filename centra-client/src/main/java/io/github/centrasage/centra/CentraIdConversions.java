package io.github.centrasage.centra;

import io.github.centrasage.centra.internal.CentraOperations;
import io.github.centrasage.centra.internal.GraphQLTransport;
import io.github.centrasage.centra.internal.Variables;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The integration's ID conversion table (Centra id ↔ your external id, per object type).
 *
 * <pre>{@code
 * centra.idConversions().set(List.of(IdConversion.of("Warehouse", 1, "SAGE-WH-01")));
 * }</pre>
 */
public final class CentraIdConversions {
  private final GraphQLTransport transport;

  CentraIdConversions(GraphQLTransport transport) {
    this.transport = transport;
  }

  /** {@code setIdConversions}: batch and idempotent, colliding entries are overwritten. Returns the warnings. */
  public List<CentraUserMessage> set(List<IdConversion> entries) {
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("set needs at least one IdConversion");
    }
    List<Object> input = entries.stream()
        .map(e -> Variables.of().put("objectType", e.objectType()).put("internalId", e.internalId())
            .put("externalId", e.externalId()).build())
        .collect(Collectors.toList());
    return transport.execute(CentraOperations.SET_ID_CONVERSIONS, Variables.of().put("input", input).build()).warnings();
  }

  /** The entries of one object type, optionally only the one with this external id ({@code null} for all). */
  public List<IdConversion> find(String objectType, String externalId) {
    Variables where = Variables.of().put("objectType", objectType)
        .put("externalId", externalId == null ? null : Map.of("equals", externalId));
    List<IdConversion> found = transport.execute(CentraOperations.ID_CONVERSIONS, Variables.of().put("where", where).build()).value();
    return found == null ? List.of() : found;
  }
}
