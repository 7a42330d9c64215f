package io.github.centrasage.centra;

/**
 * Centra's rate-limit buckets. {@code UNRECOGNIZED} stands for a new value.
 *
 * <pre>{@code
 * limits.stream().filter(l -> l.type() == RateLimitType.MUTATION_COUNT)
 * }</pre>
 */
public enum RateLimitType {
  REQUEST_COUNT,
  MUTATION_COUNT,
  QUERY_COMPLEXITY,
  UNRECOGNIZED
}
