package io.github.centrasage.sync.store;

import io.github.centrasage.sync.SyncStoreException;
import io.github.centrasage.sync.store.Allocation;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.spi.Cursor;
import io.github.centrasage.sync.spi.CursorMove;
import io.github.centrasage.sync.spi.FailureKind;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobAttempt;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.spi.NewJob;
import io.github.centrasage.sync.store.StockVersion;
import io.github.centrasage.sync.store.SyncStateStore;
import io.github.centrasage.sync.store.internal.EmbeddedH2;
import io.github.centrasage.sync.store.internal.H2Dialect;
import io.github.centrasage.sync.store.internal.IdleConnections;
import io.github.centrasage.sync.store.internal.JdbcAllocationLedger;
import io.github.centrasage.sync.store.internal.JdbcBindings;
import io.github.centrasage.sync.store.internal.JdbcCursors;
import io.github.centrasage.sync.store.internal.JdbcDialect;
import io.github.centrasage.sync.store.internal.JdbcJobQueue;
import io.github.centrasage.sync.store.internal.JdbcLeases;
import io.github.centrasage.sync.store.internal.JdbcSchema;
import io.github.centrasage.sync.store.internal.JdbcStockVersions;
import io.github.centrasage.sync.store.internal.JdbcTransactions;
import io.github.centrasage.sync.store.internal.PostgresDialect;
import io.github.centrasage.sync.store.internal.TableNames;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * <p>A transaction the database rolled back because of a concurrent one (a serialization failure
 * or a deadlock) is run again, up to three runs in all; any other database failure is a
 * {@link SyncStoreException}. This class is the public face: each facet of the SPI (job queue,
 * cursors, bindings, allocation ledger, stock versions, leases) is a class of its own in
 * {@code store.internal}, over one transaction helper.
 *
 * <p>Usage: {@code SyncStateStore store = JdbcSyncStateStore.builder(dataSource).build();}
 */
public final class JdbcSyncStateStore implements SyncStateStore {
  private static final Logger log = LoggerFactory.getLogger(JdbcSyncStateStore.class);

  private final IdleConnections connections;
  private final AutoCloseable ownedResource;
  private final JdbcTransactions tx;
  private final JdbcSchema schema;
  private final JdbcCursors cursors;
  private final JdbcJobQueue queue;
  private final JdbcBindings bindings;
  private final JdbcStockVersions stockVersions;
  private final JdbcAllocationLedger ledger;
  private final JdbcLeases leases;

  private JdbcSyncStateStore(IdleConnections connections, JdbcDialect dialect, TableNames names,
      AutoCloseable ownedResource) {
    this.connections = connections;
    this.ownedResource = ownedResource;
    this.tx = new JdbcTransactions(connections, names, dialect);
    this.schema = new JdbcSchema(tx);
    this.cursors = new JdbcCursors(tx);
    this.queue = new JdbcJobQueue(tx, cursors);
    this.bindings = new JdbcBindings(tx);
    this.stockVersions = new JdbcStockVersions(tx);
    this.ledger = new JdbcAllocationLedger(tx);
    this.leases = new JdbcLeases(tx);
  }

  /** The databases the store runs on; the builder detects which one it is talking to if not told. */
  public enum Dialect {
    /** H2 2.x (the embedded default): claims take turns on a one-row mutex. */
    H2(H2Dialect.INSTANCE),
    /** PostgreSQL 10 or newer: claimers skip each other's rows ({@code FOR UPDATE SKIP LOCKED}). */
    POSTGRESQL(PostgresDialect.INSTANCE);

    private final JdbcDialect sql;

    Dialect(JdbcDialect sql) {
      this.sql = sql;
    }
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
    requireClass("org.h2.jdbcx.JdbcConnectionPool", "embeddedH2 needs the H2 database on the classpath: add the"
        + " dependency com.h2database:h2 (runtime scope), or build the store on your own DataSource with"
        + " JdbcSyncStateStore.builder(dataSource)");
    EmbeddedH2 pool = EmbeddedH2.open(file);
    try {
      return new Builder(pool.dataSource()).dialect(Dialect.H2).build(pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** Builds a {@link JdbcSyncStateStore}. */
  public static final class Builder {
    private final DataSource dataSource;
    private Dialect dialect;
    private int idleConnections;
    private SchemaManagement schemaManagement = SchemaManagement.MIGRATE;
    private String tablePrefix = TableNames.DEFAULT_PREFIX;
    private String schemaName;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The database; detected from the database's product name if not set. */
    public Builder dialect(Dialect dialect) {
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

    private static JdbcDialect detect(DataSource dataSource) {
      try (Connection c = dataSource.getConnection()) {
        return JdbcDialect.detect(c);
      } catch (SQLException e) {
        throw new SyncStoreException("Could not connect to detect the database dialect", e);
      }
    }

    private JdbcSyncStateStore build(AutoCloseable owned) {
      JdbcDialect d = dialect != null ? dialect.sql : detect(dataSource);
      TableNames names = new TableNames(tablePrefix, Optional.ofNullable(schemaName), d == H2Dialect.INSTANCE);
      JdbcSyncStateStore store = new JdbcSyncStateStore(
          new IdleConnections(dataSource, idleConnections), d, names, owned);
      try {
        if (schemaManagement == SchemaManagement.MIGRATE) {
          store.schema.migrateOrJoin();
        } else if (schemaManagement == SchemaManagement.VALIDATE) {
          store.schema.validate();
        }
      } catch (RuntimeException e) {
        store.connections.close();
        throw e;
      }
      return store;
    }
  }

  /** The schema version of the database. */
  public int schemaVersion() {
    return schema.version();
  }

  @Override
  public Instant now() {
    return tx.inTransaction("read the database time", JdbcTransactions::dbNow);
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

  // ---- the facets, each in store.internal over one JdbcTransactions

  @Override
  public Optional<Cursor> cursor(String name) {
    return cursors.cursor(name);
  }

  @Override
  public void putCursor(String name, String value) {
    cursors.putCursor(name, value);
  }

  @Override
  public List<Job> enqueue(Collection<NewJob> jobs, Optional<CursorMove> cursor) {
    return queue.enqueue(jobs, cursor);
  }

  @Override
  public List<Job> claim(String flow, String owner, int limit, Duration lease) {
    return queue.claim(flow, owner, limit, lease);
  }

  @Override
  public boolean extendLease(long jobId, String owner, Duration lease) {
    return queue.extendLease(jobId, owner, lease);
  }

  @Override
  public boolean complete(long jobId, String owner) {
    return queue.complete(jobId, owner);
  }

  @Override
  public boolean retry(long jobId, String owner, Instant runAt, FailureKind kind, String error) {
    return queue.retry(jobId, owner, runAt, kind, error);
  }

  @Override
  public boolean park(long jobId, String owner, FailureKind kind, List<String> reasons, String error) {
    return queue.park(jobId, owner, kind, reasons, error);
  }

  @Override
  public Optional<Job> replay(long jobId) {
    return queue.replay(jobId);
  }

  @Override
  public Optional<Job> discard(long jobId, String note) {
    return queue.discard(jobId, note);
  }

  @Override
  public Optional<Job> job(long jobId) {
    return queue.job(jobId);
  }

  @Override
  public List<Job> list(String flow, Set<JobState> states, int offset, int limit) {
    return queue.list(flow, states, offset, limit);
  }

  @Override
  public Map<JobState, Long> count(String flow) {
    return queue.count(flow);
  }

  @Override
  public Optional<Instant> oldestPendingSince(String flow) {
    return queue.oldestPendingSince(flow);
  }

  @Override
  public List<Job> search(String text, int limit) {
    return queue.search(text, limit);
  }

  @Override
  public List<JobAttempt> history(long jobId) {
    return queue.history(jobId);
  }

  @Override
  public Binding bind(Binding binding) {
    return bindings.bind(binding);
  }

  @Override
  public Optional<Binding> bindingByCentraId(String entityType, String centraId) {
    return bindings.bindingByCentraId(entityType, centraId);
  }

  @Override
  public Optional<Binding> bindingBySageId(String entityType, String sageId) {
    return bindings.bindingBySageId(entityType, sageId);
  }

  @Override
  public Map<String, Binding> bindingsByCentraIds(String entityType, Collection<String> centraIds) {
    return bindings.bindingsByCentraIds(entityType, centraIds);
  }

  @Override
  public List<Binding> searchBindings(String text, int limit) {
    return bindings.searchBindings(text, limit);
  }

  @Override
  public List<Binding> recentBindings(String entityType, int limit) {
    return bindings.recentBindings(entityType, limit);
  }

  @Override
  public long countBindings(String entityType) {
    return bindings.countBindings(entityType);
  }

  @Override
  public boolean unbind(String entityType, String centraId) {
    return bindings.unbind(entityType, centraId);
  }

  @Override
  public Optional<StockVersion> stockVersion(String sku, String warehouse) {
    return stockVersions.stockVersion(sku, warehouse);
  }

  @Override
  public boolean applyStockVersionIfNewer(String sku, String warehouse, StockVersion version) {
    return stockVersions.applyStockVersionIfNewer(sku, warehouse, version);
  }

  @Override
  public void recordAllocations(String orderRef, List<Allocation> lines) {
    ledger.recordAllocations(orderRef, lines);
  }

  @Override
  public boolean releaseAllocation(String orderRef, String releaseId, String sku, String warehouse, BigDecimal quantity) {
    return ledger.releaseAllocation(orderRef, releaseId, sku, warehouse, quantity);
  }

  @Override
  public List<Allocation> openAllocations(String orderRef) {
    return ledger.openAllocations(orderRef);
  }

  @Override
  public BigDecimal allocatedQuantity(String sku, String warehouse) {
    return ledger.allocatedQuantity(sku, warehouse);
  }

  @Override
  public Map<String, BigDecimal> allocatedQuantities(String warehouse, Collection<String> skus) {
    return ledger.allocatedQuantities(warehouse, skus);
  }

  @Override
  public Set<String> ordersHolding(String warehouse, Collection<String> skus) {
    return ledger.ordersHolding(warehouse, skus);
  }

  @Override
  public boolean tryAcquireLease(String name, String owner, Duration ttl) {
    return leases.tryAcquireLease(name, owner, ttl);
  }

  @Override
  public boolean releaseLease(String name, String owner) {
    return leases.releaseLease(name, owner);
  }

  @Override
  public Optional<String> leaseHolder(String name) {
    return leases.leaseHolder(name);
  }

  /** Fails with {@code message} when {@code className} cannot be loaded, before a raw NoClassDefFoundError could. */
  static void requireClass(String className, String message) {
    try {
      Class.forName(className, false, JdbcSyncStateStore.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException(message, e);
    }
  }
}
