package io.github.centrasage.sync.store.internal;

import io.github.centrasage.sync.SyncStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the JDBC store's facets reach the database: every call is a transaction of its own
 * on a borrowed connection, with the configured table names, database time, and a retry when the
 * database gave up on the transaction because of a concurrent one (a serialization failure or a
 * deadlock: PostgreSQL asks the client to run such a transaction again, and every piece of work
 * here is a whole transaction, so running it again is safe).
 */
public final class JdbcTransactions {
  private static final Logger log = LoggerFactory.getLogger(JdbcTransactions.class);
  private static final String UNIQUE_VIOLATION = "23505";
  /** SQLSTATEs that mean "the database rolled this transaction back; run it again". */
  private static final String SERIALIZATION_FAILURE = "40001";
  private static final String DEADLOCK = "40P01";
  /** Runs of one transaction, the first included, before a serialization failure is reported. */
  static final int SERIALIZATION_RUNS = 3;

  private final IdleConnections connections;
  private final TableNames names;
  private final JdbcDialect dialect;

  public JdbcTransactions(IdleConnections connections, TableNames names, JdbcDialect dialect) {
    this.connections = connections;
    this.names = names;
    this.dialect = dialect;
  }

  /** Work done inside one transaction. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  public TableNames names() {
    return names;
  }

  public JdbcDialect dialect() {
    return dialect;
  }

  /**
   * Runs {@code work} in a transaction and commits it; runs it again (up to
   * {@value #SERIALIZATION_RUNS} times in all) if the database reports a serialization failure or a
   * deadlock.
   *
   * @throws SyncStoreException on any other database failure, with {@code what} in its message
   */
  public <T> T inTransaction(String what, SqlWork<T> work) {
    for (int run = 1; ; run++) {
      try {
        return once(what, work);
      } catch (SyncStoreException e) {
        if (run >= SERIALIZATION_RUNS || !isSerializationFailure(e.getCause())) {
          throw e;
        }
        log.debug("State store transaction to {} lost to a concurrent one; running it again", what);
      }
    }
  }

  /** Runs {@code work}; if a concurrent insert wins a key, runs it once more (it then updates). */
  public <T> T retryOnDuplicate(String what, SqlWork<T> work) {
    try {
      return inTransaction(what, work);
    } catch (SyncStoreException e) {
      if (isUniqueViolation(e)) {
        return inTransaction(what, work);
      }
      throw e;
    }
  }

  private <T> T once(String what, SqlWork<T> work) {
    Connection c;
    try {
      c = connections.borrow();
    } catch (SQLException e) {
      throw failure(what, e);
    }
    boolean clean = false;
    try {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      T result;
      try {
        result = work.run(c);
        c.commit();
      } catch (Throwable e) {
        // also for Errors: restoring auto-commit on an open transaction would commit half the work
        clean = rollbackQuietly(c) && restoreQuietly(c, autoCommit);
        throw e;
      }
      c.setAutoCommit(autoCommit);
      clean = true;
      return result;
    } catch (SQLException e) {
      throw failure(what, e);
    } finally {
      connections.giveBack(c, clean);
    }
  }

  private static SyncStoreException failure(String what, SQLException e) {
    return new SyncStoreException("State store failed to " + what + " (SQLState " + e.getSQLState() + ")", e);
  }

  private static boolean rollbackQuietly(Connection c) {
    try {
      c.rollback();
      return true;
    } catch (SQLException suppressed) {
      log.debug("rollback failed", suppressed);
      return false;
    }
  }

  private static boolean restoreQuietly(Connection c, boolean autoCommit) {
    try {
      c.setAutoCommit(autoCommit);
      return true;
    } catch (SQLException suppressed) {
      log.debug("restoring auto-commit failed", suppressed);
      return false;
    }
  }

  /** Whether the store failure was a duplicate key. */
  public static boolean isUniqueViolation(SyncStoreException e) {
    return e.getCause() instanceof SQLException && hasState((SQLException) e.getCause(), UNIQUE_VIOLATION);
  }

  static boolean isSerializationFailure(Throwable cause) {
    return cause instanceof SQLException
        && (hasState((SQLException) cause, SERIALIZATION_FAILURE) || hasState((SQLException) cause, DEADLOCK));
  }

  static boolean hasState(SQLException e, String... states) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      for (String state : states) {
        if (state.equals(x.getSQLState())) {
          return true;
        }
      }
    }
    return false;
  }

  /** The database's clock: one reading per transaction, so engine instances with drifting clocks agree. */
  public static Instant dbNow(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CURRENT_TIMESTAMP")) {
      rs.next();
      return rs.getObject(1, OffsetDateTime.class).toInstant();
    }
  }

  public static OffsetDateTime ts(Instant instant) {
    // the databases keep microseconds; truncating here keeps what we write equal to what we read
    return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** {@code sql} (written with the default table names) prepared with {@code params}. */
  public PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
    PreparedStatement ps = c.prepareStatement(names.sql(sql));
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      ps.setObject(i + 1, p instanceof Instant ? ts((Instant) p) : p);
    }
    return ps;
  }

  public void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(names.sql(sql));
    }
  }

  public int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, params)) {
      return ps.executeUpdate();
    }
  }

  /** Reads one row of a result. */
  @FunctionalInterface
  public interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** Every row of the query, read by {@code row}, in the query's order. */
  public <T> List<T> list(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
    List<T> result = new ArrayList<>();
    try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        result.add(row.read(rs));
      }
    }
    return result;
  }

  /** Whether the query finds a row. */
  public boolean exists(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
      return rs.next();
    }
  }

  /** {@code n} comma-separated placeholders, for an IN list. */
  public static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }
}
