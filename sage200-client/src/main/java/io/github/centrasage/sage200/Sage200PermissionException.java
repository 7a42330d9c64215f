package io.github.centrasage.sage200;

/**
 * 403 Forbidden: the Sage user's role has no access to the module (for example Sales Ledger for customers).
 *
 * <p>Usage: {@code catch (Sage200PermissionException e) { log(e.statusCode(), e.getMessage()); }}
 */
public class Sage200PermissionException extends Sage200Exception {
  private static final long serialVersionUID = 1L;

  public Sage200PermissionException(String message, int statusCode, String responseBody) {
    this(message, statusCode, responseBody, false);
  }

  /** {@code write}: the failed call was a POST/PUT. */
  public Sage200PermissionException(String message, int statusCode, String responseBody, boolean write) {
    super(message, statusCode, responseBody, write, null);
  }
}
