package io.github.centrasage.sage200.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import io.github.centrasage.http.internal.ImmutablesJsonAdapterFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/** The one Moshi instance of the client: Immutables types, money, dates and date-times. */
public final class SageJson {
  /** The models, by the one naming rule: {@code @Json(name = …)} if given, otherwise snake_case. */
  public static final ImmutablesJsonAdapterFactory VALUE_TYPES =
      new ImmutablesJsonAdapterFactory("io.github.centrasage.sage200", ImmutablesJsonAdapterFactory.Naming.SNAKE_CASE);
  private static final Moshi MOSHI =
      new Moshi.Builder()
          .add(VALUE_TYPES)
          .add(BigDecimal.class, new DecimalAdapter().nullSafe())
          .add(LocalDate.class, new DateAdapter().nullSafe())
          .add(OffsetDateTime.class, new OffsetDateTimeAdapter().nullSafe())
          .add(Instant.class, new InstantAdapter().nullSafe())
          .build();

  private SageJson() {}

  public static Moshi moshi() {
    return MOSHI;
  }

  /** Sage's document dates: a date sent as midnight UTC, because bare dates are rejected. */
  public static String formatDate(LocalDate date) {
    return date.toString() + "T00:00:00Z";
  }

  /** A date-time in the UTC {@code …Z} form Sage's OData filters need. */
  public static String formatInstant(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  /**
   * The calendar date as written: {@code 2025-03-02T00:00:00+01:00} is 2 March, not the UTC instant's
   * 1 March (a date-only field has no instant; shifting it would move invoices to the previous day).
   */
  static LocalDate parseLocalDate(String text) {
    try {
      return LocalDate.from(DateTimeFormatter.ISO_DATE_TIME.parse(text));
    } catch (DateTimeParseException e) {
      return LocalDate.parse(text); // a plain date, as some older views return
    }
  }

  static OffsetDateTime parseDateTime(String text) {
    TemporalAccessor parsed;
    try {
      parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
    } catch (DateTimeParseException e) {
      // A plain date, as some older views return.
      return LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC);
    }
    if (parsed instanceof OffsetDateTime) {
      return ((OffsetDateTime) parsed).withOffsetSameInstant(ZoneOffset.UTC);
    }
    // Sage documents date_time_created/updated as UTC even when the offset is missing.
    return ((LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
  }

  private static final class DecimalAdapter extends JsonAdapter<BigDecimal> {
    @Override
    public BigDecimal fromJson(JsonReader reader) throws IOException {
      return new BigDecimal(reader.nextString());
    }

    @Override
    public void toJson(JsonWriter writer, BigDecimal value) throws IOException {
      // toString() may use exponent notation (1E+3); Sage wants plain numbers.
      writer.jsonValue(new PlainNumber(value.toPlainString()));
    }
  }

  /** A Number whose toString is the exact JSON text Moshi writes. */
  private static final class PlainNumber extends Number {
    private static final long serialVersionUID = 1L;
    private final String text;

    PlainNumber(String text) {
      this.text = text;
    }

    @Override
    public int intValue() {
      return new BigDecimal(text).intValue();
    }

    @Override
    public long longValue() {
      return new BigDecimal(text).longValue();
    }

    @Override
    public float floatValue() {
      return new BigDecimal(text).floatValue();
    }

    @Override
    public double doubleValue() {
      return new BigDecimal(text).doubleValue();
    }

    @Override
    public String toString() {
      return text;
    }
  }

  private static final class DateAdapter extends JsonAdapter<LocalDate> {
    @Override
    public LocalDate fromJson(JsonReader reader) throws IOException {
      return parseLocalDate(reader.nextString());
    }

    @Override
    public void toJson(JsonWriter writer, LocalDate value) throws IOException {
      writer.value(formatDate(value));
    }
  }

  private static final class OffsetDateTimeAdapter extends JsonAdapter<OffsetDateTime> {
    @Override
    public OffsetDateTime fromJson(JsonReader reader) throws IOException {
      return parseDateTime(reader.nextString());
    }

    @Override
    public void toJson(JsonWriter writer, OffsetDateTime value) throws IOException {
      writer.value(formatInstant(value.toInstant()));
    }
  }

  private static final class InstantAdapter extends JsonAdapter<Instant> {
    @Override
    public Instant fromJson(JsonReader reader) throws IOException {
      return parseDateTime(reader.nextString()).toInstant();
    }

    @Override
    public void toJson(JsonWriter writer, Instant value) throws IOException {
      writer.value(formatInstant(value));
    }
  }
}
