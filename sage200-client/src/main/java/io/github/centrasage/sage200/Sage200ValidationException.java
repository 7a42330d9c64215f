package io.github.centrasage.sage200;

/**
 * 400 Bad Request: Sage rejected the request; {@link #sageMessage()} is the parsed message (Sage reports only the first problem) and {@link #responseBody()} the raw body.
 *
 * <p>Usage: {@code catch (Sage200ValidationException e) { log(e.statusCode(), e.getMessage()); }}
 */
public class Sage200ValidationException extends Sage200Exception {
  private static final long serialVersionUID = 1L;

  private final String sageMessage;

  public Sage200ValidationException(String message, int statusCode, String responseBody, String sageMessage) {
    this(message, statusCode, responseBody, sageMessage, false);
  }

  /** {@code write}: the failed call was a POST/PUT. */
  public Sage200ValidationException(String message, int statusCode, String responseBody, String sageMessage, boolean write) {
    super(message, statusCode, responseBody, write, null);
    this.sageMessage = sageMessage;
  }

  /** The message Sage gave (from {@code Message}/{@code message} in the body, else the body itself). */
  public String sageMessage() {
    return sageMessage;
  }
}
