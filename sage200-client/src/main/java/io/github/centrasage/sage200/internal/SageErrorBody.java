package io.github.centrasage.sage200.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Types;
import java.util.Map;

/**
 * Reads the human message from a Sage error body. The shape is not documented: ASP.NET-style
 * {@code {"Message": …}} is the only one seen, so a few spellings are tried and the raw text is the
 * fallback.
 */
final class SageErrorBody {
  private static final JsonAdapter<Map<String, Object>> MAP =
      SageJson.moshi().adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  private SageErrorBody() {}

  static String message(String body) {
    if (body == null || body.isBlank()) {
      return "(empty body)";
    }
    try {
      Map<String, Object> json = MAP.lenient().fromJson(body);
      if (json != null) {
        for (String key : new String[] {"Message", "message", "error_description", "ExceptionMessage", "error"}) {
          Object value = json.get(key);
          if (value instanceof String && !((String) value).isBlank()) {
            return (String) value;
          }
        }
      }
    } catch (Exception notJson) {
      // Not a JSON object: the raw text is the message.
    }
    return body.trim();
  }
}
