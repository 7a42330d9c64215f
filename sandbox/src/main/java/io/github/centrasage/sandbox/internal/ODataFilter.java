package io.github.centrasage.sandbox.internal;

import static io.github.centrasage.sandbox.internal.ODataQuery.compareNullable;
import static io.github.centrasage.sandbox.internal.ODataQuery.field;
import static io.github.centrasage.sandbox.internal.ODataQuery.toDecimal;

import io.github.centrasage.sandbox.internal.ODataTokens.Kind;
import io.github.centrasage.sandbox.internal.ODataTokens.Token;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The {@code $filter} grammar Sage 200 accepts ({@code eq ne gt ge lt le}, {@code and or not},
 * parentheses, {@code contains startswith endswith}), parsed from {@link ODataTokens} into a tree of
 * nodes that is evaluated per row. Bounded for hostile input: nesting deeper than
 * {@link #MAX_DEPTH} is refused, and long {@code and}/{@code or} chains are loops, not recursion.
 */
final class ODataFilter {
  /** Deepest nesting of parentheses, {@code not} and function calls a filter may have (each level is a Java frame). */
  static final int MAX_DEPTH = 100;

  /** Words of a $filter that are not field names. */
  private static final Set<String> KEYWORDS = Set.of("eq", "ne", "gt", "ge", "lt", "le", "and",
      "or", "not", "true", "false", "null", "asc", "desc", "in", "has", "add", "sub", "mul", "div", "mod");

  private static final Set<String> COMPARISONS = Set.of("eq", "ne", "gt", "ge", "lt", "le");

  private ODataFilter() {}

  /** The rows {@code filter} selects; a {@link BadRequest} in Sage's words when it does not parse. */
  static Predicate<Map<String, Object>> parse(String filter) {
    Node node = new Parser(filter).parseAll();
    return row -> Boolean.TRUE.equals(node.eval(row));
  }

  /**
   * The field names a {@code $filter} uses: its identifiers that are not keywords, function names
   * ({@code contains(}) or typed-literal prefixes ({@code datetime'…'}). Tokenised by the same
   * hand-written pass as the evaluator, so any input the evaluator survives is read here too.
   */
  static List<String> fieldNames(String filter) {
    List<Token> tokens = ODataTokens.of(filter);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).kind() != Kind.NAME) {
        continue;
      }
      String id = (String) tokens.get(i).value();
      Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
      boolean call = next != null && next.is(Kind.PUNCT, "(");
      boolean typedLiteral = next != null && next.kind() == Kind.LITERAL;
      if (!call && !typedLiteral && !KEYWORDS.contains(id)) {
        names.add(id);
      }
    }
    return names;
  }

  // ------------------------------------------------------------------ nodes

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

  // ------------------------------------------------------------------ parser

  /** Recursive descent: or → and → not → comparison → primary. */
  private static final class Parser {
    private final String text;
    private final List<Token> tokens;
    private int pos;
    private int depth;

    Parser(String text) {
      this.text = text;
      this.tokens = ODataTokens.of(text);
    }

    private void enter() {
      if (++depth > MAX_DEPTH) {
        throw error("nested deeper than " + MAX_DEPTH + " levels");
      }
    }

    Node parseAll() {
      Node n = or();
      if (pos < tokens.size()) {
        throw error("unexpected '" + tokens.get(pos).value() + "'");
      }
      return n;
    }

    private BadRequest error(String what) {
      return new BadRequest("Syntax error in $filter '" + ODataTokens.shorten(text) + "': " + what);
    }

    private boolean keyword(String word) {
      if (pos < tokens.size() && tokens.get(pos).kind() == Kind.NAME
          && word.equalsIgnoreCase((String) tokens.get(pos).value())) {
        pos++;
        return true;
      }
      return false;
    }

    private boolean punct(String p) {
      if (pos < tokens.size() && tokens.get(pos).is(Kind.PUNCT, p)) {
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
      if (pos < tokens.size() && tokens.get(pos).kind() == Kind.NAME) {
        String op = ((String) tokens.get(pos).value()).toLowerCase(Locale.ROOT);
        if (COMPARISONS.contains(op)) {
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
      Token t = tokens.get(pos);
      if (punct("(")) {
        enter();
        Node inner = or();
        expect(")");
        depth--;
        return inner;
      }
      if (t.kind() == Kind.LITERAL) {
        pos++;
        return new LiteralNode(t.value());
      }
      if (t.kind() == Kind.NAME) {
        pos++;
        String name = (String) t.value();
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
      throw error("unexpected '" + t.value() + "'");
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

  // ------------------------------------------------------------------ evaluation

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
