package io.github.centrasage.sync.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * Named leases on the store's clock (database time for JDBC stores), so one thing runs on one
 * engine instance at a time, such as a flow's discover step.
 *
 * <p>Usage: {@code if (store.tryAcquireLease("discover:OrderImport", instanceId, Duration.ofMinutes(2))) { ... }}
 */
public interface LeaseStore {
  /**
   * Takes the lease if it is free or expired, or extends it if {@code owner} already holds it.
   *
   * @return whether {@code owner} now holds the lease for {@code ttl}
   */
  boolean tryAcquireLease(String name, String owner, Duration ttl);

  /** Releases the lease if {@code owner} holds it; returns whether it did. */
  boolean releaseLease(String name, String owner);

  /** Who holds the lease now, if anyone (an expired lease has no holder). */
  Optional<String> leaseHolder(String name);
}
