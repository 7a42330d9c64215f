package io.github.centrasage.centra;

/**
 * No usable HTTP response was received (connection refused or reset, timeout, interrupted).
 *
 * <p>{@link #mayHaveReachedServer()} tells whether any byte of the request was written; when it was
 * not, even a mutation is safe to send again:
 * <pre>{@code
 * catch (CentraConnectionException e) { if (!e.mayHaveReachedServer()) resend(); }
 * }</pre>
 */
public class CentraConnectionException extends CentraException {
  private static final long serialVersionUID = 1L;

  private final boolean mayHaveReachedServer;
  private final boolean interrupted;

  public CentraConnectionException(
      String message, String operationName, boolean mutation, boolean mayHaveReachedServer,
      boolean interrupted, Throwable cause) {
    super(message, operationName, mutation, cause);
    this.mayHaveReachedServer = mayHaveReachedServer;
    this.interrupted = interrupted;
  }

  /** {@code false} only when the request surely never left this process. */
  public boolean mayHaveReachedServer() {
    return mayHaveReachedServer;
  }

  /** Whether the calling thread was interrupted; the interrupt flag has been restored. */
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
