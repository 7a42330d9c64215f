package io.github.centrasage.centra;

/**
 * HTTP 403: the token is valid but not allowed to do this (missing permission, IP not allow-listed).
 *
 * <pre>{@code
 * catch (CentraPermissionException e) { log.error("grant the token more permissions: {}", e.getMessage()); }
 * }</pre>
 */
public class CentraPermissionException extends CentraHttpException {
  private static final long serialVersionUID = 1L;

  public CentraPermissionException(String message, String operationName, boolean mutation) {
    super(message, operationName, mutation, 403);
  }
}
