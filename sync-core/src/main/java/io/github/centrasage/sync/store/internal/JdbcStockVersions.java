package io.github.centrasage.sync.store.internal;

import static io.github.centrasage.sync.store.internal.JdbcTransactions.dbNow;

import io.github.centrasage.sync.SyncStoreException;
import io.github.centrasage.sync.store.StockVersion;
import io.github.centrasage.sync.store.StockVersionStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** Stock versions in {@code sync_stock_version}: a compare-and-set per SKU and warehouse. */
public final class JdbcStockVersions implements StockVersionStore {
  private final JdbcTransactions tx;

  public JdbcStockVersions(JdbcTransactions tx) {
    this.tx = tx;
  }

  @Override
  public Optional<StockVersion> stockVersion(String sku, String warehouse) {
    return tx.inTransaction("read a stock version", c -> {
      try (PreparedStatement ps = tx.prepare(c, "SELECT source_seconds, source_nanos, tie_breaker FROM sync_stock_version"
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
    for (int attempt = 0; ; attempt++) {
      try {
        return tx.inTransaction("apply a stock version", c -> {
          Instant now = dbNow(c);
          int changed = tx.update(c, "UPDATE sync_stock_version SET source_seconds = ?, source_nanos = ?, tie_breaker = ?,"
                  + " applied_at = ? WHERE sku = ? AND warehouse = ? AND (source_seconds < ?"
                  + " OR (source_seconds = ? AND (source_nanos < ? OR (source_nanos = ? AND tie_breaker < ?))))",
              seconds, nanos, tie, now, sku, warehouse, seconds, seconds, nanos, nanos, tie);
          if (changed == 1) {
            return true;
          }
          if (tx.exists(c, "SELECT 1 FROM sync_stock_version WHERE sku = ? AND warehouse = ?", sku, warehouse)) {
            return false; // a newer or equal version is stored
          }
          tx.update(c, "INSERT INTO sync_stock_version (sku, warehouse, source_seconds, source_nanos, tie_breaker, applied_at)"
              + " VALUES (?, ?, ?, ?, ?, ?)", sku, warehouse, seconds, nanos, tie, now);
          return true;
        });
      } catch (SyncStoreException e) {
        if (!JdbcTransactions.isUniqueViolation(e) || attempt == 1) {
          throw e;
        }
      }
    }
  }
}
