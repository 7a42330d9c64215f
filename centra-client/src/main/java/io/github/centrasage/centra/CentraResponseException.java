package io.github.centrasage.centra;

/**
 * Centra answered HTTP 200 but the body could not be understood (not JSON, no {@code data}, a
 * required field missing). A mutation may have been applied, so it requires a lookup before retry.
 *
 * <pre>{@code
 * catch (CentraResponseException e) { log.error("unexpected Centra response", e); }
 * }</pre>
 */
public class CentraResponseException extends CentraException {
  private static final long serialVersionUID = 1L;

  public CentraResponseException(String message, String operationName, boolean mutation, Throwable cause) {
    super(message, operationName, mutation, cause);
  }

  @Override
  public boolean isRetryable() {
    return false;
  }

  @Override
  public boolean requiresLookupBeforeRetry() {
    return isWrite();
  }
}
