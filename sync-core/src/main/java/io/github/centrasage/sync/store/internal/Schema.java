package io.github.centrasage.sync.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The versioned schema of the JDBC store, read from the {@code .sql} resources under
 * {@code io/github/centrasage/sync/store/schema/<dialect>/} (the files users hand to Flyway or
 * Liquibase are the very ones the store runs). File {@code i} brings the schema to version
 * {@code i + 1}; a database the store migrated records its versions in {@code sync_schema_version}.
 * Append new versions, never change what old ones create.
 *
 * <p>Every statement can run twice ({@code IF NOT EXISTS}, guarded inserts): H2 commits each DDL
 * statement at once, so a process killed in the middle of a migration leaves its first tables
 * without the version row, and the next start runs the migration again over them.
 */
public final class Schema {
  /** The scripts of every version, oldest first; the same names in every dialect's folder. */
  public static final List<String> FILES = List.of("V1__state_store.sql", "V2__allocation_ledger.sql");

  private static final String ROOT = "/io/github/centrasage/sync/store/schema/";
  private static final Map<String, List<List<String>>> LOADED = new ConcurrentHashMap<>();

  private Schema() {}

  /** The version a fully migrated database has. */
  public static int latestVersion() {
    return FILES.size();
  }

  /** The folder of a dialect's scripts: {@code h2} or {@code postgresql}. */
  public static String folder(String dialectName) {
    return dialectName.equalsIgnoreCase("H2") ? "h2" : "postgresql";
  }

  /** Migration {@code i} (bringing the schema to version {@code i + 1}) of {@code folder}, as statements. */
  public static List<List<String>> migrations(String folder) {
    return LOADED.computeIfAbsent(folder, f -> {
      List<List<String>> all = new ArrayList<>();
      for (String file : FILES) {
        all.add(statements(read(ROOT + f + "/" + file)));
      }
      return List.copyOf(all);
    });
  }

  private static String read(String resource) {
    try (InputStream in = Schema.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Schema script " + resource + " is missing from the sync-core jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read schema script " + resource, e);
    }
  }

  /** Splits a script into statements: {@code --} comment lines dropped, a {@code ;} ending a line ends one. */
  static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\r?\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      if (current.length() > 0) {
        current.append(' ');
      }
      current.append(trimmed);
      if (trimmed.endsWith(";")) {
        current.setLength(current.length() - 1);
        out.add(current.toString().replace("( ", "(").replace(" )", ")"));
        current.setLength(0);
      }
    }
    if (current.length() > 0) {
      throw new IllegalStateException("Schema script ends without ';': " + current);
    }
    return List.copyOf(out);
  }

  /**
   * The tables a fully migrated schema has, each with its columns (lower case), from the
   * {@code CREATE TABLE} statements of every version.
   */
  public static Map<String, List<String>> tables(String folder) {
    Map<String, List<String>> tables = new java.util.LinkedHashMap<>();
    for (List<String> migration : migrations(folder)) {
      for (String sql : migration) {
        String prefix = "CREATE TABLE IF NOT EXISTS ";
        if (!sql.startsWith(prefix)) {
          continue;
        }
        int open = sql.indexOf('(');
        String table = sql.substring(prefix.length(), open).strip();
        List<String> columns = new ArrayList<>();
        for (String part : topLevelParts(sql.substring(open + 1, sql.lastIndexOf(')')))) {
          String first = part.strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
          if (!List.of("primary", "constraint", "unique", "foreign", "check").contains(first)) {
            columns.add(first);
          }
        }
        tables.put(table, List.copyOf(columns));
      }
    }
    return tables;
  }

  private static List<String> topLevelParts(String s) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '(') {
        depth++;
      } else if (ch == ')') {
        depth--;
      } else if (ch == ',' && depth == 0) {
        parts.add(s.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(s.substring(start));
    return parts;
  }
}
