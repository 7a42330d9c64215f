package io.github.centrasage.sandbox.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small accessors over JSON-shaped maps, each failing with a message that names the field. */
public final class Rows {
  private Rows() {}

  public static Map<String, Object> row(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  public static Object required(Map<String, Object> body, String field) {
    Object v = body.get(field);
    if (v == null) {
      throw new BadRequest("The " + field + " field is required.");
    }
    return v;
  }

  public static long requiredLong(Map<String, Object> body, String field) {
    return toLong(required(body, field), field);
  }

  public static Long optionalLong(Map<String, Object> body, String field) {
    Object v = body.get(field);
    return v == null ? null : toLong(v, field);
  }

  public static long toLong(Object v, String field) {
    try {
      if (v instanceof BigDecimal) {
        return ((BigDecimal) v).longValueExact();
      }
      if (v instanceof Number) {
        return ((Number) v).longValue();
      }
      return Long.parseLong(v.toString().trim());
    } catch (ArithmeticException | NumberFormatException e) {
      throw new BadRequest("The value '" + v + "' is not valid for " + field + ".");
    }
  }

  public static BigDecimal decimal(Object v, String field) {
    if (v == null) {
      return null;
    }
    if (v instanceof BigDecimal) {
      return (BigDecimal) v;
    }
    if (v instanceof Number) {
      return new BigDecimal(v.toString());
    }
    try {
      return new BigDecimal(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new BadRequest("The value '" + v + "' is not valid for " + field + ".");
    }
  }

  public static BigDecimal requiredDecimal(Map<String, Object> body, String field) {
    return decimal(required(body, field), field);
  }

  public static BigDecimal optionalDecimal(Map<String, Object> body, String field, BigDecimal dflt) {
    BigDecimal d = decimal(body.get(field), field);
    return d == null ? dflt : d;
  }

  public static String optionalString(Map<String, Object> body, String field, int maxLength) {
    Object v = body.get(field);
    if (v == null) {
      return null;
    }
    String s = v.toString();
    if (s.length() > maxLength) {
      throw new BadRequest("The field " + field + " must be a string with a maximum length of " + maxLength + ".");
    }
    return s;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(Object v, String field) {
    if (v == null) {
      return null;
    }
    if (!(v instanceof Map)) {
      throw new BadRequest(field + " must be an object");
    }
    return (Map<String, Object>) v;
  }

  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> objects(Object v, String field) {
    if (v == null) {
      return List.of();
    }
    if (v instanceof Map) {
      // GraphQL input coercion: a single object stands for a one-element list.
      return List.of((Map<String, Object>) v);
    }
    if (!(v instanceof List)) {
      throw new BadRequest(field + " must be a list");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : (List<?>) v) {
      out.add(object(o, field + "[]"));
    }
    return out;
  }

  /** A deep copy, so answers never share mutable maps with the state. */
  @SuppressWarnings("unchecked")
  public static Object copy(Object v) {
    if (v instanceof Map) {
      Map<String, Object> m = new LinkedHashMap<>();
      ((Map<String, Object>) v).forEach((k, x) -> m.put(k, copy(x)));
      return m;
    }
    if (v instanceof List) {
      List<Object> l = new ArrayList<>();
      for (Object x : (List<?>) v) {
        l.add(copy(x));
      }
      return l;
    }
    return v;
  }
}
