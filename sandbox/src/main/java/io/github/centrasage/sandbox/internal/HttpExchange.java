package io.github.centrasage.sandbox.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** The request and answer types the emulators work with, free of WireMock types. */
public final class HttpExchange {
  private HttpExchange() {}

  /** One received request; header names are lower-cased. */
  public static final class Request {
    private final String method;
    private final String path;
    private final Map<String, String> query;
    private final Map<String, String> headers;
    private final String body;

    public Request(String method, String path, Map<String, String> query, Map<String, String> headers, String body) {
      this.method = method;
      this.path = path;
      this.query = Collections.unmodifiableMap(query);
      this.headers = Collections.unmodifiableMap(headers);
      this.body = body;
    }

    /** Splits {@code pathAndQuery} into a decoded path and query parameters. */
    public static Request of(String method, String pathAndQuery, Map<String, String> headers, String body) {
      int q = pathAndQuery.indexOf('?');
      String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
      Map<String, String> query = new LinkedHashMap<>();
      if (q >= 0) {
        for (String pair : pathAndQuery.substring(q + 1).split("&")) {
          if (pair.isEmpty()) {
            continue;
          }
          int eq = pair.indexOf('=');
          String name = decode(eq < 0 ? pair : pair.substring(0, eq));
          String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
          if (query.containsKey(name)) {
            throw new BadRequest("query option " + name + " is given more than once");
          }
          query.put(name, value);
        }
      }
      Map<String, String> lower = new LinkedHashMap<>();
      headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
      return new Request(method.toUpperCase(Locale.ROOT), decode(path), query, lower, body);
    }

    private static String decode(String s) {
      try {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new BadRequest("URL is not correctly percent-encoded: " + s);
      }
    }

    public String method() {
      return method;
    }

    public String path() {
      return path;
    }

    public Map<String, String> query() {
      return query;
    }

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String body() {
      return body;
    }
  }

  /** An answer to send. */
  public static final class Answer {
    private final int status;
    private final Map<String, String> headers;
    private final String body;

    public Answer(int status, Map<String, String> headers, String body) {
      this.status = status;
      this.headers = headers;
      this.body = body;
    }

    public static Answer json(int status, Object tree) {
      return new Answer(status, Map.of("Content-Type", "application/json; charset=utf-8"), Json.write(tree));
    }

    public int status() {
      return status;
    }

    public Map<String, String> headers() {
      return headers;
    }

    public String body() {
      return body;
    }
  }

  /** A recognised request: its operation name (for counts and fault scopes) and the work it does. */
  public static final class Call {
    private final String operation;
    private final Supplier<Answer> action;

    public Call(String operation, Supplier<Answer> action) {
      this.operation = operation;
      this.action = action;
    }

    public String operation() {
      return operation;
    }

    public Answer run() {
      return action.get();
    }
  }

  /** An emulated API. */
  public interface Emulator {
    /** Recognises a request; throws {@link BadRequest} for one that names no operation. */
    Call recognise(Request request);

    /** The answer to a request that failed with {@code error}. */
    Answer error(BadRequest error);

    /** Answer body for an injected HTTP error status. */
    Answer injectedStatus(int status);
  }

  static List<String> splitTrim(String s, char sep) {
    List<String> out = new ArrayList<>();
    for (String part : s.split(java.util.regex.Pattern.quote(String.valueOf(sep)))) {
      String t = part.trim();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }
}
