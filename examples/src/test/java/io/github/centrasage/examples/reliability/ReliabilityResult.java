package io.github.centrasage.examples.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The suite's figures. Every part prints its own {@code RELIABILITY PART} line and adds its figures
 * to the totals; when the test run ends (the JUnit root context closes, after the last test class)
 * the one overall {@code RELIABILITY RESULT kills=… duplicates=… lost=… double_applied=…
 * leaked_secrets=… hostile_cases=…} line is printed. Test classes that report register it with
 * {@code @ExtendWith(ReliabilityResult.class)}.
 */
final class ReliabilityResult implements BeforeAllCallback {
  private static final Map<String, Long> TOTALS = new LinkedHashMap<>();
  private static final List<String> PARTS = new ArrayList<>();

  static {
    for (String metric : new String[] {"kills", "duplicates", "lost", "double_applied", "leaked_secrets",
        "hostile_cases"}) {
      TOTALS.put(metric, 0L);
    }
  }

  /** Adds {@code figures} (metric, value pairs) to the totals and prints the part's line. */
  static synchronized void report(String part, Object... figures) {
    StringBuilder line = new StringBuilder("RELIABILITY PART ").append(part);
    for (int i = 0; i < figures.length; i += 2) {
      String metric = (String) figures[i];
      long value = ((Number) figures[i + 1]).longValue();
      line.append(' ').append(metric).append('=').append(value);
      TOTALS.computeIfPresent(metric, (k, v) -> v + value);
    }
    PARTS.add(part);
    System.out.println(line);
  }

  /** The overall line for what was reported so far. */
  static synchronized String overall() {
    StringBuilder overall = new StringBuilder("RELIABILITY RESULT");
    TOTALS.forEach((k, v) -> overall.append(' ').append(k).append('=').append(v));
    return overall.append(" parts=").append(PARTS.size()).toString();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    // one summary per test run: the root store closes its values once, after every class ran
    context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Summary.class, k -> new Summary(), Summary.class);
  }

  /** Prints the overall line when the root context closes. */
  static final class Summary implements AutoCloseable {
    @Override
    public void close() {
      System.out.println(overall());
    }
  }
}
