package io.github.centrasage.sync.store.internal;

import static io.github.centrasage.sync.store.internal.JdbcTransactions.dbNow;

import io.github.centrasage.sync.spi.Cursor;
import io.github.centrasage.sync.spi.CursorMove;
import io.github.centrasage.sync.spi.CursorStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Cursors in the {@code sync_cursor} table; the job queue moves them inside its enqueue transaction. */
public final class JdbcCursors implements CursorStore {
  private final JdbcTransactions tx;

  public JdbcCursors(JdbcTransactions tx) {
    this.tx = tx;
  }

  @Override
  public Optional<Cursor> cursor(String name) {
    return tx.inTransaction("read cursor " + name, c -> {
      try (PreparedStatement ps = tx.prepare(c, "SELECT cursor_value, updated_at FROM sync_cursor WHERE name = ?", name);
          ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(Cursor.builder().name(name).value(rs.getString(1))
            .updatedAt(JdbcTransactions.instant(rs, "updated_at")).build());
      }
    });
  }

  @Override
  public void putCursor(String name, String value) {
    tx.inTransaction("write cursor " + name, c -> {
      write(c, CursorMove.of(name, value), dbNow(c));
      return null;
    });
  }

  /** Moves a cursor inside the caller's transaction. */
  void write(Connection c, CursorMove move, Instant now) throws SQLException {
    // one discover step per flow runs at a time (flow lease), so update-then-insert does not race
    if (tx.update(c, "UPDATE sync_cursor SET cursor_value = ?, updated_at = ? WHERE name = ?",
        move.value(), now, move.name()) == 0) {
      tx.update(c, "INSERT INTO sync_cursor (name, cursor_value, updated_at) VALUES (?, ?, ?)",
          move.name(), move.value(), now);
    }
  }
}
