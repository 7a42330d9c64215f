package io.github.centrasage.sync;

import java.util.List;

/**
 * The mappings (or the flows' view of them) have problems; every problem is listed, so one fix
 * round is enough.
 *
 * <p>Usage: {@code catch (MappingsInvalidException e) { e.problems().forEach(System.err::println); }}
 */
public class MappingsInvalidException extends SyncException {
  private final List<String> problems;

  public MappingsInvalidException(List<String> problems) {
    super("Invalid mappings (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n  - "
        + String.join("\n  - ", problems), false);
    this.problems = List.copyOf(problems);
  }

  /** Every problem found. */
  public List<String> problems() {
    return problems;
  }
}
