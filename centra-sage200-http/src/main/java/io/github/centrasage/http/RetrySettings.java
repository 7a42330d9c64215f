package io.github.centrasage.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a client repeats a failed call in-line: reads on connection failures, 429 and 5xx; writes only
 * when the request surely never reached the server (or was refused with 429). A write that may have
 * been applied is never repeated here: it surfaces with {@link ClientFailure#requiresLookupBeforeRetry()}.
 *
 * <p>The delay before attempt {@code n + 1} is {@code initialDelay × multiplier^(n-1)}, capped at
 * {@link #maxDelay()}, spread by ± {@link #jitter()} so that many clients do not retry in step; a 429's
 * {@code Retry-After} replaces it, and one longer than {@link #maxRetryAfter()} is not waited for.
 *
 * <pre>{@code
 * CentraClient.builder().retrySettings(RetrySettings.builder().maxAttempts(5).build())
 * Sage200Client.builder().retrySettings(RetrySettings.none())
 * }</pre>
 */
public final class RetrySettings {
  private static final RetrySettings DEFAULTS = builder().build();

  private final int maxAttempts;
  private final Duration initialDelay;
  private final Duration maxDelay;
  private final double multiplier;
  private final double jitter;
  private final Duration maxRetryAfter;

  private RetrySettings(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.initialDelay = b.initialDelay;
    this.maxDelay = b.maxDelay;
    this.multiplier = b.multiplier;
    this.jitter = b.jitter;
    this.maxRetryAfter = b.maxRetryAfter;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** 4 attempts, 0.5 s doubling up to 30 s, ± 25 % jitter, {@code Retry-After} honoured up to 60 s. */
  public static RetrySettings defaults() {
    return DEFAULTS;
  }

  /** One attempt only: every failure reaches the caller at once. */
  public static RetrySettings none() {
    return builder().maxAttempts(1).build();
  }

  /** A builder holding these settings, to change one of them. */
  public Builder toBuilder() {
    return builder().maxAttempts(maxAttempts).initialDelay(initialDelay).maxDelay(maxDelay).multiplier(multiplier)
        .jitter(jitter).maxRetryAfter(maxRetryAfter);
  }

  /** Attempts per call including the first; 1 disables retries. Default 4. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Backoff before the second attempt. Default 500 ms. */
  public Duration initialDelay() {
    return initialDelay;
  }

  /** Ceiling of the backoff. Default 30 s. */
  public Duration maxDelay() {
    return maxDelay;
  }

  /** Factor the backoff grows by per attempt (1 keeps it fixed). Default 2. */
  public double multiplier() {
    return multiplier;
  }

  /** Fraction of random spread around each backoff delay, 0 to 1. Default 0.25. */
  public double jitter() {
    return jitter;
  }

  /** A {@code Retry-After} longer than this is not waited for in-line: the 429 surfaces. Default 60 s. */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RetrySettings)) {
      return false;
    }
    RetrySettings other = (RetrySettings) o;
    return maxAttempts == other.maxAttempts && initialDelay.equals(other.initialDelay)
        && maxDelay.equals(other.maxDelay) && Double.compare(multiplier, other.multiplier) == 0
        && Double.compare(jitter, other.jitter) == 0 && maxRetryAfter.equals(other.maxRetryAfter);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxAttempts, initialDelay, maxDelay, multiplier, jitter, maxRetryAfter);
  }

  @Override
  public String toString() {
    return "RetrySettings{maxAttempts=" + maxAttempts + ", initialDelay=" + initialDelay + ", maxDelay=" + maxDelay
        + ", multiplier=" + multiplier + ", jitter=" + jitter + ", maxRetryAfter=" + maxRetryAfter + "}";
  }

  /** Builds {@link RetrySettings}; {@link #build()} names every wrong value at once. */
  public static final class Builder {
    private int maxAttempts = 4;
    private Duration initialDelay = Duration.ofMillis(500);
    private Duration maxDelay = Duration.ofSeconds(30);
    private double multiplier = 2.0;
    private double jitter = 0.25;
    private Duration maxRetryAfter = Duration.ofSeconds(60);

    private Builder() {}

    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    public Builder initialDelay(Duration initialDelay) {
      this.initialDelay = initialDelay;
      return this;
    }

    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = maxDelay;
      return this;
    }

    public Builder multiplier(double multiplier) {
      this.multiplier = multiplier;
      return this;
    }

    public Builder jitter(double jitter) {
      this.jitter = jitter;
      return this;
    }

    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = maxRetryAfter;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalStateException naming every wrong value at once
     */
    public RetrySettings build() {
      List<String> problems = new ArrayList<>();
      if (maxAttempts < 1) {
        problems.add("maxAttempts must be at least 1, was " + maxAttempts);
      }
      if (initialDelay == null || initialDelay.isNegative() || maxDelay == null || maxDelay.compareTo(initialDelay) < 0) {
        problems.add("delays need 0 <= initialDelay <= maxDelay, was " + initialDelay + " / " + maxDelay);
      }
      if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
        problems.add("multiplier must be at least 1, was " + multiplier);
      }
      if (!(jitter >= 0 && jitter <= 1)) {
        problems.add("jitter must be between 0 and 1, was " + jitter);
      }
      if (maxRetryAfter == null || maxRetryAfter.isNegative()) {
        problems.add("maxRetryAfter must not be negative, was " + maxRetryAfter);
      }
      if (!problems.isEmpty()) {
        throw new IllegalStateException("RetrySettings cannot be built: " + String.join("; ", problems));
      }
      return new RetrySettings(this);
    }
  }
}
