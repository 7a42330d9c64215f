package io.github.centrasage.sync.store.internal;

import io.github.centrasage.sync.store.JdbcDialect;
import java.sql.Connection;

/** PostgreSQL: claimers lock the rows they pick and skip rows another claimer holds. */
public final class PostgresDialect implements JdbcDialect {
  public static final JdbcDialect INSTANCE = new PostgresDialect();

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
  public void beforeClaim(Connection connection) {
    // rows are locked by the claim query itself
  }
}
