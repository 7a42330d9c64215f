package io.github.centrasage.sage200;

/**
 * 404 Not Found: a wrong id, or an endpoint this site's Sage 200 version does not have (Professional
 * is installed on-premises, so newer endpoints such as {@code sop_returns} may be missing).
 *
 * <p>Usage: {@code catch (Sage200NotFoundException e) { fallBackToCreditNote(); }}
 */
public class Sage200NotFoundException extends Sage200Exception {
  private static final long serialVersionUID = 1L;

  public Sage200NotFoundException(String message, String responseBody) {
    this(message, responseBody, false);
  }

  /** {@code write}: the failed call was a POST/PUT. */
  public Sage200NotFoundException(String message, String responseBody, boolean write) {
    super(message, 404, responseBody, write, null);
  }
}
