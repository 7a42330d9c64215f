package io.github.centrasage.sync.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections the store keeps open between calls, for a {@link DataSource} that opens a new
 * physical connection on every {@code getConnection()} (PostgreSQL's {@code PGSimpleDataSource}).
 * Such a connection costs a TCP handshake, authentication and, on PostgreSQL, a new server process:
 * tens of milliseconds on a loaded machine, and an engine cycle makes hundreds of store calls. With
 * {@code maxIdle} 0 every connection is closed after use, which is right for a pooling data source.
 */
public final class IdleConnections implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IdleConnections.class);
  /** A connection idle longer than this is validated before reuse. */
  private static final long CHECK_AFTER_NANOS = 10_000_000_000L;

  private final DataSource dataSource;
  private final int maxIdle;
  /** Kept connections, the most recently returned last. */
  private final Deque<Kept> idle = new ArrayDeque<>();
  private final LongSupplier nanoTime;
  private boolean closed;

  public IdleConnections(DataSource dataSource, int maxIdle) {
    this(dataSource, maxIdle, System::nanoTime);
  }

  /** With a settable clock, for tests. */
  public IdleConnections(DataSource dataSource, int maxIdle, LongSupplier nanoTime) {
    this.dataSource = dataSource;
    this.maxIdle = maxIdle;
    this.nanoTime = nanoTime;
  }

  /**
   * An idle connection, or a new one from the data source. One idle for a while is checked first
   * (the server or a firewall may have dropped it), so a store call does not fail on a dead socket.
   */
  public Connection borrow() throws SQLException {
    while (true) {
      Kept kept;
      synchronized (idle) {
        kept = idle.pollLast();
      }
      if (kept == null) {
        return dataSource.getConnection();
      }
      if (nanoTime.getAsLong() - kept.returnedAt < CHECK_AFTER_NANOS || isValid(kept.connection)) {
        return kept.connection;
      }
      closeQuietly(kept.connection);
    }
  }

  private static boolean isValid(Connection c) {
    try {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * Takes {@code c} back after use. It is kept only if {@code clean} (its transaction ended with a
   * commit or a rollback and auto-commit is restored): a connection that failed may be broken, and
   * one with an open transaction would hold its locks.
   */
  public void giveBack(Connection c, boolean clean) {
    if (clean && maxIdle > 0) {
      synchronized (idle) {
        if (!closed && idle.size() < maxIdle) {
          idle.addLast(new Kept(c, nanoTime.getAsLong()));
          return;
        }
      }
    }
    closeQuietly(c);
  }

  @Override
  public void close() {
    synchronized (idle) {
      closed = true;
      idle.forEach(kept -> closeQuietly(kept.connection));
      idle.clear();
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      log.debug("closing a state store connection failed", e);
    }
  }

  private record Kept(Connection connection, long returnedAt) {}
}
