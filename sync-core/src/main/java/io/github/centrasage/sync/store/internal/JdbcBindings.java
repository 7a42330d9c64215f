package io.github.centrasage.sync.store.internal;

import static io.github.centrasage.sync.store.internal.JdbcTransactions.dbNow;
import static io.github.centrasage.sync.store.internal.JdbcTransactions.placeholders;

import io.github.centrasage.sync.store.BindingConflictException;
import io.github.centrasage.sync.SyncStoreException;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.store.BindingStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Bindings in {@code sync_binding}, unique on (entity type, Centra id) and (entity type, Sage id). */
public final class JdbcBindings implements BindingStore {
  private static final int CHUNK = 500;

  private final JdbcTransactions tx;

  public JdbcBindings(JdbcTransactions tx) {
    this.tx = tx;
  }

  @Override
  public Binding bind(Binding binding) {
    try {
      return tx.inTransaction("bind " + binding.entityType() + " " + binding.centraId(), c -> {
        Instant now = dbNow(c);
        try (PreparedStatement ps = tx.prepare(c, "SELECT centra_id FROM sync_binding WHERE entity_type = ? AND sage_id = ?",
                binding.entityType(), binding.sageId());
            ResultSet rs = ps.executeQuery()) {
          if (rs.next() && !rs.getString(1).equals(binding.centraId())) {
            throw StoreChecks.sageIdTaken(binding, rs.getString(1));
          }
        }
        Object[] values = {binding.sageId(), binding.sageReference().orElse(null), binding.sourceVersion().orElse(null),
            now, binding.entityType(), binding.centraId()};
        if (tx.update(c, "UPDATE sync_binding SET sage_id = ?, sage_reference = ?, source_version = ?, synced_at = ?"
            + " WHERE entity_type = ? AND centra_id = ?", values) == 0) {
          tx.update(c, "INSERT INTO sync_binding (sage_id, sage_reference, source_version, synced_at, entity_type, centra_id)"
              + " VALUES (?, ?, ?, ?, ?, ?)", values);
        }
        return Binding.builder().from(binding).syncedAt(now.truncatedTo(ChronoUnit.MICROS)).build();
      });
    } catch (SyncStoreException e) {
      if (JdbcTransactions.isUniqueViolation(e)) {
        // another instance bound one of the two ids between our check and our write
        throw new BindingConflictException("Binding " + binding.entityType() + " " + binding.centraId() + " ↔ "
            + binding.sageId() + " conflicts with a binding written concurrently");
      }
      throw e;
    }
  }

  @Override
  public Optional<Binding> bindingByCentraId(String entityType, String centraId) {
    return tx.inTransaction("read a binding", c -> readBindings(c, "centra_id = ?", entityType, centraId).stream().findFirst());
  }

  @Override
  public Optional<Binding> bindingBySageId(String entityType, String sageId) {
    return tx.inTransaction("read a binding", c -> readBindings(c, "sage_id = ?", entityType, sageId).stream().findFirst());
  }

  @Override
  public Map<String, Binding> bindingsByCentraIds(String entityType, Collection<String> centraIds) {
    List<String> ids = List.copyOf(centraIds);
    return tx.inTransaction("read bindings", c -> {
      Map<String, Binding> found = new LinkedHashMap<>();
      for (int from = 0; from < ids.size(); from += CHUNK) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
        Object[] params = new Object[chunk.size() + 1];
        params[0] = entityType;
        System.arraycopy(chunk.toArray(), 0, params, 1, chunk.size());
        for (Binding b : readBindings(c, "centra_id IN (" + placeholders(chunk.size()) + ")", params)) {
          found.put(b.centraId(), b);
        }
      }
      return found;
    });
  }

  @Override
  public List<Binding> searchBindings(String text, int limit) {
    StoreChecks.searchArguments(text, limit);
    return tx.inTransaction("search bindings", c -> selectBindings(c, "centra_id LIKE ? ESCAPE '\\'"
        + " ORDER BY entity_type, centra_id LIMIT ?", StoreChecks.containsPattern(text), limit));
  }

  @Override
  public List<Binding> recentBindings(String entityType, int limit) {
    StoreChecks.positiveLimit(limit);
    return tx.inTransaction("list " + entityType + " bindings", c -> readBindings(c,
        "1 = 1 ORDER BY synced_at DESC, centra_id LIMIT ?", entityType, limit));
  }

  @Override
  public long countBindings(String entityType) {
    return tx.inTransaction("count " + entityType + " bindings", c -> {
      try (PreparedStatement ps = tx.prepare(c, "SELECT COUNT(*) FROM sync_binding WHERE entity_type = ?", entityType);
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Override
  public boolean unbind(String entityType, String centraId) {
    return tx.inTransaction("remove a binding",
        c -> tx.update(c, "DELETE FROM sync_binding WHERE entity_type = ? AND centra_id = ?", entityType, centraId) == 1);
  }

  private List<Binding> readBindings(Connection c, String where, Object... params) throws SQLException {
    return selectBindings(c, "entity_type = ? AND " + where, params);
  }

  private List<Binding> selectBindings(Connection c, String where, Object... params) throws SQLException {
    return tx.list(c, "SELECT entity_type, centra_id, sage_id, sage_reference, source_version, synced_at"
        + " FROM sync_binding WHERE " + where, rs -> Binding.builder()
            .entityType(rs.getString("entity_type"))
            .centraId(rs.getString("centra_id"))
            .sageId(rs.getString("sage_id"))
            .sageReference(Optional.ofNullable(rs.getString("sage_reference")))
            .sourceVersion(Optional.ofNullable(rs.getString("source_version")))
            .syncedAt(JdbcTransactions.instant(rs, "synced_at"))
            .build(), params);
  }
}
