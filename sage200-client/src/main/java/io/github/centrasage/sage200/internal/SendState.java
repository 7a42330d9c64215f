package io.github.centrasage.sage200.internal;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Per-attempt marker set by a network interceptor just before the request is written to a
 * connection. It tells a failure before sending (safe to retry, even a POST) from one after (the
 * write may have happened).
 */
final class SendState {
  private final AtomicBoolean sent = new AtomicBoolean();

  void markSent() {
    sent.set(true);
  }

  boolean sent() {
    return sent.get();
  }
}
