package io.github.centrasage.spring;

import java.util.List;

/**
 * The {@code centra-sage200} configuration cannot work; {@link #problems()} lists every problem
 * found (properties, mappings and each flow's own checks), not just the first.
 */
public class CentraSage200ConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  /** An exception listing {@code problems}. */
  public CentraSage200ConfigurationException(List<String> problems) {
    super("centra-sage200 is not configured correctly (" + problems.size() + " problem"
        + (problems.size() == 1 ? "" : "s") + "):\n - " + String.join("\n - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, one sentence each. */
  public List<String> problems() {
    return problems;
  }
}
