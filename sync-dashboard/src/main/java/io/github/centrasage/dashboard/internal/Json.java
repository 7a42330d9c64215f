package io.github.centrasage.dashboard.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Just enough JSON for the dashboard's API: writes maps, lists, strings, numbers, booleans and
 * nulls; reads one flat object of string values (a request body such as {@code {"note":"…"}}).
 * The module stays free of a JSON library for a handful of shapes.
 */
public final class Json {
  private Json() {}

  /** Writes {@code value}: a Map (string keys), List, String, Number, Boolean, Optional or null. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    if (value instanceof Optional) {
      value = ((Optional<?>) value).orElse(null);
    }
    if (value == null) {
      out.append("null");
    } else if (value instanceof Map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(String.valueOf(e.getKey()), out);
        out.append(':');
        write(e.getValue(), out);
      }
      out.append('}');
    } else if (value instanceof List) {
      out.append('[');
      boolean first = true;
      for (Object item : (List<?>) value) {
        if (!first) {
          out.append(',');
        }
        first = false;
        write(item, out);
      }
      out.append(']');
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else {
      string(value.toString(), out);
    }
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        default:
          // < > & escaped too, so JSON pasted into a page can never close a tag
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  /**
   * Reads a flat JSON object whose values are strings (others are skipped when they are numbers,
   * booleans or null).
   *
   * @throws IllegalArgumentException naming what is wrong with the text
   */
  public static Map<String, String> readFlatObject(String text) {
    Reader r = new Reader(text);
    Map<String, String> result = new LinkedHashMap<>();
    r.skipSpace();
    r.expect('{');
    r.skipSpace();
    if (r.peek() == '}') {
      r.pos++;
    } else {
      while (true) {
        r.skipSpace();
        String key = r.string();
        r.skipSpace();
        r.expect(':');
        r.skipSpace();
        if (r.peek() == '"') {
          result.put(key, r.string());
        } else {
          r.scalar();
        }
        r.skipSpace();
        char c = r.next();
        if (c == '}') {
          break;
        }
        if (c != ',') {
          throw r.error("expected ',' or '}'");
        }
      }
    }
    r.skipSpace();
    if (r.pos != text.length()) {
      throw r.error("unexpected text after the object");
    }
    return result;
  }

  private static final class Reader {
    final String text;
    int pos;

    Reader(String text) {
      this.text = text;
    }

    char peek() {
      if (pos >= text.length()) {
        throw error("unexpected end");
      }
      return text.charAt(pos);
    }

    char next() {
      char c = peek();
      pos++;
      return c;
    }

    void expect(char c) {
      if (next() != c) {
        throw error("expected '" + c + "'");
      }
    }

    void skipSpace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    String string() {
      expect('"');
      StringBuilder s = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') {
          return s.toString();
        }
        if (c != '\\') {
          s.append(c);
          continue;
        }
        char e = next();
        switch (e) {
          case '"': case '\\': case '/': s.append(e); break;
          case 'n': s.append('\n'); break;
          case 'r': s.append('\r'); break;
          case 't': s.append('\t'); break;
          case 'b': s.append('\b'); break;
          case 'f': s.append('\f'); break;
          case 'u':
            if (pos + 4 > text.length()) {
              throw error("short \\u escape");
            }
            try {
              s.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("bad \\u escape");
            }
            pos += 4;
            break;
          default:
            throw error("bad escape \\" + e);
        }
      }
    }

    void scalar() {
      int start = pos;
      while (pos < text.length() && "-+.eE0123456789truefalsn".indexOf(text.charAt(pos)) >= 0) {
        pos++;
      }
      String token = text.substring(start, pos);
      if (token.isEmpty() || !(token.equals("true") || token.equals("false") || token.equals("null")
          || token.matches("-?[0-9][0-9.eE+-]*"))) {
        throw error("only string, number, boolean or null values are accepted");
      }
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException("Bad JSON body at character " + pos + ": " + what);
    }
  }

  /** A list of maps from a list of values (keeps the call sites short). */
  public static <T> List<Object> list(List<T> items, java.util.function.Function<T, Object> toJson) {
    return items.stream().map(toJson).collect(java.util.stream.Collectors.toList());
  }
}
