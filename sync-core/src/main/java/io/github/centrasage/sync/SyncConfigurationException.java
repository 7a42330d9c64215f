package io.github.centrasage.sync;

import java.util.List;

/**
 * The engine (or a flow) is set up wrong; every problem is listed, so one round of fixes is enough.
 * {@link SyncEngine.Builder#build()} throws it with the problems its flows report.
 *
 * <p>Usage: {@code catch (SyncConfigurationException e) { e.problems().forEach(System.err::println); }}
 */
public class SyncConfigurationException extends SyncException {
  private final List<String> problems;

  /** An exception listing {@code problems}; {@code what} names what is set up wrong ("mappings"). */
  public SyncConfigurationException(String what, List<String> problems) {
    super("Invalid " + what + " (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n  - "
        + String.join("\n  - ", problems), false);
    this.problems = List.copyOf(problems);
  }

  /** Every problem found. */
  public List<String> problems() {
    return problems;
  }
}
