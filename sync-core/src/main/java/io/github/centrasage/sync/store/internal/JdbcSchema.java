package io.github.centrasage.sync.store.internal;

import io.github.centrasage.sync.SyncStoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC store's schema: migrates it from the {@code .sql} scripts of its dialect (see
 * {@link Schema}), checks that a schema applied by someone else is complete, and reads its version.
 */
public final class JdbcSchema {
  private static final Logger log = LoggerFactory.getLogger(JdbcSchema.class);

  private final JdbcTransactions tx;

  public JdbcSchema(JdbcTransactions tx) {
    this.tx = tx;
  }

  /**
   * Creates or migrates the schema to {@link Schema#latestVersion()}. When another instance migrates
   * at the same moment and wins, this one finds its committed schema on a second try.
   */
  public void migrateOrJoin() {
    try {
      migrate();
    } catch (SyncStoreException e) {
      if (!isConcurrentMigration(e)) {
        throw e;
      }
      migrate();
    }
  }

  /** A duplicate key (PostgreSQL's catalog, our version row) or an existing table (H2). */
  private static boolean isConcurrentMigration(SyncStoreException e) {
    return e.getCause() instanceof SQLException
        && JdbcTransactions.hasState((SQLException) e.getCause(), "23505", "42P07", "42S01");
  }

  private void migrate() {
    JdbcDialect dialect = tx.dialect();
    TableNames names = tx.names();
    tx.inTransaction("migrate the schema", c -> {
      dialect.beforeMigrate(names.rewriting(c));
      if (names.schema().isPresent()) {
        tx.execute(c, "CREATE SCHEMA IF NOT EXISTS " + names.schema().get());
      }
      tx.execute(c, "CREATE TABLE IF NOT EXISTS sync_schema_version (version INT PRIMARY KEY,"
          + " applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
      int current;
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(names.sql("SELECT COALESCE(MAX(version), 0) FROM sync_schema_version"))) {
        rs.next();
        current = rs.getInt(1);
      }
      if (current > Schema.latestVersion()) {
        throw new SyncStoreException("The state store schema is at version " + current
            + ", newer than this library knows (" + Schema.latestVersion() + "); upgrade the library", null);
      }
      for (int v = current; v < Schema.latestVersion(); v++) {
        for (String sql : Schema.migrations(Schema.folder(dialect.name())).get(v)) {
          tx.execute(c, sql);
        }
        // a second instance migrating at the same time fails on this primary key and rolls back
        tx.update(c, "INSERT INTO sync_schema_version (version, applied_at) VALUES (?, CURRENT_TIMESTAMP)", v + 1);
        log.info("State store schema migrated to version {} ({})", v + 1, dialect.name());
      }
      return null;
    });
  }

  /**
   * Checks that every table and column the store uses exists.
   *
   * @throws SyncStoreException listing everything that is missing
   */
  public void validate() {
    JdbcDialect dialect = tx.dialect();
    List<String> problems = new ArrayList<>();
    Schema.tables(Schema.folder(dialect.name())).forEach((table, columns) -> {
      String name = tx.names().table(table);
      try {
        Set<String> found = tx.inTransaction("check table " + name, c -> {
          Set<String> seen = new HashSet<>();
          try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + name + " WHERE 1 = 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
              seen.add(rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT));
            }
          }
          return seen;
        });
        List<String> missing = columns.stream().filter(col -> !found.contains(col)).collect(Collectors.toList());
        if (!missing.isEmpty()) {
          problems.add("table " + name + " lacks columns " + missing);
        }
      } catch (SyncStoreException e) {
        problems.add("table " + name + " is missing or unreadable (" + e.getMessage() + ")");
      }
    });
    if (!problems.isEmpty()) {
      throw new SyncStoreException("The state store schema (" + dialect.name() + ", version "
          + Schema.latestVersion() + ") is not in the database: " + String.join("; ", problems)
          + ". Apply the scripts under io/github/centrasage/sync/store/schema/" + Schema.folder(dialect.name())
          + "/ or build the store with SchemaManagement.MIGRATE", null);
    }
  }

  /** The schema version of the database. */
  public int version() {
    return tx.inTransaction("read the schema version", c -> {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(tx.names().sql("SELECT MAX(version) FROM sync_schema_version"))) {
        rs.next();
        return rs.getInt(1);
      }
    });
  }
}
