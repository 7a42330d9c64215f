package io.github.centrasage.dashboard.internal;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One request as the dashboard sees it, whatever server received it: the JDK's {@code HttpServer}
 * ({@code JdkServerAdapter}) or a servlet container ({@code DashboardServlet}). Paths are relative
 * to where the dashboard is mounted; {@link #basePath()} is that mount point, put in front of every
 * link, form action, redirect and cookie path the dashboard sends back.
 */
public final class DashboardRequest {
  private final String method;
  private final String basePath;
  private final String rawPath;
  private final String rawQuery;
  private final Function<String, List<String>> headers;
  private final InputStream body;
  private final String remote;
  private final boolean loopback;
  private Map<String, String> formFields = Map.of();
  private boolean secure;

  /**
   * @param basePath where the dashboard is mounted, without a trailing slash ({@code ""} at the root,
   *     {@code /centra-sage200} inside a Spring app)
   * @param rawPath the path below {@code basePath}, still URL-encoded, starting with {@code /}
   * @param rawQuery the query string without {@code ?}, still encoded, or null
   * @param headers every value of a header, by case-insensitive name (empty when absent)
   * @param remote who sent it, for the log of refused and performed actions
   * @param loopback whether it arrived on a loopback address of this machine (see {@link HostCheck})
   */
  public DashboardRequest(String method, String basePath, String rawPath, String rawQuery,
      Function<String, List<String>> headers, InputStream body, String remote, boolean loopback) {
    this.method = Objects.requireNonNull(method, "method");
    this.basePath = Objects.requireNonNull(basePath, "basePath");
    this.rawPath = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    this.rawQuery = rawQuery;
    this.headers = Objects.requireNonNull(headers, "headers");
    this.body = Objects.requireNonNull(body, "body");
    this.remote = String.valueOf(remote);
    this.loopback = loopback;
  }

  public boolean arrivedOnLoopback() {
    return loopback;
  }

  /**
   * Hidden fields every form of the page carries besides the dashboard's own, such as the CSRF
   * token of the application's security in front of a servlet ({@code _csrf} of Spring Security).
   */
  public DashboardRequest formFields(Map<String, String> fields) {
    this.formFields = Map.copyOf(fields);
    return this;
  }

  /** Whether the request came over HTTPS (cookies are then marked {@code Secure}). */
  public DashboardRequest secure(boolean secure) {
    this.secure = secure;
    return this;
  }

  public boolean secure() {
    return secure;
  }

  public Map<String, String> formFields() {
    return formFields;
  }

  public String method() {
    return method;
  }

  public String basePath() {
    return basePath;
  }

  public String rawPath() {
    return rawPath;
  }

  public String rawQuery() {
    return rawQuery;
  }

  /** The first value of a header, or null. */
  public String header(String name) {
    List<String> values = headers(name);
    return values.isEmpty() ? null : values.get(0);
  }

  public Optional<String> optionalHeader(String name) {
    return Optional.ofNullable(header(name));
  }

  public List<String> headers(String name) {
    List<String> values = headers.apply(name);
    return values == null ? List.of() : values;
  }

  public InputStream body() {
    return body;
  }

  public String remote() {
    return remote;
  }
}
