package io.github.centrasage.centra;

/**
 * A webhook request was rejected by {@link CentraWebhookVerifier}; {@link #reason()} says why.
 * Answer such requests with HTTP 400/401 and do not process them. The message never contains the secret.
 *
 * <pre>{@code
 * catch (CentraWebhookException e) { respond(401, e.reason().name()); }
 * }</pre>
 */
public class CentraWebhookException extends CentraException {
  private static final long serialVersionUID = 1L;

  /** Why a webhook was rejected. */
  public enum Reason {
    MISSING_SIGNATURE,
    MALFORMED_SIGNATURE,
    STALE_TIMESTAMP,
    SIGNATURE_MISMATCH,
    MALFORMED_BODY
  }

  private final Reason reason;

  public CentraWebhookException(Reason reason, String message) {
    super(message, null, false, null);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  @Override
  public boolean isRetryable() {
    return false;
  }
}
