package io.github.centrasage.sync.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** PostgreSQL: claimers lock the rows they pick and skip rows another claimer holds. */
public final class PostgresDialect implements JdbcDialect {
  public static final JdbcDialect INSTANCE = new PostgresDialect();
  /** An arbitrary advisory-lock key for schema migrations ("centrasage" on a phone keypad). */
  private static final long MIGRATION_LOCK = 2368727243L;

  private PostgresDialect() {}

  @Override
  public String name() {
    return "PostgreSQL";
  }

  @Override
  public String nextValue(String sequence) {
    return "nextval('" + sequence + "')";
  }

  @Override
  public String claimLockClause() {
    return " FOR UPDATE OF j SKIP LOCKED";
  }

  @Override
  public void beforeMigrate(Connection connection) throws SQLException {
    // released at commit; a second instance waits, then finds the schema at the latest version
    try (Statement s = connection.createStatement()) {
      s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
    }
  }

  @Override
  public void beforeClaim(Connection connection) {
    // rows are locked by the claim query itself
  }
}
