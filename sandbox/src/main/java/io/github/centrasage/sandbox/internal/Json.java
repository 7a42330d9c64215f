package io.github.centrasage.sandbox.internal;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * JSON tree reading and writing on Moshi's streaming API. Numbers are read as {@link BigDecimal}
 * (Moshi's own tree reader turns them into doubles, which would corrupt money and quantities).
 */
public final class Json {
  private Json() {}

  /** Parses a JSON document into maps, lists, strings, BigDecimals, booleans and nulls. */
  public static Object parse(String json) {
    if (json == null || json.isBlank()) {
      throw new BadRequest("request body is empty; a JSON document was expected");
    }
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json))) {
      Object value = read(reader);
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new BadRequest("request body has trailing content after the JSON document");
      }
      return value;
    } catch (IOException | RuntimeException e) {
      if (e instanceof BadRequest) {
        throw (BadRequest) e;
      }
      throw new BadRequest("request body is not valid JSON: " + e.getMessage());
    }
  }

  /** Parses a JSON object; anything else is a {@link BadRequest}. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String json) {
    Object value = parse(json);
    if (!(value instanceof Map)) {
      throw new BadRequest("request body must be a JSON object");
    }
    return (Map<String, Object>) value;
  }

  private static Object read(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
          map.put(reader.nextName(), read(reader));
        }
        reader.endObject();
        return map;
      }
      case BEGIN_ARRAY: {
        List<Object> list = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
          list.add(read(reader));
        }
        reader.endArray();
        return list;
      }
      case STRING:
        return reader.nextString();
      case NUMBER:
        return new BigDecimal(reader.nextString());
      case BOOLEAN:
        return reader.nextBoolean();
      case NULL:
        return reader.nextNull();
      default:
        throw new BadRequest("unexpected JSON token " + reader.peek());
    }
  }

  /** Writes a tree of maps, lists and scalars as compact JSON. */
  public static String write(Object value) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.setSerializeNulls(true);
      write(writer, value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
    return buffer.readUtf8();
  }

  private static void write(JsonWriter writer, Object value) throws IOException {
    if (value == null) {
      writer.nullValue();
    } else if (value instanceof Map) {
      writer.beginObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        writer.name(String.valueOf(e.getKey()));
        write(writer, e.getValue());
      }
      writer.endObject();
    } else if (value instanceof Iterable) {
      writer.beginArray();
      for (Object item : (Iterable<?>) value) {
        write(writer, item);
      }
      writer.endArray();
    } else if (value instanceof BigDecimal) {
      // toPlainString: never "1E+1" on the wire.
      writer.value(new BigDecimal(((BigDecimal) value).toPlainString()));
    } else if (value instanceof Number) {
      writer.value((Number) value);
    } else if (value instanceof Boolean) {
      writer.value((Boolean) value);
    } else if (value instanceof Instant) {
      writer.value(value.toString());
    } else if (value instanceof Enum) {
      writer.value(((Enum<?>) value).name());
    } else {
      writer.value(value.toString());
    }
  }
}
