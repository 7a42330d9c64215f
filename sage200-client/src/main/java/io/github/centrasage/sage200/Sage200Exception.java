package io.github.centrasage.sage200;

import io.github.centrasage.http.ClientFailure;
import io.github.centrasage.sage200.model.SalesOrder;
import java.util.Optional;

/**
 * Root of every failure the Sage 200 client reports; all subclasses are unchecked. It says what to
 * do next through the {@link ClientFailure} contract it shares with the Centra client's exceptions.
 *
 * <p>Callers classify a failure with {@link #isRetryable()} and, for writes, with
 * {@link #requiresLookupBeforeRetry()}: {@code catch (Sage200Exception e) { if (e.isRetryable()) … }}.
 * Messages never carry tokens or secrets; the raw response body, where there was one, is kept in
 * {@link #responseBody()}.
 */
public class Sage200Exception extends RuntimeException implements ClientFailure {
  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final String responseBody;
  private final boolean write;
  private transient SalesOrder orderAfterFailedUpdate;

  public Sage200Exception(String message, int statusCode, String responseBody, Throwable cause) {
    this(message, statusCode, responseBody, false, cause);
  }

  /** {@code write}: the failed call was a POST/PUT/DELETE. */
  public Sage200Exception(String message, int statusCode, String responseBody, boolean write, Throwable cause) {
    super(message, cause);
    this.statusCode = statusCode;
    this.responseBody = responseBody;
    this.write = write;
  }

  /** The HTTP status Sage answered with, or {@code 0} when no response arrived. */
  public int statusCode() {
    return statusCode;
  }

  /** The raw response body, if Sage answered with one. */
  public Optional<String> responseBody() {
    return Optional.ofNullable(responseBody);
  }

  /**
   * After a failed sales order update: the order as re-read from Sage. Sage applies PUT line by line
   * and stops at the first bad line, so earlier lines may already be changed.
   */
  public Optional<SalesOrder> orderAfterFailedUpdate() {
    return Optional.ofNullable(orderAfterFailedUpdate);
  }

  void attachOrderAfterFailedUpdate(SalesOrder order) {
    this.orderAfterFailedUpdate = order;
  }

  /** Whether the failed call was a write (a POST or PUT). */
  @Override
  public boolean isWrite() {
    return write;
  }

  /** Whether trying the same call again later may succeed. */
  @Override
  public boolean isRetryable() {
    return false;
  }

  /**
   * Whether the failed call was a write that may have been applied by Sage although no answer
   * arrived: retry only after looking the record up (for example by {@code customer_document_no}).
   */
  @Override
  public boolean requiresLookupBeforeRetry() {
    return false;
  }
}
