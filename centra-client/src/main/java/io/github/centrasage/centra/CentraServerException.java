package io.github.centrasage.centra;

/**
 * HTTP 5xx: Centra (or a proxy in front of it) failed. A mutation may have been applied before the
 * failure, so {@link #requiresLookupBeforeRetry()} is {@code true} for mutations.
 *
 * <pre>{@code
 * catch (CentraServerException e) { scheduleRetry(e.requiresLookupBeforeRetry()); }
 * }</pre>
 */
public class CentraServerException extends CentraHttpException {
  private static final long serialVersionUID = 1L;

  public CentraServerException(String message, String operationName, boolean mutation, int statusCode) {
    super(message, operationName, mutation, statusCode);
  }

  @Override
  public boolean isRetryable() {
    return true;
  }

  @Override
  public boolean requiresLookupBeforeRetry() {
    return isWrite();
  }
}
