package io.github.centrasage.sync.store;

import io.github.centrasage.sync.SyncException;
/**
 * A binding would map a Sage id that is already bound to a different Centra id (or the other way
 * round): the identity map must stay one-to-one, so the write is refused.
 *
 * <p>Usage: thrown by {@code SyncStateStore.bind(...)}.
 */
public class BindingConflictException extends SyncException {
  public BindingConflictException(String message) {
    super(message, false);
  }
}
