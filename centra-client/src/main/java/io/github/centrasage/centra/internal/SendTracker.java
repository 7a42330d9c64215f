package io.github.centrasage.centra.internal;

/**
 * Per-call flag set by a network interceptor just before the request is written. If it is still
 * clear when the call fails, not a byte reached Centra and even a mutation can be sent again.
 */
public final class SendTracker {
  private volatile boolean sent;
  private final java.util.concurrent.atomic.AtomicBoolean proceeded = new java.util.concurrent.atomic.AtomicBoolean();
  private final boolean mutation;

  public SendTracker() {
    this(false);
  }

  /** {@code mutation}: the call is a write, which an interceptor must not send twice. */
  public SendTracker(boolean mutation) {
    this.mutation = mutation;
  }

  /**
   * Whether this proceed repeats a mutation that already left the process (an application interceptor
   * called {@code chain.proceed} a second time); records the proceed.
   */
  boolean repeatsSentMutation() {
    return !proceeded.compareAndSet(false, true) && mutation && sent;
  }

  void markSent() {
    sent = true;
  }

  public boolean wasSent() {
    return sent;
  }
}
