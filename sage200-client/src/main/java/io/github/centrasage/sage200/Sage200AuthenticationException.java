package io.github.centrasage.sage200;

/**
 * 401 Unauthorized: the token was rejected even after one refresh, or {@code X-Site}/{@code X-Company} are wrong or the user has no access to that site or company.
 *
 * <p>Usage: {@code catch (Sage200AuthenticationException e) { log(e.statusCode(), e.getMessage()); }}
 */
public class Sage200AuthenticationException extends Sage200Exception {
  private static final long serialVersionUID = 1L;

  public Sage200AuthenticationException(String message, int statusCode, String responseBody) {
    this(message, statusCode, responseBody, false);
  }

  /** {@code write}: the failed call was a POST/PUT. */
  public Sage200AuthenticationException(String message, int statusCode, String responseBody, boolean write) {
    super(message, statusCode, responseBody, write, null);
  }
}
