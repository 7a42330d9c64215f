package io.github.centrasage.sync;

/**
 * Root of the exceptions the sync engine and its stores throw. Unchecked; {@link #isRetryable()}
 * says whether doing the same thing again later may succeed.
 *
 * <p>Usage: {@code catch (SyncException e) { if (e.isRetryable()) ... }}.
 */
public class SyncException extends RuntimeException {
  private final boolean retryable;

  public SyncException(String message, boolean retryable) {
    this(message, null, retryable);
  }

  public SyncException(String message, Throwable cause, boolean retryable) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** Whether the same operation may succeed if tried again later. */
  public boolean isRetryable() {
    return retryable;
  }
}
