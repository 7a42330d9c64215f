package io.github.centrasage.centra;

import java.util.List;
import org.immutables.value.Value;

/**
 * A {@code userErrors} or {@code userWarnings} entry of a mutation: message and path of the input field.
 *
 * <pre>{@code
 * result.warnings().forEach(w -> log.warn("{} at {}", w.message(), w.path()));
 * }</pre>
 */
@Value.Immutable
public interface CentraUserMessage {
  String message();

  List<String> path();
}
