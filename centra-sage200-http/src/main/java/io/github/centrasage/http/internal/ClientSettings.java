package io.github.centrasage.http.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The rules both client builders apply, so they read and fail alike: every problem is collected and
 * reported in one {@link IllegalStateException}; the base URL must be https unless plain HTTP is
 * allowed; a caller's {@link OkHttpClient} keeps its timeouts unless one is set explicitly.
 */
public final class ClientSettings {
  private final String client;
  private final List<String> problems = new ArrayList<>();

  /** @param client the built type's name for the message, such as {@code "CentraClient"} */
  public ClientSettings(String client) {
    this.client = client;
  }

  public ClientSettings problem(String problem) {
    problems.add(problem);
    return this;
  }

  /**
   * The base URL with a trailing slash (null when it cannot be parsed), after recording every reason it
   * cannot be used, so that the caller can check it further. Messages name the scheme and host only:
   * a URL with credentials in it is never echoed.
   *
   * @param whatToUse the hint when the URL is missing, such as {@code "the tenant root, for example …"}
   */
  public HttpUrl baseUrl(String baseUrl, boolean allowPlainHttp, String whatToUse) {
    if (baseUrl == null || baseUrl.isBlank()) {
      problems.add("baseUrl is missing: " + whatToUse);
      return null;
    }
    HttpUrl url = HttpUrl.parse(baseUrl.trim());
    if (url == null) {
      // an unparsable URL may still carry user:password@ before the host: never repeat that part
      problems.add("baseUrl is not an http(s) URL: '" + withoutUserInfo(baseUrl.trim()) + "'");
      return null;
    }
    if (!url.isHttps() && !allowPlainHttp) {
      problems.add("baseUrl must use https (call allowPlainHttp(true) only for a local sandbox): " + url.scheme()
          + "://" + url.host());
    }
    if (url.query() != null || url.fragment() != null) {
      problems.add("baseUrl must not have a query or fragment: " + url.scheme() + "://" + url.host());
    }
    if (!url.encodedPath().endsWith("/")) {
      url = url.newBuilder().addPathSegment("").build();
    }
    return url;
  }

  /** Records a problem unless {@code value} is null (not set) or positive. */
  public void positiveIfSet(String name, Duration value) {
    if (value != null && (value.isNegative() || value.isZero())) {
      problems.add(name + " must be positive, was " + value);
    }
  }

  /** Records a problem when a required setting is null. */
  public void required(String name, Object value, String hint) {
    if (value == null) {
      problems.add(name + " is missing: " + hint);
    }
  }

  /** The User-Agent: the library and version, then the caller's suffix if it is a valid header value. */
  public String userAgent(String version, String suffix) {
    if (suffix != null && suffix.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
      // OkHttp would reject the header only on the first call; say so at build() instead.
      problems.add("userAgentSuffix must be printable ASCII (an HTTP header value), was '" + suffix + "'");
    }
    return "centra-sage200/" + version + (suffix == null ? "" : " " + suffix);
  }

  /** @throws IllegalStateException naming every problem recorded, if there is one */
  public void check() {
    if (!problems.isEmpty()) {
      throw new IllegalStateException(client + " cannot be built: " + String.join("; ", problems));
    }
  }

  /**
   * The HTTP client to build on: a copy of the caller's (which keeps its own timeouts unless one is set
   * here) or a new one with the client's defaults. {@code read} is the read and the write timeout.
   */
  public static OkHttpClient withTimeouts(OkHttpClient callers, Duration connect, Duration read, Duration call,
      Duration defaultConnect, Duration defaultRead, Duration defaultCall) {
    boolean own = callers == null;
    OkHttpClient.Builder http = (own ? new OkHttpClient() : callers).newBuilder();
    if (connect != null || own) {
      http.connectTimeout(connect != null ? connect : defaultConnect);
    }
    if (read != null || own) {
      Duration value = read != null ? read : defaultRead;
      http.readTimeout(value).writeTimeout(value);
    }
    if (call != null || own) {
      http.callTimeout(call != null ? call : defaultCall);
    }
    return http.build();
  }

  /** {@code text} with anything between {@code ://} and an {@code @} before the next {@code /} left out. */
  public static String withoutUserInfo(String text) {
    int scheme = text.indexOf("://");
    int start = scheme < 0 ? 0 : scheme + 3;
    int slash = text.indexOf('/', start);
    int at = text.lastIndexOf('@', slash < 0 ? text.length() : slash);
    return at < start ? text : text.substring(0, start) + "…@" + text.substring(at + 1);
  }
}
