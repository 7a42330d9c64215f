package io.github.centrasage.sync.integration;

import io.github.centrasage.sync.SyncException;
import java.util.List;

/**
 * The state store belongs to another Centra tenant or Sage site/company than the clients point at
 * (typically a test company's store reused against the live one). Not retryable: use the store that
 * belongs to this pair, or a new one.
 *
 * <p>Usage: thrown by {@link StoreIdentity#claim}; {@link #differences()} lists what differs.
 */
public class StoreIdentityException extends SyncException {
  private final List<String> differences;

  public StoreIdentityException(List<String> differences) {
    super("This state store belongs to another system: " + String.join("; ", differences)
        + ". Use the store made for this tenant and company, or a new one.", false);
    this.differences = List.copyOf(differences);
  }

  /** What differs, one line each. */
  public List<String> differences() {
    return differences;
  }
}
