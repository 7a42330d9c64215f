package io.github.centrasage.sync.store.internal;

import io.github.centrasage.sync.store.BindingConflictException;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.spi.FailureKind;
import java.time.Duration;

/** Argument checks and error messages every store shares, so they fail the same way. */
public final class StoreChecks {
  private StoreChecks() {}

  public static void claimArguments(String owner, int limit, Duration lease) {
    if (owner == null || owner.isBlank()) {
      throw new IllegalArgumentException("claim owner must not be blank");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("claim limit must be at least 1, was " + limit);
    }
    if (lease == null || lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("claim lease must be positive, was " + lease);
    }
  }

  public static void leaseArguments(String name, String owner, Duration ttl) {
    if (name == null || name.isBlank() || owner == null || owner.isBlank()) {
      throw new IllegalArgumentException("lease name and owner must not be blank");
    }
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("lease ttl must be positive, was " + ttl);
    }
  }

  public static void retryKind(FailureKind kind) {
    if (kind == FailureKind.PERMANENT) {
      throw new IllegalArgumentException("a permanent failure is parked, not retried");
    }
  }

  public static BindingConflictException sageIdTaken(Binding binding, String boundCentraId) {
    return new BindingConflictException(
        "Sage id " + binding.sageId() + " of " + binding.entityType() + " is already bound to Centra id "
            + boundCentraId + "; refusing to bind it to " + binding.centraId());
  }

  public static void searchArguments(String text, int limit) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("search text must not be blank");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("search limit must be at least 1, was " + limit);
    }
  }

  /** {@code text} as a SQL {@code LIKE ... ESCAPE '\'} pattern that matches it anywhere, wildcards taken literally. */
  public static String containsPattern(String text) {
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  public static void ledgerOrder(String orderRef) {
    if (orderRef == null || orderRef.isBlank()) {
      throw new IllegalArgumentException("allocation order reference must not be blank");
    }
  }

  public static void ledgerRelease(String orderRef, String releaseId, java.math.BigDecimal quantity) {
    ledgerOrder(orderRef);
    if (releaseId == null || releaseId.isBlank()) {
      throw new IllegalArgumentException("release id must not be blank");
    }
    if (quantity == null || quantity.signum() < 0) {
      throw new IllegalArgumentException("released quantity must not be negative, was " + quantity);
    }
  }

  public static void positiveLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
  }
}
