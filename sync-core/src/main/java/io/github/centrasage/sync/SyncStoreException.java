package io.github.centrasage.sync;

/**
 * The state store could not be read or written (database down, connection lost, schema problem).
 * Retryable: the database may come back.
 *
 * <p>Usage: thrown by {@code JdbcSyncStateStore} methods; the engine logs it and tries the cycle again.
 */
public class SyncStoreException extends SyncException {
  public SyncStoreException(String message, Throwable cause) {
    super(message, cause, true);
  }
}
