package io.github.centrasage.sage200;

/**
 * Sage answered a read by id or by key with another record than the one asked for (a proxy or
 * cache that mixed up answers, or a bug). The answer is never used; the failure is not retryable.
 *
 * <p>Usage: {@code catch (Sage200WrongRecordException e) { park(e.getMessage()); }}
 */
public class Sage200WrongRecordException extends Sage200Exception {
  private static final long serialVersionUID = 1L;

  private final String asked;
  private final String answered;

  public Sage200WrongRecordException(String what, String asked, String answered) {
    super("asked Sage for " + what + " " + asked + ", but the answer is " + what + " " + answered
        + "; the answer was not used", 200, null, null);
    this.asked = asked;
    this.answered = answered;
  }

  /** The id or key that was asked for. */
  public String asked() {
    return asked;
  }

  /** The id or key the answer carried instead. */
  public String answered() {
    return answered;
  }
}
