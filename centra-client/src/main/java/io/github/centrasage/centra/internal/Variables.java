package io.github.centrasage.centra.internal;

import io.github.centrasage.centra.Money;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds GraphQL variables as plain maps and lists, in Centra's input shapes
 * ({@code {id: …}} references, {@code MonetaryValueInput}, {@code DateTimeTz} text).
 */
public final class Variables {
  private final Map<String, Object> values = new LinkedHashMap<>();

  public static Variables of() {
    return new Variables();
  }

  /** Adds the entry; a null or empty-Optional value is left out (GraphQL then uses the default). */
  public Variables put(String name, Object value) {
    Object v = value instanceof Optional<?> ? ((Optional<?>) value).orElse(null) : value;
    if (v != null) {
      values.put(name, json(v));
    }
    return this;
  }

  public Map<String, Object> build() {
    return new LinkedHashMap<>(values);
  }

  /** {@code {id: 12}}: how Centra inputs point at an object. */
  public static Map<String, Object> ref(Object id) {
    return Map.of("id", id);
  }

  public static Map<String, Object> money(Money money) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("value", money.value());
    m.put("currencyIsoCode", money.currency());
    return m;
  }

  private static Object json(Object v) {
    if (v instanceof Money) {
      return money((Money) v);
    }
    if (v instanceof OffsetDateTime) {
      return ((OffsetDateTime) v).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
    if (v instanceof Enum<?>) {
      return ((Enum<?>) v).name();
    }
    if (v instanceof Variables) {
      return ((Variables) v).build();
    }
    if (v instanceof List<?>) {
      return ((List<?>) v).stream().map(Variables::json).collect(java.util.stream.Collectors.toList());
    }
    return v;
  }
}
