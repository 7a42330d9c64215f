package io.github.centrasage.centra;

import java.util.List;

/**
 * A mutation answered HTTP 200 but reported {@code userErrors}: Centra refused the business change.
 * Sending it again unchanged fails again (Centra asks integrations to stop retrying these).
 *
 * <pre>{@code
 * catch (CentraUserErrorException e) { park(job, e.userErrors()); }
 * }</pre>
 */
public class CentraUserErrorException extends CentraException {
  private static final long serialVersionUID = 1L;

  private final List<CentraUserMessage> userErrors;
  private final List<CentraUserMessage> userWarnings;

  public CentraUserErrorException(
      String message, String operationName, List<CentraUserMessage> userErrors, List<CentraUserMessage> userWarnings) {
    super(message, operationName, true, null);
    this.userErrors = List.copyOf(userErrors);
    this.userWarnings = List.copyOf(userWarnings);
  }

  /** Every user error, with message and path. */
  public List<CentraUserMessage> userErrors() {
    return userErrors;
  }

  /** Warnings reported alongside the errors. */
  public List<CentraUserMessage> userWarnings() {
    return userWarnings;
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
