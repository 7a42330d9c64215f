package io.github.centrasage.centra;

/**
 * No longer thrown by the client. It stood for HTTP 403 read as "missing permission", but Centra's
 * error-handling page documents 403 as an invalid or expired token, now a
 * {@link CentraAuthenticationException} with status 403; a missing permission comes back as a
 * GraphQL error ({@link CentraGraphQLException}, category {@code authorization}).
 *
 * @deprecated catch {@link CentraAuthenticationException}; removed in the next minor release.
 */
@Deprecated
public class CentraPermissionException extends CentraHttpException {
  private static final long serialVersionUID = 1L;

  public CentraPermissionException(String message, String operationName, boolean mutation) {
    super(message, operationName, mutation, 403);
  }
}
