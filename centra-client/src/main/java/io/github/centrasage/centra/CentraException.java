package io.github.centrasage.centra;

import io.github.centrasage.http.ClientFailure;
import java.util.Optional;

/**
 * Root of every failure raised by {@link CentraClient}; unchecked. It says what to do next through
 * the {@link ClientFailure} contract it shares with the Sage 200 client's exceptions.
 *
 * <p>Callers classify a failure with {@link #isRetryable()} and, for mutations,
 * {@link #requiresLookupBeforeRetry()}:
 * <pre>{@code
 * catch (CentraException e) { if (e.requiresLookupBeforeRetry()) lookUpFirst(); else if (e.isRetryable()) retryLater(); }
 * }</pre>
 */
public abstract class CentraException extends RuntimeException implements ClientFailure {
  private static final long serialVersionUID = 1L;

  private final String operationName;
  private final boolean mutation;

  protected CentraException(String message, String operationName, boolean mutation, Throwable cause) {
    super(message, cause);
    this.operationName = operationName;
    this.mutation = mutation;
  }

  /** The GraphQL operation that failed, when the failure belongs to one. */
  public Optional<String> operationName() {
    return Optional.ofNullable(operationName);
  }

  /** Whether the failed operation was a mutation (a write). */
  @Override
  public boolean isWrite() {
    return mutation;
  }

  /** Whether sending the same operation again later may succeed. */
  @Override
  public abstract boolean isRetryable();

  /**
   * Whether a mutation may already have been applied by Centra although no success was seen; the
   * caller must check Centra's state before sending it again. Always {@code false} for queries.
   */
  @Override
  public boolean requiresLookupBeforeRetry() {
    return false;
  }
}
