package io.github.centrasage.sync.store.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What differs between the databases {@code JdbcSyncStateStore} runs on: how a sequence is read
 * and how concurrent claims are kept apart. PostgreSQL lets claimers skip each other's rows
 * ({@code FOR UPDATE SKIP LOCKED}); H2 has no such clause that is safe with our key-order rule, so
 * its claims take turns on a one-row mutex, which is correct and less concurrent.
 *
 * <p>Internal: users pick a database with {@code JdbcSyncStateStore.Dialect}, or let the store detect it.
 */
public interface JdbcDialect {
  /** A short name for logs. */
  String name();

  /** SQL expression that yields the next value of {@code sequence}. */
  String nextValue(String sequence);

  /** Clause appended to the claim query (after {@code LIMIT}) that locks the chosen rows, or empty. */
  String claimLockClause();

  /**
   * Called at the start of a claim transaction, before the claim query; a dialect whose claims
   * must take turns locks a mutex row here.
   */
  void beforeClaim(Connection connection) throws SQLException;

  /**
   * Called at the start of the migration transaction; a dialect whose databases are shared by
   * several instances takes a lock here so they migrate one after the other.
   */
  void beforeMigrate(Connection connection) throws SQLException;

  /** The dialect for H2 2.x (the embedded default). */
  static JdbcDialect h2() {
    return H2Dialect.INSTANCE;
  }

  /** The dialect for PostgreSQL 10 or newer. */
  static JdbcDialect postgresql() {
    return PostgresDialect.INSTANCE;
  }

  /**
   * Picks the dialect from the database product name.
   *
   * @throws IllegalArgumentException for a database no dialect supports
   */
  static JdbcDialect detect(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    if (product.toLowerCase(java.util.Locale.ROOT).contains("postgres")) {
      return postgresql();
    }
    if (product.equalsIgnoreCase("H2")) {
      return h2();
    }
    throw new IllegalArgumentException(
        "No dialect for database '" + product + "'; supported are H2 and PostgreSQL");
  }
}
