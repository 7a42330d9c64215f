package io.github.centrasage.sync.integration;

import io.github.centrasage.sync.SyncConfigurationException;
import java.util.List;

/**
 * The mappings have problems ({@link Integration.Builder#build()} throws it); every problem is listed, so one fix
 * round is enough.
 *
 * <p>Usage: {@code catch (MappingsInvalidException e) { e.problems().forEach(System.err::println); }}
 */
public class MappingsInvalidException extends SyncConfigurationException {
  /** An exception listing {@code problems}. */
  public MappingsInvalidException(List<String> problems) {
    super("mappings", problems);
  }
}
