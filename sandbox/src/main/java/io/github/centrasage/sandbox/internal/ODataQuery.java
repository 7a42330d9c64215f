package io.github.centrasage.sandbox.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The OData query options Sage 200 supports ({@code $filter $orderby $top $skip $select}), parsed
 * once and applied to rows (maps of snake_case field to value).
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
      Node node = new Parser(f).parseAll();
      filter = row -> Boolean.TRUE.equals(node.eval(row));
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

  /** Words of a $filter that are not field names. */
  private static final java.util.Set<String> KEYWORDS = java.util.Set.of("eq", "ne", "gt", "ge", "lt", "le", "and",
      "or", "not", "true", "false", "null", "asc", "desc", "in", "has", "add", "sub", "mul", "div", "mod");

  /**
   * The field names a {@code $filter} uses: its identifiers that are not keywords, function names
   * ({@code contains(}) or typed-literal prefixes ({@code datetime'…'}). Tokenised by the same
   * hand-written pass as the evaluator, so any input the evaluator survives is read here too.
   */
  static List<String> fieldNames(String filter) {
    List<Object[]> tokens = new Parser(filter).tokens;
    List<String> names = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (!"id".equals(tokens.get(i)[0])) {
        continue;
      }
      String id = (String) tokens.get(i)[1];
      Object[] next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
      boolean call = next != null && "punct".equals(next[0]) && "(".equals(next[1]);
      boolean typedLiteral = next != null && "lit".equals(next[0]);
      if (!call && !typedLiteral && !KEYWORDS.contains(id)) {
        names.add(id);
      }
    }
    return names;
  }

  static Object field(Map<String, Object> row, String path) {
    return field(row, path.indexOf('.') < 0 ? new String[] {path} : path.split("\\."));
  }

  private static Object field(Map<String, Object> row, String[] path) {
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

  // ---- $filter grammar ----

  interface Node {
    Object eval(Map<String, Object> row);
  }

  private static final class LiteralNode implements Node {
    final Object value;

    LiteralNode(Object value) {
      this.value = value;
    }

    @Override
    public Object eval(Map<String, Object> row) {
      return value;
    }
  }

  private static final class FieldNode implements Node {
    final String[] path;

    FieldNode(String[] path) {
      this.path = path;
    }

    @Override
    public Object eval(Map<String, Object> row) {
      return field(row, path);
    }
  }

  /** {@code field eq literal}, remembered as such so that a run of them can become one set lookup. */
  private static final class EqualsLiteral implements Node {
    final String[] path;
    final Object literal;
    final Node node;

    EqualsLiteral(String[] path, Object literal, Node node) {
      this.path = path;
      this.literal = literal;
      this.node = node;
    }

    @Override
    public Object eval(Map<String, Object> row) {
      return node.eval(row);
    }
  }

  /**
   * {@code f eq a or f eq b or …} (what an OData {@code in} list becomes) as one hash lookup per row
   * instead of one comparison per value: the clients send lists of 20 to 200 keys, and evaluating
   * them one by one against every row made paging a large table quadratic. Only text against text
   * and number against number take the set; any other row falls back to the comparisons.
   */
  private static final class EqualsAny implements Node {
    private final String[] path;
    private final Set<Object> keys;
    private final boolean numbers;
    private final Node fallback;

    private EqualsAny(String[] path, Set<Object> keys, boolean numbers, Node fallback) {
      this.path = path;
      this.keys = keys;
      this.numbers = numbers;
      this.fallback = fallback;
    }

    static Node of(List<Node> operands, Node fallback) {
      String[] path = null;
      Set<Object> keys = new HashSet<>();
      Boolean numbers = null;
      for (Node operand : operands) {
        if (!(operand instanceof EqualsLiteral)) {
          return fallback;
        }
        EqualsLiteral eq = (EqualsLiteral) operand;
        boolean number = eq.literal instanceof BigDecimal;
        if (!(number || eq.literal instanceof String) || (path != null && !Arrays.equals(path, eq.path))
            || (numbers != null && numbers != number)) {
          return fallback;
        }
        path = eq.path;
        numbers = number;
        keys.add(number ? ((BigDecimal) eq.literal).stripTrailingZeros() : eq.literal);
      }
      return new EqualsAny(path, keys, numbers, fallback);
    }

    @Override
    public Object eval(Map<String, Object> row) {
      Object value = field(row, path);
      if (numbers && value instanceof Number) {
        return keys.contains(toDecimal(value).stripTrailingZeros());
      }
      if (!numbers && value instanceof String) {
        return keys.contains(value);
      }
      return fallback.eval(row);
    }
  }

  /** Deepest nesting of parentheses, {@code not} and function calls a filter may have (each level is a Java frame). */
  static final int MAX_DEPTH = 100;

  private static final class Parser {
    private final String text;
    private final List<Object[]> tokens = new ArrayList<>();
    private int pos;
    private int depth;

    /**
     * Splits the filter into tokens by hand, one pass, no regular expression: a backtracking regex over
     * a string literal recursed once per character and overflowed the stack on a 10,000-character one.
     */
    Parser(String text) {
      this.text = text;
      int at = 0;
      int n = text.length();
      while (true) {
        while (at < n && Character.isWhitespace(text.charAt(at))) {
          at++;
        }
        if (at >= n) {
          break;
        }
        char c = text.charAt(at);
        int end;
        if (c == '\'') {
          StringBuilder value = new StringBuilder();
          end = at + 1;
          while (true) {
            if (end >= n) {
              throw new BadRequest("Syntax error at position " + at + " in $filter: unterminated string literal");
            }
            char d = text.charAt(end);
            if (d == '\'') {
              if (end + 1 < n && text.charAt(end + 1) == '\'') {
                value.append('\'');
                end += 2;
                continue;
              }
              end++;
              break;
            }
            value.append(d);
            end++;
          }
          tokens.add(new Object[] {"lit", value.toString()});
        } else if (isDigit(c) || (c == '-' && at + 1 < n && isDigit(text.charAt(at + 1)))) {
          end = dateEnd(text, at);
          if (end > at) {
            tokens.add(new Object[] {"lit", parseInstant(text.substring(at, end))});
          } else {
            end = at + 1;
            while (end < n && isDigit(text.charAt(end))) {
              end++;
            }
            if (end + 1 < n && text.charAt(end) == '.' && isDigit(text.charAt(end + 1))) {
              end++;
              while (end < n && isDigit(text.charAt(end))) {
                end++;
              }
            }
            tokens.add(new Object[] {"lit", new BigDecimal(text.substring(at, end))});
          }
        } else if (Character.isLetter(c) && c < 128 || c == '_') {
          end = at + 1;
          while (end < n && isNameChar(text.charAt(end))) {
            end++;
          }
          tokens.add(new Object[] {"id", text.substring(at, end)});
        } else if (c == '(' || c == ')' || c == ',') {
          end = at + 1;
          tokens.add(new Object[] {"punct", String.valueOf(c)});
        } else {
          throw new BadRequest("Syntax error at position " + at + " in $filter '" + shorten(text) + "'");
        }
        at = end;
      }
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private static boolean isNameChar(char c) {
      return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '/');
    }

    /** The end of a date ({@code yyyy-mm-dd}) or date-time ({@code …Thh:mm[:ss[.f]]Z}) at {@code at}, or {@code at}. */
    private static int dateEnd(String s, int at) {
      if (!digits(s, at, 4) || !is(s, at + 4, '-') || !digits(s, at + 5, 2) || !is(s, at + 7, '-')
          || !digits(s, at + 8, 2)) {
        return at;
      }
      int end = at + 10;
      if (is(s, end, 'T') && digits(s, end + 1, 2) && is(s, end + 3, ':') && digits(s, end + 4, 2)) {
        int t = end + 6;
        if (is(s, t, ':') && digits(s, t + 1, 2)) {
          t += 3;
          if (is(s, t, '.') && digits(s, t + 1, 1)) {
            t += 2;
            while (t < s.length() && isDigit(s.charAt(t))) {
              t++;
            }
          }
        }
        if (is(s, t, 'Z')) {
          return t + 1;
        }
      }
      return end;
    }

    private static boolean digits(String s, int from, int count) {
      if (from + count > s.length()) {
        return false;
      }
      for (int i = from; i < from + count; i++) {
        if (!isDigit(s.charAt(i))) {
          return false;
        }
      }
      return true;
    }

    private static boolean is(String s, int at, char c) {
      return at < s.length() && s.charAt(at) == c;
    }

    /** The filter for an error message: a hostile one can be megabytes. */
    private static String shorten(String text) {
      return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    private void enter() {
      if (++depth > MAX_DEPTH) {
        throw error("nested deeper than " + MAX_DEPTH + " levels");
      }
    }

    Node parseAll() {
      Node n = or();
      if (pos < tokens.size()) {
        throw error("unexpected '" + tokens.get(pos)[1] + "'");
      }
      return n;
    }

    private BadRequest error(String what) {
      return new BadRequest("Syntax error in $filter '" + shorten(text) + "': " + what);
    }

    private boolean keyword(String word) {
      if (pos < tokens.size() && "id".equals(tokens.get(pos)[0])
          && word.equalsIgnoreCase((String) tokens.get(pos)[1])) {
        pos++;
        return true;
      }
      return false;
    }

    private boolean punct(String p) {
      if (pos < tokens.size() && "punct".equals(tokens.get(pos)[0]) && p.equals(tokens.get(pos)[1])) {
        pos++;
        return true;
      }
      return false;
    }

    private void expect(String p) {
      if (!punct(p)) {
        throw error("expected '" + p + "'");
      }
    }

    private Node or() {
      List<Node> operands = new ArrayList<>(List.of(and()));
      while (keyword("or")) {
        operands.add(and());
      }
      if (operands.size() == 1) {
        return operands.get(0);
      }
      // one loop over the operands, not a lambda per "or": a chain of thousands would recurse as deep
      List<Node> all = List.copyOf(operands);
      Node left = row -> {
        for (Node o : all) {
          if (truthy(o.eval(row))) {
            return true;
          }
        }
        return false;
      };
      return operands.size() > 2 ? EqualsAny.of(operands, left) : left;
    }

    private Node and() {
      List<Node> operands = new ArrayList<>(List.of(not()));
      while (keyword("and")) {
        operands.add(not());
      }
      if (operands.size() == 1) {
        return operands.get(0);
      }
      List<Node> all = List.copyOf(operands);
      return row -> {
        for (Node o : all) {
          if (!truthy(o.eval(row))) {
            return false;
          }
        }
        return true;
      };
    }

    private Node not() {
      if (keyword("not")) {
        enter();
        Node inner = not();
        depth--;
        return row -> !truthy(inner.eval(row));
      }
      return comparison();
    }

    private Node comparison() {
      Node left = primary();
      if (pos < tokens.size() && "id".equals(tokens.get(pos)[0])) {
        String op = ((String) tokens.get(pos)[1]).toLowerCase(Locale.ROOT);
        if (Set.of("eq", "ne", "gt", "ge", "lt", "le").contains(op)) {
          pos++;
          Node right = primary();
          Node node = row -> compare(op, left.eval(row), right.eval(row));
          if (op.equals("eq") && left instanceof FieldNode && right instanceof LiteralNode) {
            return new EqualsLiteral(((FieldNode) left).path, ((LiteralNode) right).value, node);
          }
          return node;
        }
      }
      return left;
    }

    private Node primary() {
      if (pos >= tokens.size()) {
        throw error("unexpected end");
      }
      Object[] t = tokens.get(pos);
      if (punct("(")) {
        enter();
        Node inner = or();
        expect(")");
        depth--;
        return inner;
      }
      if ("lit".equals(t[0])) {
        pos++;
        return new LiteralNode(t[1]);
      }
      if ("id".equals(t[0])) {
        pos++;
        String name = (String) t[1];
        switch (name.toLowerCase(Locale.ROOT)) {
          case "true":
            return row -> Boolean.TRUE;
          case "false":
            return row -> Boolean.FALSE;
          case "null":
            return row -> null;
          default:
            break;
        }
        if (punct("(")) {
          enter();
          List<Node> args = new ArrayList<>();
          if (!punct(")")) {
            do {
              args.add(or());
            } while (punct(","));
            expect(")");
          }
          depth--;
          return function(name.toLowerCase(Locale.ROOT), args);
        }
        // split once here, not for every row the filter is evaluated against
        return new FieldNode(name.replace('/', '.').split("\\."));
      }
      throw error("unexpected '" + t[1] + "'");
    }

    private Node function(String name, List<Node> args) {
      if (args.size() != 2) {
        throw error(name + " takes two arguments");
      }
      Node a = args.get(0);
      Node b = args.get(1);
      switch (name) {
        case "contains":
          return row -> text(a.eval(row)).contains(text(b.eval(row)));
        case "startswith":
          return row -> text(a.eval(row)).startsWith(text(b.eval(row)));
        case "endswith":
          return row -> text(a.eval(row)).endsWith(text(b.eval(row)));
        default:
          throw error("unknown function " + name);
      }
    }
  }

  private static String text(Object v) {
    return v == null ? "" : v.toString().toLowerCase(Locale.ROOT);
  }

  private static boolean truthy(Object v) {
    return Boolean.TRUE.equals(v);
  }

  private static Boolean compare(String op, Object a, Object b) {
    if (a == null || b == null) {
      boolean bothNull = a == null && b == null;
      switch (op) {
        case "eq":
          return bothNull;
        case "ne":
          return !bothNull;
        default:
          return false;
      }
    }
    int c = compareNullable(a, b);
    switch (op) {
      case "eq":
        return c == 0;
      case "ne":
        return c != 0;
      case "gt":
        return c > 0;
      case "ge":
        return c >= 0;
      case "lt":
        return c < 0;
      default:
        return c <= 0;
    }
  }
}
