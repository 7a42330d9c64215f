package io.github.centrasage.dashboard;

import io.github.centrasage.dashboard.internal.DashboardRequest;
import io.github.centrasage.dashboard.internal.DashboardResponse;
import io.github.centrasage.dashboard.internal.DashboardRuntime;
import io.github.centrasage.sync.SyncEngine;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The same dashboard as {@link SyncDashboard} (pages, JSON API, replay and discard, every guard,
 * and the payout pages only over a store that keeps bindings), served by the application's own servlet container instead of a second port. Map it to a
 * path with a trailing {@code /*}, such as {@code /centra-sage200/*}; every link, form and cookie
 * it sends stays under that path. The Spring Boot starter registers it for you (see
 * docs/spring-boot.md); any Jakarta Servlet 6 container can carry it.
 *
 * <p>Who may read: an application's port is usually reachable from more than this machine, and the
 * pages show orders and customers' details. {@link Reading#NEEDS_TOKEN} puts a sign-in in front of
 * every page (the token, then a signed cookie for 12 hours; scripts send the
 * {@code X-Dashboard-Token} header). {@link Reading#APPLICATION_SECURITY} leaves reading to the
 * application's security in front of the path and refuses any request without an authenticated
 * user, so a security rule that forgets the path does not open it. Either way, replay and discard
 * need the token, the page's CSRF value and a same-origin request; the {@code Host} check applies
 * to requests that arrive on a loopback address.
 *
 * <p>Usage: {@code new ServletRegistrationBean<>(DashboardServlet.create(engine, options,
 * Reading.NEEDS_TOKEN), "/centra-sage200/*")}. {@code DashboardOptions.host} and {@code port} are
 * not used here.
 */
public final class DashboardServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  /** Who may read the pages and the JSON API. */
  public enum Reading {
    /** Everyone who has the dashboard token: a sign-in page for people, a header for scripts. */
    NEEDS_TOKEN,
    /**
     * Users the application's own security (Spring Security, a container login) signed in, with
     * the reader role given to {@code create}; a request without an authenticated user, or whose
     * user lacks the role, is refused.
     */
    APPLICATION_SECURITY
  }

  private final transient DashboardRuntime runtime;
  private final Reading reading;
  private final transient Function<HttpServletRequest, Map<String, String>> formFields;
  private final String readerRole;

  private DashboardServlet(DashboardRuntime runtime, Reading reading,
      Function<HttpServletRequest, Map<String, String>> formFields, String readerRole) {
    this.runtime = runtime;
    this.reading = reading;
    this.formFields = formFields;
    this.readerRole = readerRole;
  }

  /**
   * A dashboard for {@code engine}. Starts sampling the engine's status for the charts at once;
   * {@link #destroy()} (the container calls it at shutdown) stops that.
   *
   * @throws IllegalArgumentException when {@code options} has no token: it is the only way in
   */
  public static DashboardServlet create(SyncEngine engine, DashboardOptions options, Reading reading) {
    return create(engine, options, reading, request -> Map.of(), null);
  }

  /**
   * As {@link #create(SyncEngine, DashboardOptions, Reading)}, with hidden fields every form of the
   * page carries besides the dashboard's own: the CSRF token the application's security in front of
   * the path asks for (Spring Security's {@code _csrf}), read from each request.
   */
  public static DashboardServlet create(SyncEngine engine, DashboardOptions options, Reading reading,
      Function<HttpServletRequest, Map<String, String>> formFields) {
    return create(engine, options, reading, formFields, null);
  }

  /**
   * As {@link #create(SyncEngine, DashboardOptions, Reading, Function)}; with
   * {@link Reading#APPLICATION_SECURITY}, {@code readerRole} is the role a signed-in user needs to
   * read ({@code HttpServletRequest.isUserInRole}); it is required then, since the pages show orders
   * and customers' details that an application's other users must not see.
   *
   * @throws IllegalArgumentException with APPLICATION_SECURITY and no reader role
   */
  public static DashboardServlet create(SyncEngine engine, DashboardOptions options, Reading reading,
      Function<HttpServletRequest, Map<String, String>> formFields, String readerRole) {
    Objects.requireNonNull(formFields, "formFields");
    if (reading == Reading.APPLICATION_SECURITY && (readerRole == null || readerRole.isBlank())) {
      throw new IllegalArgumentException("Reading.APPLICATION_SECURITY needs a reader role: every signed-in user of"
          + " the application could read orders and customers' details otherwise");
    }
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(reading, "reading");
    String token = options.token().map(String::strip).orElseThrow(() -> new IllegalArgumentException(
        "DashboardOptions.token must be set for a DashboardServlet: nobody could replay or discard (or, with "
            + "Reading.NEEDS_TOKEN, read) without it"));
    DashboardRuntime runtime = SyncDashboard.runtime(engine, options, token, "app",
        reading == Reading.NEEDS_TOKEN, "sync-dashboard-servlet-" + INSTANCES.incrementAndGet() + "-charts");
    return new DashboardServlet(runtime, reading, formFields,
        reading == Reading.APPLICATION_SECURITY ? readerRole.strip() : null);
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (reading == Reading.APPLICATION_SECURITY && req.getUserPrincipal() == null) {
      // fail closed: the application's security let an anonymous request through to this path
      resp.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      resp.setContentType("text/plain; charset=utf-8");
      resp.getWriter().write("Sign in to the application to see the sync dashboard.");
      return;
    }
    if (reading == Reading.APPLICATION_SECURITY && !req.isUserInRole(readerRole)) {
      resp.setStatus(HttpServletResponse.SC_FORBIDDEN);
      resp.setContentType("text/plain; charset=utf-8");
      resp.getWriter().write("Your account lacks the role that may read the sync dashboard.");
      return;
    }
    // the configured context path, not the request's own text of it (which a client can vary)
    String base = req.getServletContext().getContextPath() + req.getServletPath();
    String uri = req.getRequestURI();
    // the raw (still encoded) path below the mount point: an order number may carry a %2F
    String rawPath = uri.startsWith(base) ? uri.substring(base.length()) : "/";
    DashboardRequest request = new DashboardRequest(req.getMethod(), base, rawPath, req.getQueryString(),
        name -> headers(req, name), body(req), req.getRemoteAddr(), isLoopback(req.getLocalAddr()))
        .formFields(formFields.apply(req)).secure(req.isSecure());
    DashboardResponse response = runtime.core().handle(request);
    resp.setStatus(response.status());
    for (Map.Entry<String, String> h : response.headers()) {
      resp.addHeader(h.getKey(), h.getValue());
    }
    byte[] body = response.body();
    if (body.length > 0) {
      resp.setContentLength(body.length);
      try (OutputStream out = resp.getOutputStream()) {
        out.write(body);
      }
    }
  }

  /**
   * The request body. A form's body may already have been read by a filter in front (Spring
   * Security reads {@code _csrf} with {@code getParameter}, which consumes it), so a form is taken
   * from the container's parameters, less those of the query string, and encoded again.
   */
  private static InputStream body(HttpServletRequest req) throws IOException {
    String type = String.valueOf(req.getContentType()).split(";")[0].strip();
    if (!req.getMethod().equals("POST") || !type.equalsIgnoreCase("application/x-www-form-urlencoded")) {
      return req.getInputStream();
    }
    Set<String> inQuery = new HashSet<>();
    if (req.getQueryString() != null) {
      for (String pair : req.getQueryString().split("&")) {
        inQuery.add(URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8));
      }
    }
    StringJoiner form = new StringJoiner("&");
    req.getParameterMap().forEach((name, values) -> {
      if (!inQuery.contains(name)) {
        for (String value : values) {
          form.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
      }
    });
    return new ByteArrayInputStream(form.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> headers(HttpServletRequest req, String name) {
    return req.getHeaders(name) == null ? List.of() : Collections.list(req.getHeaders(name));
  }

  /** The local address is an IP literal: no name lookup happens here. */
  private static boolean isLoopback(String localAddress) {
    try {
      return localAddress != null && InetAddress.getByName(localAddress).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Stops sampling the engine for the charts; the engine itself is the application's to stop. */
  @Override
  public void destroy() {
    runtime.close();
  }

  @Override
  public String toString() {
    return "DashboardServlet{reading=" + reading + "}";
  }
}
