package io.github.centrasage.sage200;

/**
 * Sage answered with a success status but a body the client could not read into the expected type.
 * On a write the success status means Sage applied it, so {@link #requiresLookupBeforeRetry()} is
 * true there: find the record (the answer that was lost) rather than writing again.
 *
 * <p>Usage: {@code catch (Sage200DeserializationException e) { log.warn("{}", e.responseBody()); }}
 */
public class Sage200DeserializationException extends Sage200Exception {
  private static final long serialVersionUID = 1L;

  public Sage200DeserializationException(String message, int statusCode, String responseBody, Throwable cause) {
    this(message, statusCode, responseBody, false, cause);
  }

  /** {@code write}: the request was a POST/PUT/DELETE, which the success status says Sage applied. */
  public Sage200DeserializationException(String message, int statusCode, String responseBody, boolean write,
      Throwable cause) {
    super(message, statusCode, responseBody, write, cause);
  }

  @Override
  public boolean requiresLookupBeforeRetry() {
    return isWrite();
  }
}
