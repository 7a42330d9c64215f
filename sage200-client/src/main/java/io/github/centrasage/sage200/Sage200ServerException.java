package io.github.centrasage.sage200;

/**
 * 5xx: Sage failed. A 504 usually means the tunnel to an on-premises Professional site is down.
 * After a write the change may or may not have been applied, see {@link #requiresLookupBeforeRetry()}.
 *
 * <p>Usage: {@code if (e.isGatewayTimeout()) alertOnPremTunnel();}
 */
public class Sage200ServerException extends Sage200Exception {
  private static final long serialVersionUID = 1L;

  public Sage200ServerException(String message, int statusCode, String responseBody, boolean write) {
    super(message, statusCode, responseBody, write, null);
  }

  /** True for 504, the on-premises tunnel timing out. */
  public boolean isGatewayTimeout() {
    return statusCode() == 504;
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
