package io.github.centrasage.sync.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** H2: claims take turns on the {@code sync_mutex} row, so the key-order rule holds without SKIP LOCKED. */
public final class H2Dialect implements JdbcDialect {
  public static final JdbcDialect INSTANCE = new H2Dialect();

  private H2Dialect() {}

  @Override
  public String name() {
    return "H2";
  }

  @Override
  public String nextValue(String sequence) {
    return "NEXT VALUE FOR " + sequence;
  }

  @Override
  public String claimLockClause() {
    return "";
  }

  @Override
  public void beforeMigrate(Connection connection) {
    // an embedded H2 file is opened by one process; nothing to coordinate
  }

  @Override
  public void beforeClaim(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("SELECT name FROM sync_mutex WHERE name = 'claim' FOR UPDATE");
    }
  }
}
