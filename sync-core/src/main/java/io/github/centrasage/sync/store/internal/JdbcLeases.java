package io.github.centrasage.sync.store.internal;

import static io.github.centrasage.sync.store.internal.JdbcTransactions.dbNow;

import io.github.centrasage.sync.SyncStoreException;
import io.github.centrasage.sync.spi.LeaseStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Named leases in {@code sync_lease}, on database time. */
public final class JdbcLeases implements LeaseStore {
  private final JdbcTransactions tx;

  public JdbcLeases(JdbcTransactions tx) {
    this.tx = tx;
  }

  @Override
  public boolean tryAcquireLease(String name, String owner, Duration ttl) {
    StoreChecks.leaseArguments(name, owner, ttl);
    try {
      return tx.inTransaction("acquire lease " + name, c -> {
        Instant now = dbNow(c);
        if (tx.update(c, "UPDATE sync_lease SET owner = ?, lease_until = ?, acquired_at = ?"
            + " WHERE name = ? AND (lease_until <= ? OR owner = ?)", owner, now.plus(ttl), now, name, now, owner) == 1) {
          return true;
        }
        if (tx.exists(c, "SELECT 1 FROM sync_lease WHERE name = ?", name)) {
          return false; // held by someone else
        }
        tx.update(c, "INSERT INTO sync_lease (name, owner, lease_until, acquired_at) VALUES (?, ?, ?, ?)",
            name, owner, now.plus(ttl), now);
        return true;
      });
    } catch (SyncStoreException e) {
      if (JdbcTransactions.isUniqueViolation(e)) {
        return false; // another owner inserted the lease first
      }
      throw e;
    }
  }

  @Override
  public boolean releaseLease(String name, String owner) {
    return tx.inTransaction("release lease " + name, c -> {
      Instant now = dbNow(c);
      return tx.update(c, "UPDATE sync_lease SET lease_until = ? WHERE name = ? AND owner = ? AND lease_until > ?",
          now, name, owner, now) == 1;
    });
  }

  @Override
  public Optional<String> leaseHolder(String name) {
    return tx.inTransaction("read lease " + name, c -> {
      Instant now = dbNow(c);
      try (PreparedStatement ps = tx.prepare(c, "SELECT owner FROM sync_lease WHERE name = ? AND lease_until > ?", name, now);
          ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    });
  }
}
