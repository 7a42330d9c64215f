package io.github.centrasage.sage200;

/**
 * The record is held by another user (typically someone editing it in the Sage desktop). Sage does
 * not document this answer; the client recognises it with a {@link RecordLockMatcher}.
 *
 * <p>Retryable later, on a schedule of its own: {@code catch (Sage200RecordLockedException e) { retryInMinutes(); }}
 */
public class Sage200RecordLockedException extends Sage200Exception {
  private static final long serialVersionUID = 1L;

  public Sage200RecordLockedException(String message, int statusCode, String responseBody) {
    this(message, statusCode, responseBody, false);
  }

  /** {@code write}: the failed call was a POST/PUT. */
  public Sage200RecordLockedException(String message, int statusCode, String responseBody, boolean write) {
    super(message, statusCode, responseBody, write, null);
  }

  @Override
  public boolean isRetryable() {
    return true;
  }
}
