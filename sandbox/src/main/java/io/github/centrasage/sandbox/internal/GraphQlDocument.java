package io.github.centrasage.sandbox.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough GraphQL parsing for an emulator: the operation type, the root fields with their
 * aliases and arguments (variables resolved, inline literals accepted) and each root field's raw
 * selection text. Selections below the root are not interpreted: the emulator answers full objects.
 */
public final class GraphQlDocument {
  /** One root field of the operation. */
  public record RootField(String alias, String name, Map<String, Object> arguments, String selection) {
    public String responseKey() {
      return alias == null ? name : alias;
    }
  }

  private final String operationType;
  private final List<RootField> fields;
  private final Map<String, Object> variables;

  private GraphQlDocument(String operationType, List<RootField> fields, Map<String, Object> variables) {
    this.operationType = operationType;
    this.fields = fields;
    this.variables = variables;
  }

  /**
   * The arguments of the first field called {@code field} inside {@code root}'s selection (e.g.
   * {@code Warehouse.stock(limit: $limit, page: $page)}), variables resolved; empty when the field is
   * absent or has no arguments.
   */
  public Map<String, Object> nestedArguments(RootField root, String field) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(field) + "\\s*\\(")
        .matcher(root.selection());
    if (!m.find()) {
      return Map.of();
    }
    Parser parser = new Parser(root.selection(), variables);
    parser.i = m.end();
    return parser.arguments();
  }

  public String operationType() {
    return operationType;
  }

  public List<RootField> fields() {
    return fields;
  }

  public static GraphQlDocument parse(String text, Map<String, Object> variables) {
    return new Parser(text, variables == null ? Map.of() : variables).document();
  }

  private static final class Parser {
    private final String s;
    private final Map<String, Object> variables;
    int i;

    Parser(String s, Map<String, Object> variables) {
      this.s = s;
      this.variables = variables;
    }

    private BadRequest error(String what) {
      return new BadRequest("Syntax Error: " + what + " at position " + i);
    }

    private void skipIgnored() {
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '#') {
          while (i < s.length() && s.charAt(i) != '\n') {
            i++;
          }
        } else if (Character.isWhitespace(c) || c == ',' || c == '\ufeff') {
          i++;
        } else {
          return;
        }
      }
    }

    private boolean peek(char c) {
      skipIgnored();
      return i < s.length() && s.charAt(i) == c;
    }

    private boolean accept(char c) {
      if (peek(c)) {
        i++;
        return true;
      }
      return false;
    }

    private void expect(char c) {
      if (!accept(c)) {
        throw error("Expected '" + c + "'");
      }
    }

    private String name() {
      skipIgnored();
      int start = i;
      while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
        i++;
      }
      if (start == i) {
        throw error("Expected a name");
      }
      return s.substring(start, i);
    }

    private boolean atName() {
      skipIgnored();
      return i < s.length() && (Character.isLetter(s.charAt(i)) || s.charAt(i) == '_');
    }

    GraphQlDocument document() {
      String type = "query";
      if (atName()) {
        type = name();
        if (!type.equals("query") && !type.equals("mutation")) {
          throw new BadRequest("Unsupported operation type '" + type + "'");
        }
        if (atName()) {
          name();
        }
        if (peek('(')) {
          skipBalanced('(', ')');
        }
        skipDirectives();
      }
      expect('{');
      List<RootField> fields = new ArrayList<>();
      while (!accept('}')) {
        if (i >= s.length()) {
          throw error("Unterminated selection set");
        }
        if (peek('.')) {
          throw new BadRequest("Fragment spreads are not supported at the root of the operation");
        }
        String first = name();
        String alias = null;
        String field = first;
        if (accept(':')) {
          alias = first;
          field = name();
        }
        Map<String, Object> args = accept('(') ? arguments() : new LinkedHashMap<>();
        skipDirectives();
        String selection = "";
        if (peek('{')) {
          int start = i;
          skipBalanced('{', '}');
          selection = s.substring(start, i);
        }
        fields.add(new RootField(alias, field, args, selection));
      }
      if (fields.isEmpty()) {
        throw error("Empty selection set");
      }
      return new GraphQlDocument(type, fields, variables);
    }

    /** Reads {@code name: value} pairs up to the closing parenthesis (the opening one is consumed). */
    Map<String, Object> arguments() {
      Map<String, Object> args = new LinkedHashMap<>();
      while (!accept(')')) {
        if (i >= s.length()) {
          throw error("Unterminated argument list");
        }
        String arg = name();
        expect(':');
        args.put(arg, value());
      }
      return args;
    }

    private void skipDirectives() {
      while (peek('@')) {
        i++;
        name();
        if (peek('(')) {
          skipBalanced('(', ')');
        }
      }
    }

    private void skipBalanced(char open, char close) {
      skipIgnored();
      int depth = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '"') {
          string();
          continue;
        }
        if (c == '#') {
          skipIgnored();
          continue;
        }
        i++;
        if (c == open) {
          depth++;
        } else if (c == close) {
          depth--;
          if (depth == 0) {
            return;
          }
        }
      }
      throw error("Unbalanced '" + open + "'");
    }

    private Object value() {
      skipIgnored();
      if (i >= s.length()) {
        throw error("Expected a value");
      }
      char c = s.charAt(i);
      if (c == '$') {
        i++;
        String var = name();
        if (!variables.containsKey(var)) {
          return null;
        }
        return variables.get(var);
      }
      if (c == '"') {
        return string();
      }
      if (c == '[') {
        i++;
        List<Object> list = new ArrayList<>();
        while (!accept(']')) {
          list.add(value());
        }
        return list;
      }
      if (c == '{') {
        i++;
        Map<String, Object> map = new LinkedHashMap<>();
        while (!accept('}')) {
          String key = name();
          expect(':');
          map.put(key, value());
        }
        return map;
      }
      if (c == '-' || Character.isDigit(c)) {
        int start = i++;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || "eE.+-".indexOf(s.charAt(i)) >= 0)) {
          i++;
        }
        return new BigDecimal(s.substring(start, i));
      }
      String word = name();
      switch (word) {
        case "true":
          return Boolean.TRUE;
        case "false":
          return Boolean.FALSE;
        case "null":
          return null;
        default:
          return word; // an enum value
      }
    }

    private String string() {
      if (s.startsWith("\"\"\"", i)) {
        int end = s.indexOf("\"\"\"", i + 3);
        if (end < 0) {
          throw error("Unterminated block string");
        }
        String out = s.substring(i + 3, end);
        i = end + 3;
        return out;
      }
      StringBuilder out = new StringBuilder();
      i++;
      while (i < s.length()) {
        char c = s.charAt(i++);
        if (c == '"') {
          return out.toString();
        }
        if (c == '\\' && i < s.length()) {
          char e = s.charAt(i++);
          switch (e) {
            case 'n':
              out.append('\n');
              break;
            case 't':
              out.append('\t');
              break;
            case 'u':
              out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
              i += 4;
              break;
            default:
              out.append(e);
          }
        } else {
          out.append(c);
        }
      }
      throw error("Unterminated string");
    }
  }
}
