package io.github.centrasage.centra;

/**
 * HTTP 401 or 403: the API token is missing, invalid or expired (Centra tokens expire, 30 days by
 * default). Centra's error-handling page documents 403 for an invalid or expired token; a token that
 * lacks a permission gets a GraphQL error instead ({@link CentraGraphQLException}, category
 * {@code authorization}).
 *
 * <pre>{@code
 * catch (CentraAuthenticationException e) { alertOperatorToRotateToken(); }
 * }</pre>
 */
public class CentraAuthenticationException extends CentraHttpException {
  private static final long serialVersionUID = 1L;

  public CentraAuthenticationException(String message, String operationName, boolean mutation) {
    this(message, operationName, mutation, 401);
  }

  /** With the HTTP status Centra answered (401 or 403). */
  public CentraAuthenticationException(String message, String operationName, boolean mutation, int statusCode) {
    super(message, operationName, mutation, statusCode);
  }
}
