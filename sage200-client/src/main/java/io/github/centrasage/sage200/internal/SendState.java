package io.github.centrasage.sage200.internal;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Per-attempt marker set by a network interceptor just before the request is written to a
 * connection. It tells a failure before sending (safe to retry, even a POST) from one after (the
 * write may have happened).
 */
final class SendState {
  private final AtomicBoolean sent = new AtomicBoolean();
  private final AtomicBoolean proceeded = new AtomicBoolean();

  /**
   * Records that the request went down the interceptor chain; false when it had already gone down
   * (an application interceptor called {@code chain.proceed} a second time for one call).
   */
  boolean firstProceed() {
    return proceeded.compareAndSet(false, true);
  }

  void markSent() {
    sent.set(true);
  }

  boolean sent() {
    return sent.get();
  }
}
