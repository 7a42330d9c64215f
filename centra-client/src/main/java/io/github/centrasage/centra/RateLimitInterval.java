package io.github.centrasage.centra;

/**
 * The window of a rate-limit bucket. {@code UNRECOGNIZED} stands for a new value.
 *
 * <pre>{@code
 * if (limit.intervalSeconds() == RateLimitInterval.TEN_SECONDS) ...
 * }</pre>
 */
public enum RateLimitInterval {
  TEN_SECONDS,
  ONE_HOUR,
  UNRECOGNIZED
}
