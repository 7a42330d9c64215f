package io.github.centrasage.centra;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One entry of the GraphQL {@code errors[]} array: message, path and {@code extensions.category}.
 *
 * <pre>{@code
 * boolean denied = e.errors().stream().anyMatch(err -> err.category().equals(Optional.of("authorization")));
 * }</pre>
 */
@Value.Immutable
public interface CentraGraphQLError {
  String message();

  List<String> path();

  /** Centra's {@code extensions.category}, for example {@code authorization}. */
  Optional<String> category();
}
