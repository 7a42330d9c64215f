package io.github.centrasage.sage200;

/**
 * Sage answered with a success status but a body the client could not read into the expected type.
 *
 * <p>Usage: {@code catch (Sage200DeserializationException e) { log.warn("{}", e.responseBody()); }}
 */
public class Sage200DeserializationException extends Sage200Exception {
  private static final long serialVersionUID = 1L;

  public Sage200DeserializationException(String message, int statusCode, String responseBody, Throwable cause) {
    super(message, statusCode, responseBody, cause);
  }
}
