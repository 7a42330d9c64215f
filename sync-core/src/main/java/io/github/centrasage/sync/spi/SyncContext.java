package io.github.centrasage.sync.spi;

import io.github.centrasage.sync.Mappings;
import java.time.Clock;
import java.util.Optional;

/**
 * What every flow step can reach: the store, the mappings, the engine's clock and typed
 * attributes the host registered (such as the Centra and Sage clients), so the engine never needs
 * to know the clients' types.
 *
 * <p>Usage: {@code CentraClient centra = context.attribute(CentraClient.class);}
 */
public interface SyncContext {
  /** The state store (bindings, stock versions, cursors). */
  SyncStateStore store();

  /** The validated mappings. */
  Mappings mappings();

  /** The engine's clock. */
  Clock clock();

  /** An attribute the host registered for {@code type}, if any. */
  <T> Optional<T> findAttribute(Class<T> type);

  /**
   * An attribute the host registered for {@code type}.
   *
   * @throws IllegalStateException if none was registered
   */
  default <T> T attribute(Class<T> type) {
    return findAttribute(type).orElseThrow(() -> new IllegalStateException(
        "No " + type.getName() + " registered; add it when building the engine: SyncEngine.builder()."
            + builderCall(type)));
  }

  /** The builder call that registers {@code type}: {@code centra(client)}, {@code sage(client)} or {@code attribute(…)}. */
  private static String builderCall(Class<?> type) {
    switch (type.getName()) {
      case "io.github.centrasage.centra.CentraClient":
        return "centra(centraClient)";
      case "io.github.centrasage.sage200.Sage200Client":
        return "sage(sageClient)";
      default:
        return "attribute(" + type.getSimpleName() + ".class, value)";
    }
  }
}
