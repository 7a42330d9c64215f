package io.github.centrasage.sandbox.internal;

/** Input the emulated API rejects; the message names what was wrong and is sent to the caller. */
public class BadRequest extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public BadRequest(String message) {
    this(400, message);
  }

  public BadRequest(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
