package io.github.centrasage.sync.spi;

/**
 * The kinds of failure the engine tells apart, each with its own handling.
 *
 * <p>Usage: {@code if (classification.kind() == FailureKind.PERMANENT) ...}.
 */
public enum FailureKind {
  /** Connection refused, timeout before sending, 5xx on a read, 429: back off and try again. */
  TRANSIENT,
  /** The target record is being edited in Sage: retry on the short lock schedule, then park for a person. */
  RECORD_LOCKED,
  /** A write may or may not have taken effect: retry, and the next attempt must look up before it creates. */
  AMBIGUOUS_WRITE,
  /** Validation, mapping or any failure that trying again cannot fix: park at once with reasons. */
  PERMANENT
}
