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
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
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
      .toFormatter();

  private ScalarAdapters() {}

  /** A Moshi instance that knows every Centra value type. */
  public static Moshi moshi() {
    return new Moshi.Builder()
        .add(new ScalarAdapters())
        .add(OffsetDateTime.class, new DateTimeTzAdapter().nullSafe())
        .add(BigDecimal.class, new BigDecimalAdapter().nullSafe())
        .add(new LenientEnumFactory())
        .add(io.github.centrasage.centra.EventObject.class, new EventObjectAdapter().nullSafe())
        .add(new ImmutablesJsonAdapterFactory())
        .build();
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
