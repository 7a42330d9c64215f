package io.github.centrasage.sage200;

/**
 * No response arrived (connection refused, reset, timed out, interrupted).
 *
 * <p>{@link #mayHaveReachedServer()} says whether the request left the client: a POST that may have
 * reached Sage is never re-sent blindly, it {@link #requiresLookupBeforeRetry() requires a lookup}.
 * Usage: {@code if (e.requiresLookupBeforeRetry()) findByCustomerDocumentNo(…)}.
 */
public class Sage200ConnectionException extends Sage200Exception {
  private static final long serialVersionUID = 1L;

  private final boolean mayHaveReachedServer;
  private final boolean interrupted;

  public Sage200ConnectionException(
      String message, boolean mayHaveReachedServer, boolean write, boolean interrupted, Throwable cause) {
    super(message, 0, null, write, cause);
    this.mayHaveReachedServer = mayHaveReachedServer;
    this.interrupted = interrupted;
  }

  /** True when the request bytes may have been sent before the failure. */
  public boolean mayHaveReachedServer() {
    return mayHaveReachedServer;
  }

  /** True when the calling thread was interrupted; the interrupt flag has been restored. */
  public boolean wasInterrupted() {
    return interrupted;
  }

  @Override
  public boolean isRetryable() {
    return !interrupted;
  }

  @Override
  public boolean requiresLookupBeforeRetry() {
    return isWrite() && mayHaveReachedServer;
  }
}
