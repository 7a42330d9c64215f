package io.github.centrasage.centra;

/**
 * Centra answered, but the object asked for does not exist (for example a warehouse id that is not
 * in this tenant). Retrying the same call gives the same answer.
 *
 * <pre>{@code
 * catch (CentraNotFoundException e) { log.warn("warehouse mapping is stale: {}", e.getMessage()); }
 * }</pre>
 */
public class CentraNotFoundException extends CentraException {
  private static final long serialVersionUID = 1L;

  public CentraNotFoundException(String message, String operationName) {
    super(message, operationName, false, null);
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
