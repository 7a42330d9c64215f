package io.github.centrasage.http.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Per-attempt marker, an OkHttp request tag: the network interceptor sets it just before the request
 * is written to a connection. It tells a failure before sending (safe to repeat, even a write) from
 * one after (the write may have been applied).
 */
public final class SendTracker {
  private final boolean write;
  private final AtomicBoolean sent = new AtomicBoolean();
  private final AtomicBoolean proceeded = new AtomicBoolean();

  /** {@code write}: the call changes something, so an interceptor must not send it twice. */
  public SendTracker(boolean write) {
    this.write = write;
  }

  /**
   * Whether this proceed repeats a write that already left the process (an application interceptor
   * called {@code chain.proceed} a second time); records the proceed.
   */
  boolean repeatsSentWrite() {
    return !proceeded.compareAndSet(false, true) && write && sent.get();
  }

  void markSent() {
    sent.set(true);
  }

  /** Whether any byte of the request may have been written. */
  public boolean wasSent() {
    return sent.get();
  }

  /**
   * Whether a call that failed with {@code failure} may have reached the server: only when the
   * request was written, and the failure is not one that happens before a connection exists.
   */
  public boolean mayHaveReachedServer(IOException failure) {
    boolean refusedBeforeSending = failure instanceof ConnectException || failure instanceof UnknownHostException
        || failure instanceof NoRouteToHostException;
    return sent.get() && !refusedBeforeSending;
  }
}
