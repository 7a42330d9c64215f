package io.github.centrasage.benchmarks;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The {@code BENCH} line format: one line per scenario, {@code BENCH scenario=name key=value ...}. */
final class Bench {
  private Bench() {}

  /** The figures of one scenario, in the order they were put. */
  static final class Line {
    private final Map<String, Object> values = new LinkedHashMap<>();

    Line(String scenario) {
      values.put("scenario", scenario);
    }

    Line put(String key, Object value) {
      values.put(key, value);
      return this;
    }

    /** Prints the line and returns its figures (the smoke test reads them). */
    Map<String, Object> print() {
      System.out.println(this);
      return values;
    }

    @Override
    public String toString() {
      StringBuilder out = new StringBuilder("BENCH");
      values.forEach((k, v) -> out.append(' ').append(k).append('=').append(format(v)));
      return out.toString();
    }

    private static String format(Object v) {
      if (v instanceof Double d) {
        return String.format(Locale.ROOT, d >= 100 ? "%.1f" : "%.3f", d);
      }
      return String.valueOf(v);
    }
  }
}
