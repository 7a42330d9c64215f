package io.github.centrasage.sync.store.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the store's SQL, written with the default names ({@code sync_job}, ...), into SQL for the
 * configured table prefix and schema. With the defaults it returns the SQL unchanged; otherwise
 * each distinct statement is rewritten once and cached (the store builds a small, fixed set).
 * Index names are qualified only where the database wants it: PostgreSQL puts an index in its
 * table's schema and refuses a qualified name, H2 wants the schema named.
 */
public final class TableNames {
  /** The prefix every table, sequence and index of the default schema starts with. */
  public static final String DEFAULT_PREFIX = "sync_";
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,40}");
  private static final Pattern NAME = Pattern.compile(
      "(CREATE INDEX IF NOT EXISTS |CONSTRAINT )?\\bsync_([a-z_]+)\\b");

  private final String prefix;
  private final Optional<String> schema;
  private final boolean qualifyIndexes;
  private final Map<String, String> cache = new ConcurrentHashMap<>();

  public TableNames(String prefix, Optional<String> schema, boolean qualifyIndexes) {
    this.prefix = prefix;
    this.schema = schema;
    this.qualifyIndexes = qualifyIndexes;
  }

  /** Checks a table prefix or schema name: a letter, then letters, digits or underscores. */
  public static String checkIdentifier(String what, String value) {
    if (value == null || !IDENTIFIER.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " must be a letter followed by up to 40 letters, digits"
          + " or underscores (it goes into SQL unquoted), was: " + value);
    }
    return value;
  }

  /** Whether the names are the defaults (SQL passes through unchanged). */
  public boolean isDefault() {
    return prefix.equals(DEFAULT_PREFIX) && schema.isEmpty();
  }

  /** The schema, if one is configured. */
  public Optional<String> schema() {
    return schema;
  }

  /** The name of the table (or sequence) {@code defaultName} as SQL should write it. */
  public String table(String defaultName) {
    return sql(defaultName);
  }

  /** {@code sql} with every default name replaced. */
  public String sql(String sql) {
    if (isDefault()) {
      return sql;
    }
    return cache.computeIfAbsent(sql, this::rewrite);
  }

  private String rewrite(String sql) {
    Matcher m = NAME.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String keyword = m.group(1);
      String name = prefix + m.group(2);
      String replaced;
      if (keyword == null) {
        replaced = qualified(name);
      } else if (keyword.startsWith("CREATE INDEX")) {
        replaced = keyword + (qualifyIndexes ? qualified(name) : name);
      } else {
        replaced = keyword + name; // a constraint lives with its table
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replaced));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String qualified(String name) {
    return schema.map(s -> s + "." + name).orElse(name);
  }

  /**
   * {@code connection} as seen by a {@link JdbcDialect} callback:
   * the SQL it runs gets the configured names too.
   */
  public Connection rewriting(Connection connection) {
    if (isDefault()) {
      return connection;
    }
    return proxy(Connection.class, connection, (target, method, args) -> {
      if (args != null && args.length > 0 && args[0] instanceof String
          && (method.getName().startsWith("prepare"))) {
        args[0] = sql((String) args[0]);
      }
      Object result = invoke(method, target, args);
      if (result instanceof Statement && method.getName().equals("createStatement")) {
        return proxy(Statement.class, (Statement) result, (st, m, a) -> {
          if (a != null && a.length > 0 && a[0] instanceof String && m.getName().startsWith("execute")) {
            a[0] = sql((String) a[0]);
          }
          return invoke(m, st, a);
        });
      }
      return result;
    });
  }

  private interface Handler<T> {
    Object handle(T target, Method method, Object[] args) throws Throwable;
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, T target, Handler<T> handler) {
    InvocationHandler h = (p, method, args) -> handler.handle(target, method, args);
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h);
  }

  private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
