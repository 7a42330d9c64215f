package io.github.centrasage.sync.store;

import io.github.centrasage.sync.BindingConflictException;
import io.github.centrasage.sync.SyncStoreException;
import io.github.centrasage.sync.spi.Allocation;
import io.github.centrasage.sync.spi.Binding;
import io.github.centrasage.sync.spi.Coalescing;
import io.github.centrasage.sync.spi.Cursor;
import io.github.centrasage.sync.spi.CursorMove;
import io.github.centrasage.sync.spi.FailureKind;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobAttempt;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.spi.NewJob;
import io.github.centrasage.sync.spi.StockVersion;
import io.github.centrasage.sync.spi.SyncStateStore;
import io.github.centrasage.sync.store.internal.EmbeddedH2;
import io.github.centrasage.sync.store.internal.IdleConnections;
import io.github.centrasage.sync.store.internal.ReasonLines;
import io.github.centrasage.sync.store.internal.Schema;
import io.github.centrasage.sync.store.internal.TableNames;
import io.github.centrasage.sync.store.internal.StoreChecks;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SyncStateStore} in a relational database reached through any {@link DataSource}: H2
 * (the embedded default, a file database that survives restarts) or PostgreSQL (several engine
 * instances sharing one database). By default the schema is created and migrated when the store
 * is built, from the {@code .sql} scripts under {@code io/github/centrasage/sync/store/schema/h2/}
 * and {@code .../postgresql/} in this jar, and its version is kept in {@code sync_schema_version};
 * {@link Builder#schemaManagement} leaves it to Flyway, Liquibase or a DBA instead (optionally
 * checking it), and {@link Builder#tablePrefix} / {@link Builder#schemaName} place the tables. All
 * times (due times, leases) are database time, read once per transaction, so engine instances with
 * drifting clocks still agree.
 *
 * <p>Give it a pooling data source (HikariCP), or set {@link Builder#idleConnections} for one that
 * opens a physical connection per call ({@code PGSimpleDataSource}): every store call is a
 * transaction of its own, and a new PostgreSQL connection costs far more than the call.
 *
 * <p>Usage: {@code SyncStateStore store = JdbcSyncStateStore.builder(dataSource).build();}
 */
public final class JdbcSyncStateStore implements SyncStateStore {
  private static final int LEDGER_CHUNK = 500;
  private static final Logger log = LoggerFactory.getLogger(JdbcSyncStateStore.class);
  private static final String JOB_COLUMNS =
      "id, flow, job_key, payload, reference, state, attempts, locked_attempts, ambiguous, next_run_at,"
          + " created_at, updated_at, last_error, park_reasons, lease_owner, lease_until";
  private static final String UNIQUE_VIOLATION = "23505";

  private final IdleConnections connections;
  private final JdbcDialect dialect;
  private final TableNames names;
  private final AutoCloseable ownedResource;

  private JdbcSyncStateStore(IdleConnections connections, JdbcDialect dialect, TableNames names,
      AutoCloseable ownedResource) {
    this.connections = connections;
    this.dialect = dialect;
    this.names = names;
    this.ownedResource = ownedResource;
  }

  /** What {@link Builder#build()} does about the schema. */
  public enum SchemaManagement {
    /** Creates the tables if missing and applies newer versions (the default). */
    MIGRATE,
    /**
     * Changes nothing; checks that every table and column the store uses exists and fails listing
     * all that are missing (for a schema applied by Flyway, Liquibase or a DBA).
     */
    VALIDATE,
    /** Changes and checks nothing: the first call that finds a table missing fails. */
    NONE
  }

  /** A builder over {@code dataSource}; the store never closes it. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /**
   * An embedded H2 file database at {@code file} (H2 adds {@code .mv.db}), created if missing,
   * with a small connection pool the store closes on {@link #close()}. Needs {@code com.h2database:h2}
   * on the classpath.
   *
   * <p>Usage: {@code JdbcSyncStateStore.embeddedH2(Path.of("data/sync"))}.
   */
  public static JdbcSyncStateStore embeddedH2(Path file) {
    // H2 classes are only touched inside EmbeddedH2, so this class loads without H2 present
    EmbeddedH2 pool = EmbeddedH2.open(file);
    try {
      return new Builder(pool.dataSource()).dialect(JdbcDialect.h2()).build(pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** Builds a {@link JdbcSyncStateStore}. */
  public static final class Builder {
    private final DataSource dataSource;
    private JdbcDialect dialect;
    private int idleConnections;
    private SchemaManagement schemaManagement = SchemaManagement.MIGRATE;
    private String tablePrefix = TableNames.DEFAULT_PREFIX;
    private String schemaName;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The dialect; detected from the database's product name if not set. */
    public Builder dialect(JdbcDialect dialect) {
      this.dialect = Objects.requireNonNull(dialect, "dialect");
      return this;
    }

    /**
     * Keeps up to {@code max} connections open between calls and reuses them (default 0: every
     * connection is closed after its transaction). Set it for a data source that opens a new
     * physical connection per {@code getConnection()}, such as PostgreSQL's
     * {@code PGSimpleDataSource}: each costs a handshake, authentication and a server process
     * (about 20 ms on a loaded machine), and an engine cycle makes hundreds of store calls. Leave
     * it at 0 with a pooling data source (HikariCP), which already does this. A connection whose
     * transaction failed is closed, not kept; {@link #close()} closes the kept ones.
     */
    public Builder idleConnections(int max) {
      if (max < 0) {
        throw new IllegalArgumentException("idleConnections must be 0 or more, was " + max);
      }
      this.idleConnections = max;
      return this;
    }

    /** What to do about the schema when the store is built (default {@link SchemaManagement#MIGRATE}). */
    public Builder schemaManagement(SchemaManagement management) {
      this.schemaManagement = Objects.requireNonNull(management, "management");
      return this;
    }

    /**
     * The prefix of every table, sequence and index name (default {@code sync_}, giving
     * {@code sync_job}, {@code sync_cursor}, ...): a letter, then letters, digits or underscores.
     * The shipped {@code .sql} scripts use the default; see the operations docs for applying them
     * with another prefix.
     */
    public Builder tablePrefix(String prefix) {
      this.tablePrefix = TableNames.checkIdentifier("tablePrefix", prefix);
      return this;
    }

    /**
     * The database schema the tables live in (default: the connection's current schema). With
     * {@link SchemaManagement#MIGRATE} it is created if missing.
     */
    public Builder schemaName(String schema) {
      this.schemaName = TableNames.checkIdentifier("schemaName", schema);
      return this;
    }

    /**
     * Connects, then creates or migrates the schema (or checks it, or neither: see
     * {@link #schemaManagement}), and returns the store.
     *
     * @throws SyncStoreException if the database cannot be reached or migrated
     */
    public JdbcSyncStateStore build() {
      return build(null);
    }

    private JdbcSyncStateStore build(AutoCloseable owned) {
      JdbcDialect d = dialect;
      if (d == null) {
        try (Connection c = dataSource.getConnection()) {
          d = JdbcDialect.detect(c);
        } catch (SQLException e) {
          throw new SyncStoreException("Could not connect to detect the database dialect", e);
        }
      }
      TableNames names = new TableNames(tablePrefix, Optional.ofNullable(schemaName), d == JdbcDialect.h2());
      JdbcSyncStateStore store = new JdbcSyncStateStore(
          new IdleConnections(dataSource, idleConnections), d, names, owned);
      if (schemaManagement != SchemaManagement.MIGRATE) {
        if (schemaManagement == SchemaManagement.VALIDATE) {
          try {
            store.validate();
          } catch (RuntimeException e) {
            store.connections.close();
            throw e;
          }
        }
        return store;
      }
      try {
        store.migrate();
      } catch (SyncStoreException e) {
        if (!(e.getCause() instanceof SQLException) || !isConcurrentMigration((SQLException) e.getCause())) {
          store.connections.close();
          throw e;
        }
        // another instance migrated at the same moment and won; its schema is now committed
        store.migrate();
      }
      return store;
    }
  }

  // ---- plumbing

  @FunctionalInterface
  private interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T inTransaction(String what, SqlWork<T> work) {
    Connection c;
    try {
      c = connections.borrow();
    } catch (SQLException e) {
      throw new SyncStoreException("State store failed to " + what + " (SQLState " + e.getSQLState() + ")", e);
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
      throw new SyncStoreException("State store failed to " + what + " (SQLState " + e.getSQLState() + ")", e);
    } finally {
      connections.giveBack(c, clean);
    }
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

  private static boolean isUniqueViolation(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      if (UNIQUE_VIOLATION.equals(x.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** A duplicate key (PostgreSQL's catalog, our version row) or an existing table (H2). */
  private static boolean isConcurrentMigration(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      String state = x.getSQLState();
      if (UNIQUE_VIOLATION.equals(state) || "42P07".equals(state) || "42S01".equals(state)) {
        return true;
      }
    }
    return false;
  }

  private static Instant dbNow(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CURRENT_TIMESTAMP")) {
      rs.next();
      return rs.getObject(1, OffsetDateTime.class).toInstant();
    }
  }

  private static OffsetDateTime ts(Instant instant) {
    // the databases keep microseconds; truncating here keeps what we write equal to what we read
    return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
    PreparedStatement ps = c.prepareStatement(names.sql(sql));
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      ps.setObject(i + 1, p instanceof Instant ? ts((Instant) p) : p);
    }
    return ps;
  }

  private void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(names.sql(sql));
    }
  }

  private int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, params)) {
      return ps.executeUpdate();
    }
  }

  private void migrate() {
    inTransaction("migrate the schema", c -> {
      dialect.beforeMigrate(names.rewriting(c));
      if (names.schema().isPresent()) {
        execute(c, "CREATE SCHEMA IF NOT EXISTS " + names.schema().get());
      }
      execute(c, "CREATE TABLE IF NOT EXISTS sync_schema_version (version INT PRIMARY KEY,"
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
          execute(c, sql);
        }
        // a second instance migrating at the same time fails on this primary key and rolls back
        update(c, "INSERT INTO sync_schema_version (version, applied_at) VALUES (?, CURRENT_TIMESTAMP)", v + 1);
        log.info("State store schema migrated to version {} ({})", v + 1, dialect.name());
      }
      return null;
    });
  }

  private void validate() {
    List<String> problems = new ArrayList<>();
    Schema.tables(Schema.folder(dialect.name())).forEach((table, columns) -> {
      String name = names.table(table);
      try {
        Set<String> found = inTransaction("check table " + name, c -> {
          Set<String> seen = new java.util.HashSet<>();
          try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + name + " WHERE 1 = 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
              seen.add(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT));
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
  public int schemaVersion() {
    return inTransaction("read the schema version", c -> {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(names.sql("SELECT MAX(version) FROM sync_schema_version"))) {
        rs.next();
        return rs.getInt(1);
      }
    });
  }

  @Override
  public Instant now() {
    return inTransaction("read the database time", JdbcSyncStateStore::dbNow);
  }

  @Override
  public void close() {
    connections.close();
    if (ownedResource != null) {
      try {
        ownedResource.close();
      } catch (Exception e) {
        log.warn("Closing the state store's connection pool failed", e);
      }
    }
  }

  // ---- cursors

  @Override
  public Optional<Cursor> cursor(String name) {
    return inTransaction("read cursor " + name, c -> {
      try (PreparedStatement ps = prepare(c, "SELECT cursor_value, updated_at FROM sync_cursor WHERE name = ?", name);
          ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(Cursor.builder().name(name).value(rs.getString(1)).updatedAt(instant(rs, "updated_at")).build());
      }
    });
  }

  @Override
  public void putCursor(String name, String value) {
    inTransaction("write cursor " + name, c -> {
      writeCursor(c, CursorMove.of(name, value), dbNow(c));
      return null;
    });
  }

  private void writeCursor(Connection c, CursorMove move, Instant now) throws SQLException {
    // one discover step per flow runs at a time (flow lease), so update-then-insert does not race
    if (update(c, "UPDATE sync_cursor SET cursor_value = ?, updated_at = ? WHERE name = ?",
        move.value(), now, move.name()) == 0) {
      update(c, "INSERT INTO sync_cursor (name, cursor_value, updated_at) VALUES (?, ?, ?)",
          move.name(), move.value(), now);
    }
  }

  // ---- job queue

  @Override
  public List<Job> enqueue(Collection<NewJob> newJobs, Optional<CursorMove> cursor) {
    return inTransaction("enqueue jobs", c -> {
      Instant now = dbNow(c);
      List<Long> ids = new ArrayList<>(newJobs.size());
      for (NewJob nj : newJobs) {
        Long folded = nj.coalescing() == Coalescing.NONE ? null : coalesce(c, nj, now);
        ids.add(folded != null ? folded : insert(c, nj, now));
      }
      cursor.ifPresent(move -> {
        try {
          writeCursor(c, move, now);
        } catch (SQLException e) {
          throw new SyncStoreException("State store failed to move cursor " + move.name(), e);
        }
      });
      Map<Long, Job> byId = jobsById(c, ids);
      return ids.stream().map(byId::get).collect(Collectors.toList());
    });
  }

  private Long coalesce(Connection c, NewJob nj, Instant now) throws SQLException {
    // KEEP_EXISTING also folds into a parked job, which stays parked (see Coalescing)
    String states = nj.coalescing() == Coalescing.KEEP_EXISTING
        ? "('QUEUED', 'RETRYING', 'PARKED')" : "('QUEUED', 'RETRYING')";
    Long waiting = null;
    try (PreparedStatement ps = prepare(c, "SELECT id FROM sync_job WHERE flow = ? AND job_key = ?"
            + " AND state IN " + states + " ORDER BY seq DESC LIMIT 1", nj.flow(), nj.key());
        ResultSet rs = ps.executeQuery()) {
      if (rs.next()) {
        waiting = rs.getLong(1);
      }
    }
    if (waiting == null) {
      return null;
    }
    // the state condition loses against a concurrent claim: then the new job is inserted instead
    int changed = nj.coalescing() == Coalescing.KEEP_NEWEST
        ? update(c, "UPDATE sync_job SET payload = ?, reference = ?, updated_at = ?"
            + " WHERE id = ? AND state IN ('QUEUED', 'RETRYING')", nj.payload(), nj.reference(), now, waiting)
        : update(c, "UPDATE sync_job SET updated_at = ? WHERE id = ? AND state IN " + states, now, waiting);
    return changed == 1 ? waiting : null;
  }

  private long insert(Connection c, NewJob nj, Instant now) throws SQLException {
    String sql = "INSERT INTO sync_job (seq, flow, job_key, payload, reference, state, attempts, locked_attempts,"
        + " ambiguous, next_run_at, created_at, updated_at) VALUES (" + dialect.nextValue("sync_job_seq")
        + ", ?, ?, ?, ?, 'QUEUED', 0, 0, FALSE, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(names.sql(sql), new String[] {"id"})) {
      ps.setString(1, nj.flow());
      ps.setString(2, nj.key());
      ps.setString(3, nj.payload());
      ps.setString(4, nj.reference());
      ps.setObject(5, ts(now.plus(nj.delay())));
      ps.setObject(6, ts(now));
      ps.setObject(7, ts(now));
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  @Override
  public List<Job> claim(String flow, String owner, int limit, Duration lease) {
    StoreChecks.claimArguments(owner, limit, lease);
    return inTransaction("claim jobs of " + flow, c -> {
      dialect.beforeClaim(names.rewriting(c));
      Instant now = dbNow(c);
      // Only the head of each key (its pending job with the lowest seq) may run: that keeps a
      // key's jobs in order and one at a time, because a job is claimed only while it is the head
      // and stays the head while it runs (new and replayed jobs get a higher seq). The correlated
      // subquery is written so it is always an index probe on (flow, job_key, seq), even on a
      // freshly created table the planner has no statistics for.
      String sql = "SELECT j.id FROM sync_job j WHERE j.flow = ?"
          + " AND ((j.state IN ('QUEUED', 'RETRYING') AND j.next_run_at <= ?)"
          + "   OR (j.state = 'RUNNING' AND j.lease_until <= ?))"
          + " AND j.seq = (SELECT MIN(e.seq) FROM sync_job e WHERE e.flow = j.flow AND e.job_key = j.job_key"
          + "   AND e.state IN ('QUEUED', 'RETRYING', 'RUNNING'))"
          + " ORDER BY j.next_run_at, j.seq LIMIT ?" + dialect.claimLockClause();
      List<Long> candidates = new ArrayList<>();
      try (PreparedStatement ps = prepare(c, sql, flow, now, now, limit); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          candidates.add(rs.getLong(1));
        }
      }
      List<Long> claimed = new ArrayList<>();
      for (Long id : candidates) {
        if (update(c, "UPDATE sync_job SET state = 'RUNNING', lease_owner = ?, lease_until = ?,"
                + " attempts = attempts + 1, updated_at = ? WHERE id = ?"
                + " AND (state IN ('QUEUED', 'RETRYING') OR (state = 'RUNNING' AND lease_until <= ?))",
            owner, now.plus(lease), now, id, now) == 1) {
          claimed.add(id);
        }
      }
      Map<Long, Job> byId = jobsById(c, claimed);
      return claimed.stream().map(byId::get).collect(Collectors.toList());
    });
  }

  @Override
  public boolean extendLease(long jobId, String owner, Duration lease) {
    return inTransaction("extend the lease of job " + jobId, c -> {
      Instant now = dbNow(c);
      return update(c, "UPDATE sync_job SET lease_until = ? WHERE id = ? AND state = 'RUNNING' AND lease_owner = ?",
          now.plus(lease), jobId, owner) == 1;
    });
  }

  @Override
  public boolean complete(long jobId, String owner) {
    return settle(jobId, owner, "state = 'SUCCEEDED', ambiguous = FALSE", JobAttempt.Outcome.SUCCEEDED, null);
  }

  @Override
  public boolean retry(long jobId, String owner, Instant runAt, FailureKind kind, String error) {
    StoreChecks.retryKind(kind);
    String set = "state = 'RETRYING', next_run_at = ?, last_error = ?"
        + (kind == FailureKind.RECORD_LOCKED ? ", locked_attempts = locked_attempts + 1" : "")
        + (kind == FailureKind.AMBIGUOUS_WRITE ? ", ambiguous = TRUE" : "");
    JobAttempt.Outcome outcome = kind == FailureKind.RECORD_LOCKED ? JobAttempt.Outcome.LOCKED : JobAttempt.Outcome.RETRIED;
    return settle(jobId, owner, set, outcome, error, runAt, error);
  }

  @Override
  public boolean park(long jobId, String owner, FailureKind kind, List<String> reasons, String error) {
    String set = "state = 'PARKED', park_reasons = ?, last_error = ?"
        + (kind == FailureKind.AMBIGUOUS_WRITE ? ", ambiguous = TRUE" : "");
    return settle(jobId, owner, set, JobAttempt.Outcome.PARKED, error,
        ReasonLines.encode(reasons), error);
  }

  /** Ends a running attempt the owner holds: sets {@code set}, clears the lease, writes history. */
  private boolean settle(long jobId, String owner, String set, JobAttempt.Outcome outcome, String error, Object... setParams) {
    return inTransaction("record " + outcome + " of job " + jobId, c -> {
      Instant now = dbNow(c);
      Object[] params = new Object[setParams.length + 3];
      System.arraycopy(setParams, 0, params, 0, setParams.length);
      params[setParams.length] = now;
      params[setParams.length + 1] = jobId;
      params[setParams.length + 2] = owner;
      int changed = update(c, "UPDATE sync_job SET " + set + ", lease_owner = NULL, lease_until = NULL, updated_at = ?"
          + " WHERE id = ? AND state = 'RUNNING' AND lease_owner = ?", params);
      if (changed == 0) {
        return false;
      }
      addHistory(c, jobId, outcome, error, now);
      return true;
    });
  }

  private void addHistory(Connection c, long jobId, JobAttempt.Outcome outcome, String error, Instant now)
      throws SQLException {
    update(c, "INSERT INTO sync_job_attempt (job_id, attempt, at, outcome, error)"
        + " SELECT id, attempts, ?, ?, ? FROM sync_job WHERE id = ?", now, outcome.name(), error, jobId);
  }

  @Override
  public Optional<Job> replay(long jobId) {
    return inTransaction("replay job " + jobId, c -> {
      Instant now = dbNow(c);
      int changed = update(c, "UPDATE sync_job SET state = 'QUEUED', seq = " + dialect.nextValue("sync_job_seq")
          + ", next_run_at = ?, updated_at = ?, attempts = 0, locked_attempts = 0, park_reasons = NULL"
          + " WHERE id = ? AND state = 'PARKED'", now, now, jobId);
      if (changed == 0) {
        return Optional.empty();
      }
      addHistory(c, jobId, JobAttempt.Outcome.REPLAYED, null, now);
      return Optional.ofNullable(jobsById(c, List.of(jobId)).get(jobId));
    });
  }

  @Override
  public Optional<Job> discard(long jobId, String note) {
    return inTransaction("discard job " + jobId, c -> {
      Instant now = dbNow(c);
      int changed = update(c, "UPDATE sync_job SET state = 'DISCARDED', updated_at = ?"
          + " WHERE id = ? AND state IN ('PARKED', 'QUEUED', 'RETRYING')", now, jobId);
      if (changed == 0) {
        return Optional.empty();
      }
      addHistory(c, jobId, JobAttempt.Outcome.DISCARDED, note, now);
      return Optional.ofNullable(jobsById(c, List.of(jobId)).get(jobId));
    });
  }

  @Override
  public Optional<Job> job(long jobId) {
    return inTransaction("read job " + jobId, c -> Optional.ofNullable(jobsById(c, List.of(jobId)).get(jobId)));
  }

  @Override
  public List<Job> list(String flow, Set<JobState> states, int offset, int limit) {
    return inTransaction("list jobs of " + flow, c -> {
      StringBuilder sql = new StringBuilder("SELECT " + JOB_COLUMNS + " FROM sync_job WHERE flow = ?");
      List<Object> params = new ArrayList<>();
      params.add(flow);
      if (!states.isEmpty()) {
        sql.append(" AND state IN (")
            .append(states.stream().map(s -> "?").collect(Collectors.joining(", ")))
            .append(')');
        states.forEach(s -> params.add(s.name()));
      }
      sql.append(" ORDER BY id LIMIT ? OFFSET ?");
      params.add(limit);
      params.add(offset);
      return readJobs(c, sql.toString(), params.toArray());
    });
  }

  @Override
  public Map<JobState, Long> count(String flow) {
    return inTransaction("count jobs of " + flow, c -> {
      Map<JobState, Long> counts = new EnumMap<>(JobState.class);
      for (JobState s : JobState.values()) {
        counts.put(s, 0L);
      }
      try (PreparedStatement ps = prepare(c, "SELECT state, COUNT(*) FROM sync_job WHERE flow = ? GROUP BY state", flow);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts.put(JobState.valueOf(rs.getString(1)), rs.getLong(2));
        }
      }
      return counts;
    });
  }

  @Override
  public Optional<Instant> oldestPendingSince(String flow) {
    return inTransaction("read the oldest job of " + flow, c -> {
      try (PreparedStatement ps = prepare(c, "SELECT MIN(created_at) AS oldest FROM sync_job WHERE flow = ?"
              + " AND state IN ('QUEUED', 'RETRYING', 'RUNNING')", flow);
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return Optional.ofNullable(instant(rs, "oldest"));
      }
    });
  }

  @Override
  public List<Job> search(String text, int limit) {
    StoreChecks.searchArguments(text, limit);
    String pattern = StoreChecks.containsPattern(text);
    return inTransaction("search jobs", c -> readJobs(c, "SELECT " + JOB_COLUMNS + " FROM sync_job"
        + " WHERE job_key LIKE ? ESCAPE '\\' OR reference LIKE ? ESCAPE '\\' ORDER BY id DESC LIMIT ?",
        pattern, pattern, limit));
  }

  @Override
  public List<JobAttempt> history(long jobId) {
    return inTransaction("read the history of job " + jobId, c -> {
      List<JobAttempt> rows = new ArrayList<>();
      try (PreparedStatement ps = prepare(c, "SELECT attempt, at, outcome, error FROM sync_job_attempt"
              + " WHERE job_id = ? ORDER BY id", jobId);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(JobAttempt.builder()
              .jobId(jobId)
              .attempt(rs.getInt("attempt"))
              .at(instant(rs, "at"))
              .outcome(JobAttempt.Outcome.valueOf(rs.getString("outcome")))
              .error(Optional.ofNullable(rs.getString("error")))
              .build());
        }
      }
      return rows;
    });
  }

  private Map<Long, Job> jobsById(Connection c, List<Long> ids) throws SQLException {
    Map<Long, Job> byId = new LinkedHashMap<>();
    // chunks keep the IN list within what every driver accepts
    for (int from = 0; from < ids.size(); from += 500) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
      String in = chunk.stream().map(id -> "?").collect(Collectors.joining(", "));
      for (Job job : readJobs(c, "SELECT " + JOB_COLUMNS + " FROM sync_job WHERE id IN (" + in + ")", chunk.toArray())) {
        byId.put(job.id(), job);
      }
    }
    return byId;
  }

  private List<Job> readJobs(Connection c, String sql, Object... params) throws SQLException {
    List<Job> jobs = new ArrayList<>();
    try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        jobs.add(Job.builder()
            .id(rs.getLong("id"))
            .flow(rs.getString("flow"))
            .key(rs.getString("job_key"))
            .payload(rs.getString("payload"))
            .reference(rs.getString("reference"))
            .state(JobState.valueOf(rs.getString("state")))
            .attempts(rs.getInt("attempts"))
            .lockedAttempts(rs.getInt("locked_attempts"))
            .ambiguous(rs.getBoolean("ambiguous"))
            .nextRunAt(instant(rs, "next_run_at"))
            .createdAt(instant(rs, "created_at"))
            .updatedAt(instant(rs, "updated_at"))
            .lastError(Optional.ofNullable(rs.getString("last_error")))
            .parkReasons(ReasonLines.decode(rs.getString("park_reasons")))
            .leaseOwner(Optional.ofNullable(rs.getString("lease_owner")))
            .leaseUntil(Optional.ofNullable(instant(rs, "lease_until")))
            .build());
      }
    }
    return jobs;
  }

  // ---- bindings

  @Override
  public Binding bind(Binding binding) {
    try {
      return inTransaction("bind " + binding.entityType() + " " + binding.centraId(), c -> {
        Instant now = dbNow(c);
        try (PreparedStatement ps = prepare(c, "SELECT centra_id FROM sync_binding WHERE entity_type = ? AND sage_id = ?",
                binding.entityType(), binding.sageId());
            ResultSet rs = ps.executeQuery()) {
          if (rs.next() && !rs.getString(1).equals(binding.centraId())) {
            throw StoreChecks.sageIdTaken(binding, rs.getString(1));
          }
        }
        Object[] values = {binding.sageId(), binding.sageReference().orElse(null), binding.sourceVersion().orElse(null),
            now, binding.entityType(), binding.centraId()};
        if (update(c, "UPDATE sync_binding SET sage_id = ?, sage_reference = ?, source_version = ?, synced_at = ?"
            + " WHERE entity_type = ? AND centra_id = ?", values) == 0) {
          update(c, "INSERT INTO sync_binding (sage_id, sage_reference, source_version, synced_at, entity_type, centra_id)"
              + " VALUES (?, ?, ?, ?, ?, ?)", values);
        }
        return Binding.builder().from(binding).syncedAt(now.truncatedTo(ChronoUnit.MICROS)).build();
      });
    } catch (SyncStoreException e) {
      if (e.getCause() instanceof SQLException && isUniqueViolation((SQLException) e.getCause())) {
        // another instance bound one of the two ids between our check and our write
        throw new BindingConflictException("Binding " + binding.entityType() + " " + binding.centraId() + " ↔ "
            + binding.sageId() + " conflicts with a binding written concurrently");
      }
      throw e;
    }
  }

  @Override
  public Optional<Binding> bindingByCentraId(String entityType, String centraId) {
    return inTransaction("read a binding", c -> readBindings(c, "centra_id = ?", entityType, centraId).stream().findFirst());
  }

  @Override
  public Optional<Binding> bindingBySageId(String entityType, String sageId) {
    return inTransaction("read a binding", c -> readBindings(c, "sage_id = ?", entityType, sageId).stream().findFirst());
  }

  @Override
  public Map<String, Binding> bindingsByCentraIds(String entityType, Collection<String> centraIds) {
    List<String> ids = List.copyOf(centraIds);
    return inTransaction("read bindings", c -> {
      Map<String, Binding> found = new LinkedHashMap<>();
      for (int from = 0; from < ids.size(); from += 500) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
        Object[] params = new Object[chunk.size() + 1];
        params[0] = entityType;
        System.arraycopy(chunk.toArray(), 0, params, 1, chunk.size());
        String in = chunk.stream().map(id -> "?").collect(Collectors.joining(", "));
        for (Binding b : readBindings(c, "centra_id IN (" + in + ")", params)) {
          found.put(b.centraId(), b);
        }
      }
      return found;
    });
  }

  @Override
  public List<Binding> searchBindings(String text, int limit) {
    StoreChecks.searchArguments(text, limit);
    return inTransaction("search bindings", c -> selectBindings(c, "centra_id LIKE ? ESCAPE '\\'"
        + " ORDER BY entity_type, centra_id LIMIT ?", StoreChecks.containsPattern(text), limit));
  }

  @Override
  public List<Binding> recentBindings(String entityType, int limit) {
    StoreChecks.positiveLimit(limit);
    return inTransaction("list " + entityType + " bindings", c -> readBindings(c,
        "1 = 1 ORDER BY synced_at DESC, centra_id LIMIT ?", entityType, limit));
  }

  @Override
  public long countBindings(String entityType) {
    return inTransaction("count " + entityType + " bindings", c -> {
      try (PreparedStatement ps = prepare(c, "SELECT COUNT(*) FROM sync_binding WHERE entity_type = ?", entityType);
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private List<Binding> readBindings(Connection c, String where, Object... params) throws SQLException {
    return selectBindings(c, "entity_type = ? AND " + where, params);
  }

  private List<Binding> selectBindings(Connection c, String where, Object... params) throws SQLException {
    List<Binding> result = new ArrayList<>();
    try (PreparedStatement ps = prepare(c, "SELECT entity_type, centra_id, sage_id, sage_reference, source_version,"
            + " synced_at FROM sync_binding WHERE " + where, params);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        result.add(Binding.builder()
            .entityType(rs.getString("entity_type"))
            .centraId(rs.getString("centra_id"))
            .sageId(rs.getString("sage_id"))
            .sageReference(Optional.ofNullable(rs.getString("sage_reference")))
            .sourceVersion(Optional.ofNullable(rs.getString("source_version")))
            .syncedAt(instant(rs, "synced_at"))
            .build());
      }
    }
    return result;
  }

  @Override
  public boolean unbind(String entityType, String centraId) {
    return inTransaction("remove a binding",
        c -> update(c, "DELETE FROM sync_binding WHERE entity_type = ? AND centra_id = ?", entityType, centraId) == 1);
  }

  // ---- stock versions

  @Override
  public Optional<StockVersion> stockVersion(String sku, String warehouse) {
    return inTransaction("read a stock version", c -> {
      try (PreparedStatement ps = prepare(c, "SELECT source_seconds, source_nanos, tie_breaker FROM sync_stock_version"
              + " WHERE sku = ? AND warehouse = ?", sku, warehouse);
          ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(StockVersion.of(Instant.ofEpochSecond(rs.getLong(1), rs.getInt(2)), rs.getLong(3)))
            : Optional.empty();
      }
    });
  }

  @Override
  public boolean applyStockVersionIfNewer(String sku, String warehouse, StockVersion version) {
    long seconds = version.sourceTime().getEpochSecond();
    int nanos = version.sourceTime().getNano();
    long tie = version.tieBreaker();
    // two tries: if a concurrent insert wins the first, the conditional update decides the second
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        return inTransaction("apply a stock version", c -> {
          Instant now = dbNow(c);
          int changed = update(c, "UPDATE sync_stock_version SET source_seconds = ?, source_nanos = ?, tie_breaker = ?,"
                  + " applied_at = ? WHERE sku = ? AND warehouse = ? AND (source_seconds < ?"
                  + " OR (source_seconds = ? AND (source_nanos < ? OR (source_nanos = ? AND tie_breaker < ?))))",
              seconds, nanos, tie, now, sku, warehouse, seconds, seconds, nanos, nanos, tie);
          if (changed == 1) {
            return true;
          }
          try (PreparedStatement ps = prepare(c, "SELECT 1 FROM sync_stock_version WHERE sku = ? AND warehouse = ?",
                  sku, warehouse);
              ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              return false; // a newer or equal version is stored
            }
          }
          update(c, "INSERT INTO sync_stock_version (sku, warehouse, source_seconds, source_nanos, tie_breaker, applied_at)"
              + " VALUES (?, ?, ?, ?, ?, ?)", sku, warehouse, seconds, nanos, tie, now);
          return true;
        });
      } catch (SyncStoreException e) {
        if (!(e.getCause() instanceof SQLException && isUniqueViolation((SQLException) e.getCause())) || attempt == 1) {
          throw e;
        }
      }
    }
    throw new IllegalStateException("unreachable");
  }

  // ---- allocation ledger

  @Override
  public void recordAllocations(String orderRef, List<Allocation> lines) {
    StoreChecks.ledgerOrder(orderRef);
    Map<List<String>, BigDecimal> recorded = new LinkedHashMap<>();
    for (Allocation line : lines) {
      recorded.merge(List.of(line.sku(), line.warehouse()), line.quantity(), BigDecimal::add);
    }
    retryOnDuplicate("record allocations of " + orderRef, c -> {
      update(c, "UPDATE sync_allocation SET recorded = 0 WHERE order_ref = ?", orderRef);
      for (Map.Entry<List<String>, BigDecimal> line : recorded.entrySet()) {
        String sku = line.getKey().get(0);
        String warehouse = line.getKey().get(1);
        if (update(c, "UPDATE sync_allocation SET recorded = ? WHERE order_ref = ? AND sku = ? AND warehouse = ?",
            line.getValue(), orderRef, sku, warehouse) == 0) {
          update(c, "INSERT INTO sync_allocation (order_ref, sku, warehouse, recorded, released) VALUES (?, ?, ?, ?, 0)",
              orderRef, sku, warehouse, line.getValue());
        }
      }
      return null;
    });
  }

  @Override
  public boolean releaseAllocation(
      String orderRef, String releaseId, String sku, String warehouse, BigDecimal quantity) {
    StoreChecks.ledgerRelease(orderRef, releaseId, quantity);
    return retryOnDuplicate("release an allocation of " + orderRef, c -> {
      try (PreparedStatement ps = prepare(c, "SELECT 1 FROM sync_allocation_release"
              + " WHERE order_ref = ? AND release_id = ? AND sku = ? AND warehouse = ?",
              orderRef, releaseId, sku, warehouse);
          ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return false;
        }
      }
      update(c, "INSERT INTO sync_allocation_release (order_ref, release_id, sku, warehouse, quantity, released_at)"
          + " VALUES (?, ?, ?, ?, ?, ?)", orderRef, releaseId, sku, warehouse, quantity, dbNow(c));
      if (update(c, "UPDATE sync_allocation SET released = released + ? WHERE order_ref = ? AND sku = ? AND warehouse = ?",
          quantity, orderRef, sku, warehouse) == 0) {
        update(c, "INSERT INTO sync_allocation (order_ref, sku, warehouse, recorded, released) VALUES (?, ?, ?, 0, ?)",
            orderRef, sku, warehouse, quantity);
      }
      return true;
    });
  }

  @Override
  public List<Allocation> openAllocations(String orderRef) {
    return inTransaction("read allocations of " + orderRef, c -> {
      List<Allocation> open = new ArrayList<>();
      try (PreparedStatement ps = prepare(c, "SELECT sku, warehouse, recorded - released FROM sync_allocation"
              + " WHERE order_ref = ? AND recorded > released ORDER BY sku, warehouse", orderRef);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          open.add(Allocation.of(rs.getString(1), rs.getString(2), quantity(rs.getBigDecimal(3))));
        }
      }
      return open;
    });
  }

  @Override
  public BigDecimal allocatedQuantity(String sku, String warehouse) {
    return allocatedQuantities(warehouse, List.of(sku)).getOrDefault(sku, BigDecimal.ZERO);
  }

  @Override
  public Map<String, BigDecimal> allocatedQuantities(String warehouse, Collection<String> skus) {
    Map<String, BigDecimal> result = new HashMap<>();
    queryBySku("read allocated quantities", "SELECT sku, SUM(recorded - released) FROM sync_allocation"
        + " WHERE warehouse = ? AND recorded > released AND sku IN (%s) GROUP BY sku", warehouse, skus,
        rs -> result.put(rs.getString(1), quantity(rs.getBigDecimal(2))));
    return result;
  }

  @Override
  public Set<String> ordersHolding(String warehouse, Collection<String> skus) {
    Set<String> result = new TreeSet<>();
    queryBySku("read orders holding stock", "SELECT DISTINCT order_ref FROM sync_allocation"
        + " WHERE warehouse = ? AND recorded > released AND sku IN (%s)", warehouse, skus,
        rs -> result.add(rs.getString(1)));
    return result;
  }

  /** One row of a ledger query. */
  private interface LedgerRow {
    void accept(ResultSet rs) throws SQLException;
  }

  /** Runs {@code sql} (one {@code %s} for the SKU list) over bounded IN lists, whatever the caller passes. */
  private void queryBySku(String what, String sql, String warehouse, Collection<String> skus, LedgerRow row) {
    List<String> all = List.copyOf(new LinkedHashSet<>(skus));
    for (int from = 0; from < all.size(); from += LEDGER_CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + LEDGER_CHUNK));
      inTransaction(what, c -> {
        Object[] params = new Object[chunk.size() + 1];
        params[0] = warehouse;
        for (int i = 0; i < chunk.size(); i++) {
          params[i + 1] = chunk.get(i);
        }
        try (PreparedStatement ps = prepare(c, String.format(sql, String.join(", ", Collections.nCopies(chunk.size(), "?"))),
                params);
            ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            row.accept(rs);
          }
        }
        return null;
      });
    }
  }

  private static BigDecimal quantity(BigDecimal stored) {
    BigDecimal stripped = stored.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  /** Runs {@code work}; if a concurrent insert wins a key, runs it once more (it then updates). */
  private <T> T retryOnDuplicate(String what, SqlWork<T> work) {
    try {
      return inTransaction(what, work);
    } catch (SyncStoreException e) {
      if (e.getCause() instanceof SQLException && isUniqueViolation((SQLException) e.getCause())) {
        return inTransaction(what, work);
      }
      throw e;
    }
  }

  // ---- leases

  @Override
  public boolean tryAcquireLease(String name, String owner, Duration ttl) {
    StoreChecks.leaseArguments(name, owner, ttl);
    try {
      return inTransaction("acquire lease " + name, c -> {
        Instant now = dbNow(c);
        if (update(c, "UPDATE sync_lease SET owner = ?, lease_until = ?, acquired_at = ?"
            + " WHERE name = ? AND (lease_until <= ? OR owner = ?)", owner, now.plus(ttl), now, name, now, owner) == 1) {
          return true;
        }
        try (PreparedStatement ps = prepare(c, "SELECT 1 FROM sync_lease WHERE name = ?", name);
            ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return false; // held by someone else
          }
        }
        update(c, "INSERT INTO sync_lease (name, owner, lease_until, acquired_at) VALUES (?, ?, ?, ?)",
            name, owner, now.plus(ttl), now);
        return true;
      });
    } catch (SyncStoreException e) {
      if (e.getCause() instanceof SQLException && isUniqueViolation((SQLException) e.getCause())) {
        return false; // another owner inserted the lease first
      }
      throw e;
    }
  }

  @Override
  public boolean releaseLease(String name, String owner) {
    return inTransaction("release lease " + name, c -> {
      Instant now = dbNow(c);
      return update(c, "UPDATE sync_lease SET lease_until = ? WHERE name = ? AND owner = ? AND lease_until > ?",
          now, name, owner, now) == 1;
    });
  }

  @Override
  public Optional<String> leaseHolder(String name) {
    return inTransaction("read lease " + name, c -> {
      Instant now = dbNow(c);
      try (PreparedStatement ps = prepare(c, "SELECT owner FROM sync_lease WHERE name = ? AND lease_until > ?", name, now);
          ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    });
  }
}
