package io.github.centrasage.centra.internal;

import com.squareup.moshi.FromJson;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.ToJson;
import com.squareup.moshi.Types;
import io.github.centrasage.centra.ImmutableMoney;
import io.github.centrasage.centra.Money;
import io.github.centrasage.http.internal.ImmutablesJsonAdapterFactory;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Set;

/** Moshi adapters for Centra's scalars and {@code MonetaryValue}. */
public final class ScalarAdapters {

  /** Accepts ISO-8601 with {@code T} or with a space (both occur in Centra examples). */
  private static final DateTimeFormatter LENIENT_OFFSET = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .append(DateTimeFormatter.ISO_LOCAL_TIME)
      .appendOffset("+HH:MM:ss", "Z")
      .toFormatter()
      // STRICT: 2026-02-30 is refused, not moved to the 28th (SMART's default), so the order parks instead of
      // entering Sage under a date it never had
      .withResolverStyle(ResolverStyle.STRICT)
      .withChronology(IsoChronology.INSTANCE);

  /**
   * Centra's value types, by the one naming rule (camelCase as written; {@code @Json} for the few
   * fields that break it). The attributes listed are read as text whether the JSON holds a string or
   * a number: a GraphQL error path (names and list indexes), an event's object id and number (a hash
   * for an order, a number for a shipment: whatever type the event names), and a payment entry's id
   * (Centra's schema says {@code Int}, this library has always kept it as text).
   */
  private static final ImmutablesJsonAdapterFactory VALUE_TYPES =
      new ImmutablesJsonAdapterFactory("io.github.centrasage.centra", ImmutablesJsonAdapterFactory.Naming.AS_WRITTEN)
          .withAttributesReadBy(Set.of("CentraUserMessage.path", "EventObject.id", "EventObject.number",
              "PaymentHistoryEntry.id"), ScalarAdapters::lenientMoshi);

  private ScalarAdapters() {}

  /**
   * A Moshi instance that knows every Centra value type and reads JSON types strictly: a number
   * sent as a string ({@code "1"}), a string sent as a number, a boolean sent as either is an
   * error naming the path, never coerced (Moshi's defaults coerce both ways).
   */
  public static Moshi moshi() {
    return builder().add(new StrictScalars()).build();
  }

  /**
   * As {@link #moshi()} but with Moshi's usual coercion of numbers and strings: for webhook payloads,
   * whose ids Centra documents loosely and which only ever name what to read.
   */
  public static Moshi lenientMoshi() {
    return builder().build();
  }

  private static Moshi.Builder builder() {
    return new Moshi.Builder()
        .add(new ScalarAdapters())
        .add(OffsetDateTime.class, new DateTimeTzAdapter().nullSafe())
        .add(BigDecimal.class, new BigDecimalAdapter().nullSafe())
        .add(new LenientEnumFactory())
        // an event names an order (String id) or a shipment (Int id): read by its own adapter
        .add(io.github.centrasage.centra.EventObject.class, new EventObjectAdapter().nullSafe())
        .add(VALUE_TYPES);
  }

  /** Strings, whole numbers and booleans only from the JSON token of their own type. */
  static final class StrictScalars implements JsonAdapter.Factory {
    @Override
    public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
      if (!annotations.isEmpty()) {
        return null;
      }
      if (type == String.class) {
        return strict(JsonReader.Token.STRING, "a string", JsonReader::nextString).nullSafe();
      }
      if (type == int.class || type == Integer.class) {
        JsonAdapter<Integer> a = strict(JsonReader.Token.NUMBER, "a whole number", JsonReader::nextInt);
        return type == int.class ? a.nonNull() : a.nullSafe();
      }
      if (type == long.class || type == Long.class) {
        JsonAdapter<Long> a = strict(JsonReader.Token.NUMBER, "a whole number", JsonReader::nextLong);
        return type == long.class ? a.nonNull() : a.nullSafe();
      }
      if (type == boolean.class || type == Boolean.class) {
        JsonAdapter<Boolean> a = strict(JsonReader.Token.BOOLEAN, "true or false", JsonReader::nextBoolean);
        return type == boolean.class ? a.nonNull() : a.nullSafe();
      }
      return null;
    }

    private interface Read<T> {
      T from(JsonReader reader) throws IOException;
    }

    private static <T> JsonAdapter<T> strict(JsonReader.Token token, String expected, Read<T> read) {
      return new JsonAdapter<T>() {
        @Override
        public T fromJson(JsonReader reader) throws IOException {
          JsonReader.Token actual = reader.peek();
          if (actual != token) {
            throw new JsonDataException("Expected " + expected + " at " + reader.getPath() + " but was " + shown(reader,
                actual));
          }
          return read.from(reader);
        }

        @Override
        public void toJson(JsonWriter writer, T value) throws IOException {
          if (value instanceof String) {
            writer.value((String) value);
          } else if (value instanceof Boolean) {
            writer.value((Boolean) value);
          } else {
            writer.value((Number) value);
          }
        }
      };
    }
  }

  /** The offending value, short, for the error message (a string is quoted, so "1" and 1 read apart). */
  private static String shown(JsonReader reader, JsonReader.Token token) throws IOException {
    switch (token) {
      case STRING:
        String text = reader.nextString();
        return "the string \"" + (text.length() > 40 ? text.substring(0, GraphQLTransport.cutAt(text, 40))
            + "…" : text) + "\"";
      case NUMBER:
        return "the number " + reader.nextString();
      case BOOLEAN:
        return "the boolean " + reader.nextBoolean();
      default:
        return token.toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
  }

  /** {@code DateTimeTz}: the offset Centra sent is kept, so the value round-trips unchanged. */
  static final class DateTimeTzAdapter extends JsonAdapter<OffsetDateTime> {
    @Override
    public OffsetDateTime fromJson(JsonReader reader) throws IOException {
      String text = reader.nextString();
      try {
        return OffsetDateTime.parse(text, LENIENT_OFFSET);
      } catch (DateTimeParseException e) {
        throw new JsonDataException("Expected a DateTimeTz with offset at " + reader.getPath() + " but was '" + text + "'", e);
      }
    }

    @Override
    public void toJson(JsonWriter writer, OffsetDateTime value) throws IOException {
      writer.value(value.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }
  }

  /** Reads the number's text, so no digit goes through a {@code double}. */
  static final class BigDecimalAdapter extends JsonAdapter<BigDecimal> {
    @Override
    public BigDecimal fromJson(JsonReader reader) throws IOException {
      JsonReader.Token token = reader.peek();
      if (token != JsonReader.Token.NUMBER) {
        throw new JsonDataException("Expected a decimal number at " + reader.getPath() + " but was " + shown(reader, token));
      }
      String text = reader.nextString();
      try {
        return new BigDecimal(text);
      } catch (NumberFormatException e) {
        throw new JsonDataException("Expected a decimal at " + reader.getPath() + " but was '" + text + "'", e);
      }
    }

    @Override
    public void toJson(JsonWriter writer, BigDecimal value) throws IOException {
      writer.value(value);
    }
  }

  /** Centra's {@code MonetaryValue}: {@code {value, currency {code}, conversionRate}}. */
  @FromJson
  Money moneyFromJson(JsonReader reader, JsonAdapter<BigDecimal> decimals) throws IOException {
    ImmutableMoney.Builder money = ImmutableMoney.builder();
    String currency = null;
    BigDecimal value = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.nextName()) {
        case "value":
          value = decimals.fromJson(reader);
          break;
        case "conversionRate":
          BigDecimal rate = decimals.fromJson(reader);
          if (rate != null) {
            money.conversionRate(rate);
          }
          break;
        case "currency":
          currency = readCurrencyCode(reader);
          break;
        case "currencyIsoCode":
          currency = reader.nextString();
          break;
        default:
          reader.skipValue();
      }
    }
    reader.endObject();
    if (value == null || currency == null) {
      throw new JsonDataException("MonetaryValue at " + reader.getPath() + " needs value and currency { code }");
    }
    return money.value(value).currency(currency).build();
  }

  private static String readCurrencyCode(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.STRING) {
      return reader.nextString();
    }
    String code = null;
    reader.beginObject();
    while (reader.hasNext()) {
      if (reader.nextName().equals("code")) {
        code = reader.nextString();
      } else {
        reader.skipValue();
      }
    }
    reader.endObject();
    return code;
  }

  /** As Centra's input type {@code MonetaryValueInput}: {@code {value, currencyIsoCode}}. */
  @ToJson
  void moneyToJson(JsonWriter writer, Money money) throws IOException {
    writer.beginObject();
    writer.name("value").value(money.value());
    writer.name("currencyIsoCode").value(money.currency());
    writer.endObject();
  }

  /**
   * Enums decode unknown values to their {@code UNRECOGNIZED} constant when they have one, so a
   * value Centra adds later does not fail a whole order.
   */
  static final class LenientEnumFactory implements JsonAdapter.Factory {
    @Override
    public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
      Class<?> raw = Types.getRawType(type);
      if (!raw.isEnum() || !annotations.isEmpty()) {
        return null;
      }
      return enumAdapter(raw.asSubclass(Enum.class)).nullSafe();
    }

    private static <E extends Enum<E>> JsonAdapter<E> enumAdapter(Class<E> type) {
      E fallback = null;
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equals("UNRECOGNIZED")) {
          fallback = constant;
        }
      }
      E unknown = fallback;
      return new JsonAdapter<E>() {
        @Override
        public E fromJson(JsonReader reader) throws IOException {
          JsonReader.Token token = reader.peek();
          if (token != JsonReader.Token.STRING) {
            throw new JsonDataException("Expected a " + type.getSimpleName() + " name at " + reader.getPath() + " but was "
                + shown(reader, token));
          }
          String name = reader.nextString();
          for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
              return constant;
            }
          }
          if (unknown == null) {
            throw new JsonDataException("Unknown " + type.getSimpleName() + " '" + name + "' at " + reader.getPath());
          }
          return unknown;
        }

        @Override
        public void toJson(JsonWriter writer, E value) throws IOException {
          writer.value(value.name());
        }
      };
    }
  }
}
