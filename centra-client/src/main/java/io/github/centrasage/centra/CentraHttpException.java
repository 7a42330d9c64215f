package io.github.centrasage.centra;

/**
 * Centra answered with an HTTP error status that has no more specific subclass (for example 400 or 404).
 *
 * <pre>{@code
 * catch (CentraHttpException e) { log.warn("Centra said {}", e.statusCode()); }
 * }</pre>
 */
public class CentraHttpException extends CentraException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;

  public CentraHttpException(String message, String operationName, boolean mutation, int statusCode) {
    super(message, operationName, mutation, null);
    this.statusCode = statusCode;
  }

  /** The HTTP status code Centra returned. */
  public int statusCode() {
    return statusCode;
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
