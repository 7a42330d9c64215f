package io.github.centrasage.sage200;

import io.github.centrasage.sage200.internal.SageJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A typed OData {@code $filter} expression. Field names are checked against a strict pattern and
 * every value is rendered as a literal by type: strings are quoted with {@code '} doubled, so a value
 * such as {@code 1' or id gt 0 or '1} stays one string and cannot widen the query.
 *
 * <p>Usage: {@code ODataFilter.eq("reference", "ACME01").and(ODataFilter.gt("id", 100L))}
 */
public final class ODataFilter {
  private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(/[A-Za-z][A-Za-z0-9_]*)*");
  private static final Pattern ENUM_LIKE = Pattern.compile("[A-Za-z0-9_]+");

  private final String expression;
  private final boolean composite;

  private ODataFilter(String expression, boolean composite) {
    this.expression = expression;
    this.composite = composite;
  }

  public static ODataFilter eq(String field, Object value) {
    return comparison(field, "eq", value);
  }

  public static ODataFilter ne(String field, Object value) {
    return comparison(field, "ne", value);
  }

  public static ODataFilter gt(String field, Object value) {
    return comparison(field, "gt", value);
  }

  public static ODataFilter ge(String field, Object value) {
    return comparison(field, "ge", value);
  }

  public static ODataFilter lt(String field, Object value) {
    return comparison(field, "lt", value);
  }

  public static ODataFilter le(String field, Object value) {
    return comparison(field, "le", value);
  }

  /** {@code contains(field,'text')}: Standard, and Professional released after July 2017. */
  public static ODataFilter contains(String field, String text) {
    return new ODataFilter("contains(" + field(field) + "," + literal(text) + ")", false);
  }

  /** {@code startswith(field,'text')}: Standard, and Professional released after July 2017. */
  public static ODataFilter startsWith(String field, String text) {
    return new ODataFilter("startswith(" + field(field) + "," + literal(text) + ")", false);
  }

  /** {@code field eq v1 or field eq v2 …}: one request for many keys. */
  public static ODataFilter in(String field, Collection<?> values) {
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException("in(" + field + ") needs at least one value");
    }
    List<ODataFilter> terms = new ArrayList<>(values.size());
    for (Object value : values) {
      terms.add(eq(field, value));
    }
    return anyOf(terms);
  }

  /** All of the given filters ({@code and}). */
  public static ODataFilter allOf(List<ODataFilter> filters) {
    return join(filters, " and ");
  }

  /** Any of the given filters ({@code or}). */
  public static ODataFilter anyOf(List<ODataFilter> filters) {
    return join(filters, " or ");
  }

  public static ODataFilter not(ODataFilter filter) {
    return new ODataFilter("not (" + Objects.requireNonNull(filter, "filter").expression + ")", false);
  }

  public ODataFilter and(ODataFilter other) {
    return allOf(List.of(this, other));
  }

  public ODataFilter or(ODataFilter other) {
    return anyOf(List.of(this, other));
  }

  /** The expression as sent in {@code $filter} (before URL encoding). */
  public String render() {
    return expression;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ODataFilter && ((ODataFilter) o).expression.equals(expression);
  }

  @Override
  public int hashCode() {
    return expression.hashCode();
  }

  @Override
  public String toString() {
    return expression;
  }

  private static ODataFilter join(List<ODataFilter> filters, String operator) {
    if (filters == null || filters.isEmpty()) {
      throw new IllegalArgumentException("need at least one filter to combine");
    }
    if (filters.size() == 1) {
      return filters.get(0);
    }
    StringBuilder out = new StringBuilder();
    for (ODataFilter filter : filters) {
      Objects.requireNonNull(filter, "filter");
      if (out.length() > 0) {
        out.append(operator);
      }
      // Brackets keep precedence right whatever the caller combined before.
      out.append(filter.composite ? "(" + filter.expression + ")" : filter.expression);
    }
    return new ODataFilter(out.toString(), true);
  }

  private static ODataFilter comparison(String field, String operator, Object value) {
    return new ODataFilter(field(field) + " " + operator + " " + literal(value), false);
  }

  static String field(String field) {
    if (field == null || !FIELD.matcher(field).matches()) {
      throw new IllegalArgumentException("not a valid OData field name: '" + field + "'");
    }
    return field;
  }

  /** Renders a value as an OData literal; throws for types that have no safe literal form. */
  static String literal(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof CharSequence) {
      return "'" + value.toString().replace("'", "''") + "'";
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof BigInteger) {
      return value.toString();
    }
    if (value instanceof BigDecimal) {
      return ((BigDecimal) value).toPlainString();
    }
    if (value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof Instant) {
      return SageJson.formatInstant((Instant) value);
    }
    if (value instanceof OffsetDateTime) {
      return SageJson.formatInstant(((OffsetDateTime) value).toInstant());
    }
    if (value instanceof LocalDate) {
      return value.toString();
    }
    if (value instanceof Enum) {
      String name = ((Enum<?>) value).name();
      if (!ENUM_LIKE.matcher(name).matches()) {
        throw new IllegalArgumentException("enum constant is not a plain name: " + name);
      }
      return "'" + name + "'";
    }
    throw new IllegalArgumentException(
        "no OData literal for " + value.getClass().getName()
            + "; use String, Long, Integer, BigDecimal, Boolean, Instant, OffsetDateTime or LocalDate");
  }
}
