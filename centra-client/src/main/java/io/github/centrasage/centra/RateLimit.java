package io.github.centrasage.centra;

import org.immutables.value.Value;

/**
 * The state of one rate-limit bucket ({@code rateLimits} query); quota = used + remaining.
 *
 * <pre>{@code
 * centra.rateLimits().forEach(l -> System.out.println(l.type() + " " + l.remainingQuota()));
 * }</pre>
 */
@Value.Immutable
public interface RateLimit {
  RateLimitType type();

  RateLimitInterval intervalSeconds();

  long quota();

  long usedQuota();

  long remainingQuota();
}
