package io.github.centrasage.sync.spi;

import java.util.Optional;

/**
 * Durable cursors of discover steps. To move a cursor together with the jobs found, use
 * {@link JobQueue#enqueue(java.util.Collection, Optional)}.
 *
 * <p>Usage: {@code String since = store.cursor("OrderImport").map(Cursor::value).orElse("1970-01-01T00:00:00Z");}
 */
public interface CursorStore {
  /** The cursor, if it was ever written. */
  Optional<Cursor> cursor(String name);

  /** Writes a cursor on its own (no jobs with it). */
  void putCursor(String name, String value);
}
