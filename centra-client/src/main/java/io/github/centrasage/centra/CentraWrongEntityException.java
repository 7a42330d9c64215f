package io.github.centrasage.centra;

/**
 * Centra answered a read by number or id with another entity than the one asked for (a proxy or
 * cache that mixed up answers, or a bug). The answer is never used: acting on it would write one
 * order's data under another's key. Not retryable; whoever reads it should stop and show both
 * values to a person.
 *
 * <pre>{@code
 * catch (CentraWrongEntityException e) { park("asked for " + e.asked() + ", got " + e.answered()); }
 * }</pre>
 */
public class CentraWrongEntityException extends CentraResponseException {
  private static final long serialVersionUID = 1L;

  private final String asked;
  private final String answered;

  public CentraWrongEntityException(String entity, String asked, String answered, String operationName) {
    super("asked Centra for " + entity + " " + asked + ", but the answer is " + entity + " " + answered
        + "; the answer was not used", operationName, false, null);
    this.asked = asked;
    this.answered = answered;
  }

  /** The number or id that was asked for. */
  public String asked() {
    return asked;
  }

  /** The number or id the answer carried instead. */
  public String answered() {
    return answered;
  }
}
