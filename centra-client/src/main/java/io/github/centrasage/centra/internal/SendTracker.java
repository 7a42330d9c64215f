package io.github.centrasage.centra.internal;

/**
 * Per-call flag set by a network interceptor just before the request is written. If it is still
 * clear when the call fails, not a byte reached Centra and even a mutation can be sent again.
 */
public final class SendTracker {
  private volatile boolean sent;

  void markSent() {
    sent = true;
  }

  public boolean wasSent() {
    return sent;
  }
}
