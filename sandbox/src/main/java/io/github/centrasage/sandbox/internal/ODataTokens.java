package io.github.centrasage.sandbox.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of a {@code $filter}: literals (quoted text, numbers, dates and date-times), names
 * (fields, keywords, function names) and punctuation. Split by hand in one pass with no regular
 * expression: a backtracking regex over a string literal recursed once per character and
 * overflowed the stack on a 10,000-character one.
 */
final class ODataTokens {
  enum Kind { LITERAL, NAME, PUNCT }

  /** One token; {@code value} is a String, BigDecimal or Instant for a literal, the text otherwise. */
  record Token(Kind kind, Object value) {
    boolean is(Kind k, String text) {
      return kind == k && text.equals(value);
    }
  }

  private ODataTokens() {}

  static List<Token> of(String text) {
    List<Token> tokens = new ArrayList<>();
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
        tokens.add(new Token(Kind.LITERAL, value.toString()));
      } else if (isDigit(c) || (c == '-' && at + 1 < n && isDigit(text.charAt(at + 1)))) {
        end = dateEnd(text, at);
        if (end > at) {
          tokens.add(new Token(Kind.LITERAL, ODataQuery.parseInstant(text.substring(at, end))));
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
          tokens.add(new Token(Kind.LITERAL, new BigDecimal(text.substring(at, end))));
        }
      } else if (Character.isLetter(c) && c < 128 || c == '_') {
        end = at + 1;
        while (end < n && isNameChar(text.charAt(end))) {
          end++;
        }
        tokens.add(new Token(Kind.NAME, text.substring(at, end)));
      } else if (c == '(' || c == ')' || c == ',') {
        end = at + 1;
        tokens.add(new Token(Kind.PUNCT, String.valueOf(c)));
      } else {
        throw new BadRequest("Syntax error at position " + at + " in $filter '" + shorten(text) + "'");
      }
      at = end;
    }
    return tokens;
  }

  /** The filter for an error message: a hostile one can be megabytes. */
  static String shorten(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
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
}
