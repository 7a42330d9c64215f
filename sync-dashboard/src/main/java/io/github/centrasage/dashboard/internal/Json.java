package io.github.centrasage.dashboard.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import okio.Buffer;

/**
 * The dashboard API's JSON, on Moshi: writes the views of {@link ApiViews} (ordered maps, lists,
 * strings, numbers, booleans, {@code Optional}s and nulls, nulls kept) and reads one flat object of
 * string values (a request body such as {@code {"note":"…"}}).
 */
public final class Json {
  /** An empty {@code Optional} is written as null, a present one as its value. */
  private static final JsonAdapter.Factory OPTIONALS = (type, annotations, moshi) -> {
    if (Types.getRawType(type) != Optional.class || !annotations.isEmpty()) {
      return null;
    }
    JsonAdapter<Object> value = moshi.adapter(Object.class);
    return new JsonAdapter<Optional<?>>() {
      @Override
      public Optional<?> fromJson(JsonReader reader) {
        throw new UnsupportedOperationException("the dashboard only writes Optionals");
      }

      @Override
      public void toJson(JsonWriter writer, Optional<?> optional) throws IOException {
        value.toJson(writer, optional == null ? null : optional.orElse(null));
      }
    };
  };
  private static final JsonAdapter<Object> VALUES = new Moshi.Builder().add(OPTIONALS).build()
      .adapter(Object.class).serializeNulls();

  private Json() {}

  /** Writes {@code value}: a Map (string keys), List, String, Number, Boolean, Optional or null. */
  public static String write(Object value) {
    // < > & can only occur inside strings: escaped, JSON pasted into a page can never close a tag
    return VALUES.toJson(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
  }

  /**
   * Reads a flat JSON object whose values are strings (others are skipped when they are numbers,
   * booleans or null).
   *
   * @throws IllegalArgumentException naming what is wrong with the text
   */
  public static Map<String, String> readFlatObject(String text) {
    Map<String, String> result = new LinkedHashMap<>();
    try (JsonReader r = JsonReader.of(new Buffer().writeUtf8(text))) {
      r.beginObject();
      while (r.hasNext()) {
        String key = r.nextName();
        switch (r.peek()) {
          case STRING:
            result.put(key, r.nextString());
            break;
          case NUMBER:
          case BOOLEAN:
          case NULL:
            r.skipValue();
            break;
          default:
            throw new IllegalArgumentException("Bad JSON body at " + r.getPath()
                + ": only string, number, boolean or null values are accepted");
        }
      }
      r.endObject();
      if (r.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new IllegalArgumentException("Bad JSON body: unexpected text after the object");
      }
      return result;
    } catch (IOException | JsonDataException e) {
      // Moshi's messages name the position ("… at path $.note") and never echo the value
      throw new IllegalArgumentException("Bad JSON body: " + e.getMessage(), e);
    }
  }

  /** A list of maps from a list of values (keeps the call sites short). */
  public static <T> List<Object> list(List<T> items, Function<T, Object> toJson) {
    return items.stream().map(toJson).collect(Collectors.toList());
  }
}
