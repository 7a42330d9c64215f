package io.github.centrasage.examples.reliability;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The suite's running totals. Every part adds its figures and prints its own line, then the overall
 * {@code RELIABILITY RESULT} line with the totals so far: the last such line of a run is the result
 * of the whole suite, whatever order the parts ran in.
 */
final class ReliabilityResult {
  private static final Map<String, Long> TOTALS = new LinkedHashMap<>();

  static {
    for (String metric : new String[] {"kills", "duplicates", "lost", "double_applied", "leaked_secrets",
        "hostile_cases"}) {
      TOTALS.put(metric, 0L);
    }
  }

  private ReliabilityResult() {}

  /** Adds {@code figures} (metric, value pairs) to the totals and prints the part's line and the totals. */
  static synchronized void report(String part, Object... figures) {
    StringBuilder line = new StringBuilder("RELIABILITY PART ").append(part);
    for (int i = 0; i < figures.length; i += 2) {
      String metric = (String) figures[i];
      long value = ((Number) figures[i + 1]).longValue();
      line.append(' ').append(metric).append('=').append(value);
      TOTALS.computeIfPresent(metric, (k, v) -> v + value);
    }
    System.out.println(line);
    StringBuilder overall = new StringBuilder("RELIABILITY RESULT");
    TOTALS.forEach((k, v) -> overall.append(' ').append(k).append('=').append(v));
    System.out.println(overall);
  }
}
