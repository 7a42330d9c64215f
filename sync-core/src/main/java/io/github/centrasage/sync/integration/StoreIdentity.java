package io.github.centrasage.sync.integration;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sync.spi.CursorStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which Centra tenant (its base URL) and which Sage 200 site and company a state store belongs to.
 * The store keeps it from its first use (in a cursor named {@value #CURSOR}); a store that belongs
 * to another pair is refused, so a store made against a test company is never reused against the
 * live one, where it would skip every order its cursors and bindings think are done.
 *
 * <p>Usage: {@code StoreIdentity.claim(store, StoreIdentity.of(centraClient, sageClient));} (the
 * go-live doctor only compares: {@code StoreIdentity.recorded(store)}).
 */
public final class StoreIdentity {
  /** The cursor the identity is kept in. */
  public static final String CURSOR = "store.identity";

  private final Map<String, String> parts;

  private StoreIdentity(Map<String, String> parts) {
    this.parts = parts;
  }

  /** The identity of a pair of clients; either may be null (an engine that talks to one system only). */
  public static StoreIdentity of(CentraClient centra, Sage200Client sage) {
    Map<String, String> parts = new LinkedHashMap<>();
    if (centra != null) {
      parts.put("centra", trimSlash(centra.baseUrl()));
    }
    if (sage != null) {
      parts.put("sage.site", sage.siteId());
      parts.put("sage.company", Long.toString(sage.companyId()));
    }
    return new StoreIdentity(parts);
  }

  /** The identity the store recorded, if any. */
  public static Optional<StoreIdentity> recorded(CursorStore store) {
    return store.cursor(CURSOR).map(c -> parse(c.value()));
  }

  /**
   * Records {@code identity} in a store that has none (or adds the parts it lacks), and refuses a
   * store that belongs to another tenant, site or company.
   *
   * @throws StoreIdentityException naming both identities when they differ
   */
  public static void claim(CursorStore store, StoreIdentity identity) {
    Optional<StoreIdentity> recorded = recorded(store);
    if (recorded.isPresent()) {
      List<String> differences = recorded.get().differences(identity);
      if (!differences.isEmpty()) {
        throw new StoreIdentityException(differences);
      }
    }
    StoreIdentity merged = recorded.map(r -> r.with(identity)).orElse(identity);
    if (recorded.map(r -> !r.parts.equals(merged.parts)).orElse(true) && !merged.parts.isEmpty()) {
      store.putCursor(CURSOR, merged.encode());
    }
  }

  /**
   * What differs between this (the recorded identity) and {@code current}, one line each; parts
   * only one side knows are not a difference.
   */
  public List<String> differences(StoreIdentity current) {
    List<String> out = new ArrayList<>();
    parts.forEach((key, value) -> {
      String now = current.parts.get(key);
      if (now != null && !now.equals(value)) {
        out.add("the store belongs to " + describe(key) + " " + value + ", the clients point at " + now);
      }
    });
    return out;
  }

  /** The Centra base URL, if known. */
  public Optional<String> centraBaseUrl() {
    return Optional.ofNullable(parts.get("centra"));
  }

  /** The Sage site id, if known. */
  public Optional<String> sageSiteId() {
    return Optional.ofNullable(parts.get("sage.site"));
  }

  /** The Sage company id, if known. */
  public Optional<String> sageCompanyId() {
    return Optional.ofNullable(parts.get("sage.company"));
  }

  private StoreIdentity with(StoreIdentity more) {
    Map<String, String> merged = new LinkedHashMap<>(parts);
    more.parts.forEach(merged::putIfAbsent);
    return new StoreIdentity(merged);
  }

  private String encode() {
    StringBuilder out = new StringBuilder();
    parts.forEach((k, v) -> out.append(out.length() == 0 ? "" : "\n").append(k).append('=').append(v));
    return out.toString();
  }

  private static StoreIdentity parse(String text) {
    Map<String, String> parts = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        parts.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return new StoreIdentity(parts);
  }

  private static String describe(String key) {
    switch (key) {
      case "centra":
        return "Centra tenant";
      case "sage.site":
        return "Sage site";
      default:
        return "Sage company";
    }
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoreIdentity && ((StoreIdentity) o).parts.equals(parts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(parts);
  }

  @Override
  public String toString() {
    return "StoreIdentity" + parts;
  }
}
