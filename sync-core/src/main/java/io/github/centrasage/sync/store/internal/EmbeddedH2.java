package io.github.centrasage.sync.store.internal;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/** The connection pool of an embedded H2 file database the store owns and closes. */
public final class EmbeddedH2 implements AutoCloseable {
  private final JdbcConnectionPool pool;

  private EmbeddedH2(JdbcConnectionPool pool) {
    this.pool = pool;
  }

  /** Opens (or creates) the database at {@code file}; H2 adds {@code .mv.db}. */
  public static EmbeddedH2 open(Path file) {
    // LOCK_TIMEOUT: claims take turns on a mutex row; waiting 10 s beats H2's 1 s default under load.
    // WRITE_DELAY=0: H2 otherwise writes commits to the file up to 500 ms later, so a killed
    // process lost jobs it had completed and ran them again (the reliability suite's crash test).
    return new EmbeddedH2(JdbcConnectionPool.create(
        "jdbc:h2:file:" + file.toAbsolutePath() + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0", "sa", ""));
  }

  public DataSource dataSource() {
    return pool;
  }

  @Override
  public void close() {
    pool.dispose();
  }
}
