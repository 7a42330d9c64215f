package io.github.centrasage.sync.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections the store keeps open between calls, for a {@link DataSource} that opens a new
 * physical connection on every {@code getConnection()} (PostgreSQL's {@code PGSimpleDataSource}).
 * Such a connection costs a TCP handshake, authentication and, on PostgreSQL, a new server process:
 * about 20 ms on a loaded machine, and an engine cycle makes hundreds of store calls. With
 * {@code maxIdle} 0 every connection is closed after use, which is right for a pooling data source.
 */
public final class IdleConnections implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IdleConnections.class);

  private final DataSource dataSource;
  private final int maxIdle;
  private final Deque<Connection> idle = new ArrayDeque<>();
  private boolean closed;

  public IdleConnections(DataSource dataSource, int maxIdle) {
    this.dataSource = dataSource;
    this.maxIdle = maxIdle;
  }

  /** An idle connection, or a new one from the data source. */
  public Connection borrow() throws SQLException {
    synchronized (idle) {
      Connection c = idle.pollLast();
      if (c != null) {
        return c;
      }
    }
    return dataSource.getConnection();
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
          idle.addLast(c);
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
      idle.forEach(IdleConnections::closeQuietly);
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
}
