package io.github.centrasage.centra;

import java.time.Duration;
import org.immutables.value.Value;

/**
 * Optional client-side limiter sized to the tenant's plan, with separate budgets for requests
 * (queries and mutations) and mutations. Centra's limits are per environment and shared by every
 * integration on it, so size these below the plan when other integrations run too.
 *
 * <pre>{@code
 * CentraClient.builder().rateLimits(CentraRateLimits.growthPlan())
 * }</pre>
 */
@Value.Immutable
public interface CentraRateLimits {
  /** Requests (queries plus mutations) per {@link #period()}. */
  int requestsPerPeriod();

  /** Mutations per {@link #period()}. */
  int mutationsPerPeriod();

  @Value.Default
  default Duration period() {
    return Duration.ofSeconds(10);
  }

  /** How long a call may wait for a permit before failing with a client-side {@link CentraRateLimitException}. */
  @Value.Default
  default Duration maxWait() {
    return Duration.ofSeconds(30);
  }

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Growth (Centra's default plan): 60 requests and 20 mutations per 10 s. */
  static CentraRateLimits growthPlan() {
    return builder().requestsPerPeriod(60).mutationsPerPeriod(20).build();
  }

  /** Enhanced plan: 150 requests and 50 mutations per 10 s. */
  static CentraRateLimits enhancedPlan() {
    return builder().requestsPerPeriod(150).mutationsPerPeriod(50).build();
  }

  /** High volume plan: 450 requests and 150 mutations per 10 s. */
  static CentraRateLimits highVolumePlan() {
    return builder().requestsPerPeriod(450).mutationsPerPeriod(150).build();
  }

  /** Enterprise plan: 1500 requests and 500 mutations per 10 s. */
  static CentraRateLimits enterprisePlan() {
    return builder().requestsPerPeriod(1500).mutationsPerPeriod(500).build();
  }

  @Value.Check
  default void check() {
    if (requestsPerPeriod() < 1 || mutationsPerPeriod() < 1) {
      throw new IllegalArgumentException("CentraRateLimits budgets must be positive, were requests="
          + requestsPerPeriod() + " mutations=" + mutationsPerPeriod());
    }
    if (period().isNegative() || period().isZero() || maxWait().isNegative()) {
      throw new IllegalArgumentException("CentraRateLimits needs a positive period and a non-negative maxWait");
    }
  }

  /** Builds a {@link CentraRateLimits}; get one from {@link CentraRateLimits#builder()}. */
  final class Builder extends ImmutableCentraRateLimits.Builder {
    Builder() {}
  }
}
