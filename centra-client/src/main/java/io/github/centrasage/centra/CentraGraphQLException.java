package io.github.centrasage.centra;

import java.util.List;

/**
 * The response carried top-level GraphQL {@code errors[]} (a malformed query, a missing
 * permission such as {@code "You need Order:read permission…"}, an unknown field).
 *
 * <pre>{@code
 * catch (CentraGraphQLException e) { e.errors().forEach(err -> log.error("{} at {}", err.message(), err.path())); }
 * }</pre>
 */
public class CentraGraphQLException extends CentraException {
  private static final long serialVersionUID = 1L;

  private final List<CentraGraphQLError> errors;

  public CentraGraphQLException(String message, String operationName, boolean mutation, List<CentraGraphQLError> errors) {
    super(message, operationName, mutation, null);
    this.errors = List.copyOf(errors);
  }

  /** Every error Centra reported, in order. */
  public List<CentraGraphQLError> errors() {
    return errors;
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
