package io.github.centrasage.testing.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * One embedded PostgreSQL server (io.zonky binaries, a free port) for every PostgreSQL contract
 * class of this JVM: started on first use, stopped when the JVM exits. The classes run one after
 * the other and each test starts on a dropped schema.
 */
final class TestPostgres {
  private static EmbeddedPostgres server;

  private TestPostgres() {}

  static synchronized DataSource dataSource() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      EmbeddedPostgres started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (IOException ignored) {
          // the JVM is exiting; the server's directory is temporary
        }
      }));
    }
    return server.getPostgresDatabase();
  }

  /** Drops {@code schema} with everything in it; recreates it if {@code recreate}. */
  static void dropSchema(String schema, boolean recreate) {
    try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      if (recreate) {
        s.execute("CREATE SCHEMA " + schema);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
