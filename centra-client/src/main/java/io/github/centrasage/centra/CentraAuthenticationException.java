package io.github.centrasage.centra;

/**
 * HTTP 401: the API token is missing, wrong or expired (Centra tokens expire, 30 days by default).
 *
 * <pre>{@code
 * catch (CentraAuthenticationException e) { alertOperatorToRotateToken(); }
 * }</pre>
 */
public class CentraAuthenticationException extends CentraHttpException {
  private static final long serialVersionUID = 1L;

  public CentraAuthenticationException(String message, String operationName, boolean mutation) {
    super(message, operationName, mutation, 401);
  }
}
