package io.github.centrasage.sandbox.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The OData query options Sage 200 supports ({@code $filter $orderby $top $skip $select $expand}),
 * parsed once and applied to rows (maps of snake_case field to value), and the value rules the
 * options share (field paths, comparison across numbers, text and dates). The {@code $filter}
 * grammar is {@link ODataFilter}, its tokens {@link ODataTokens}.
 */
public final class ODataQuery {
  /** Sage answers 500 rows when {@code $top} is absent. */
  public static final int DEFAULT_TOP = 500;
  /** Sage's documented maximum for {@code $top}. */
  public static final int MAX_TOP = 5000;

  private static final Set<String> KNOWN_OPTIONS =
      Set.of("$filter", "$orderby", "$top", "$skip", "$select", "$expand", "$count", "$metadata");

  private final Predicate<Map<String, Object>> filter;
  private final List<Map.Entry<String, Boolean>> orderBy;
  private final int top;
  private final int skip;
  private final List<String> select;
  private final Set<String> expand;

  private ODataQuery(Predicate<Map<String, Object>> filter, List<Map.Entry<String, Boolean>> orderBy, int top,
      int skip, List<String> select, Set<String> expand) {
    this.filter = filter;
    this.orderBy = orderBy;
    this.top = top;
    this.skip = skip;
    this.select = select;
    this.expand = expand;
  }

  public static ODataQuery parse(Map<String, String> query) {
    for (String name : query.keySet()) {
      if (name.startsWith("$") && !KNOWN_OPTIONS.contains(name)) {
        throw new BadRequest("The query parameter '" + name + "' is not supported.");
      }
    }
    Predicate<Map<String, Object>> filter = row -> true;
    String f = query.get("$filter");
    if (f != null && !f.isBlank()) {
      filter = ODataFilter.parse(f);
    }
    List<Map.Entry<String, Boolean>> orderBy = new ArrayList<>();
    String o = query.get("$orderby");
    if (o != null && !o.isBlank()) {
      for (String part : HttpExchange.splitTrim(o, ',')) {
        String[] words = part.split("\\s+");
        if (words.length > 2 || (words.length == 2 && !words[1].matches("(?i)asc|desc"))) {
          throw new BadRequest("$orderby clause '" + part + "' must be 'field [asc|desc]'");
        }
        orderBy.add(Map.entry(words[0], words.length == 2 && words[1].equalsIgnoreCase("desc")));
      }
    }
    int top = intOption(query, "$top", DEFAULT_TOP);
    if (top > MAX_TOP) {
      throw new BadRequest("The limit of '" + MAX_TOP + "' for Top query has been exceeded. The value from the incoming request is '" + top + "'.");
    }
    int skip = intOption(query, "$skip", 0);
    List<String> select = new ArrayList<>();
    String s = query.get("$select");
    if (s != null && !s.isBlank()) {
      select.addAll(HttpExchange.splitTrim(s, ','));
    }
    String e = query.get("$expand");
    Set<String> expand = e == null || e.isBlank() ? Set.of() : Set.copyOf(HttpExchange.splitTrim(e, ','));
    return new ODataQuery(filter, orderBy, top, skip, select, expand);
  }

  private static int intOption(Map<String, String> query, String name, int dflt) {
    String v = query.get(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < 0) {
        throw new BadRequest(name + " must not be negative, was " + v);
      }
      return n;
    } catch (NumberFormatException ex) {
      throw new BadRequest(name + " must be a whole number, was '" + v + "'");
    }
  }

  public boolean expands(String name) {
    return expand.contains(name);
  }

  public boolean matches(Map<String, Object> row) {
    return filter.test(row);
  }

  /** Filters, sorts (by id when no $orderby, like Sage's default), pages and projects. */
  public List<Map<String, Object>> apply(Iterable<Map<String, Object>> rows) {
    return apply(rows, false);
  }

  /**
   * As {@link #apply(Iterable)}; {@code rowsInIdOrder} says the rows come in ascending {@code id}
   * order (a table kept sorted by its key). Then a query in that order ({@code $orderby=id} or none,
   * which is every key-set page) stops scanning once its page is full and sorts nothing, so one page
   * costs what precedes it in the table, not a sort of every row that matches.
   */
  public List<Map<String, Object>> apply(Iterable<Map<String, Object>> rows, boolean rowsInIdOrder) {
    boolean ordered = rowsInIdOrder && (orderBy.isEmpty()
        || orderBy.size() == 1 && orderBy.get(0).getKey().equals("id") && !orderBy.get(0).getValue());
    long wanted = ordered ? (long) skip + top : Long.MAX_VALUE;
    List<Map<String, Object>> matched = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      if (filter.test(row)) {
        matched.add(row);
        if (matched.size() >= wanted) {
          break;
        }
      }
    }
    Comparator<Map<String, Object>> cmp = null;
    for (Map.Entry<String, Boolean> ob : orderBy) {
      Comparator<Map<String, Object>> c = (a, b) -> compareNullable(field(a, ob.getKey()), field(b, ob.getKey()));
      if (ob.getValue()) {
        c = c.reversed();
      }
      cmp = cmp == null ? c : cmp.thenComparing(c);
    }
    if (cmp != null && !ordered) {
      matched.sort(cmp);
    }
    int from = Math.min(skip, matched.size());
    int to = (int) Math.min(matched.size(), (long) from + top);
    List<Map<String, Object>> out = new ArrayList<>(to - from);
    for (Map<String, Object> row : matched.subList(from, to)) {
      out.add(project(row));
    }
    return out;
  }

  /** Applies $select to one row. */
  public Map<String, Object> project(Map<String, Object> row) {
    if (select.isEmpty()) {
      return row;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (String path : select) {
      int dot = path.indexOf('.');
      String top = dot < 0 ? path : path.substring(0, dot);
      if (!row.containsKey(top)) {
        throw new BadRequest("Could not find a property named '" + top + "' in $select.");
      }
      if (dot < 0 || !(row.get(top) instanceof Map)) {
        out.put(top, row.get(top));
        continue;
      }
      // customer.id, customer.name: keep only the named fields of the expanded object.
      @SuppressWarnings("unchecked")
      Map<String, Object> nested = (Map<String, Object>) out.computeIfAbsent(top, k -> new LinkedHashMap<String, Object>());
      String rest = path.substring(dot + 1);
      nested.put(rest, field(row, path));
    }
    return out;
  }

  /** The names given in $expand. */
  public Set<String> expansions() {
    return expand;
  }

  static Object field(Map<String, Object> row, String path) {
    return field(row, path.indexOf('.') < 0 ? new String[] {path} : path.split("\\."));
  }

  static Object field(Map<String, Object> row, String[] path) {
    Object current = row;
    for (String part : path) {
      if (!(current instanceof Map)) {
        return null;
      }
      Map<?, ?> map = (Map<?, ?>) current;
      if (!map.containsKey(part)) {
        throw new BadRequest("Could not find a property named '" + part + "'.");
      }
      current = map.get(part);
    }
    return current;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compareNullable(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a instanceof Long && b instanceof Long) {
      // ids: the common case of every keyset page and sort, without two BigDecimals per comparison
      return Long.compare((Long) a, (Long) b);
    }
    Object[] pair = coerce(a, b);
    if (pair[0] instanceof Comparable && pair[0].getClass() == pair[1].getClass()) {
      return ((Comparable) pair[0]).compareTo(pair[1]);
    }
    return String.valueOf(a).compareTo(String.valueOf(b));
  }

  /** Brings two values to one comparable type (numbers to BigDecimal, date strings to Instant). */
  static Object[] coerce(Object a, Object b) {
    if (a instanceof Number && b instanceof Number) {
      return new Object[] {toDecimal(a), toDecimal(b)};
    }
    if (a instanceof Instant && b instanceof String) {
      return new Object[] {a, parseInstant((String) b)};
    }
    if (a instanceof String && b instanceof Instant) {
      return new Object[] {parseInstant((String) a), b};
    }
    if (a instanceof Number && b instanceof String || a instanceof String && b instanceof Number) {
      // Enum-like ids are compared as text, the way Sage accepts document_status eq '2'.
      return new Object[] {String.valueOf(a instanceof BigDecimal ? ((BigDecimal) a).toPlainString() : a),
          String.valueOf(b instanceof BigDecimal ? ((BigDecimal) b).toPlainString() : b)};
    }
    return new Object[] {a, b};
  }

  static BigDecimal toDecimal(Object n) {
    if (n instanceof Long || n instanceof Integer) {
      return BigDecimal.valueOf(((Number) n).longValue());
    }
    return n instanceof BigDecimal ? (BigDecimal) n : new BigDecimal(n.toString());
  }

  static Instant parseInstant(String s) {
    try {
      if (s.length() == 10) {
        return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new BadRequest("'" + s + "' is not a valid date-time; use 2026-01-01T00:00:00Z");
    }
  }
}
