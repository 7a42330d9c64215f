package io.github.centrasage.dashboard.internal;

import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.SyncStatus;
import io.github.centrasage.sync.finance.SettlementReport;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobAttempt;
import io.github.centrasage.sync.spi.JobState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard itself, whatever server carries it: routes every request (pages, assets, the JSON
 * API, the two actions and, where reading needs the token, the sign-in) and applies every guard
 * (Host check, token, CSRF, same origin). The JDK {@code HttpServer} and a servlet container reach
 * it through a thin adapter each ({@link JdkServerAdapter}, {@code DashboardServlet}), so pages and
 * guards exist once.
 */
public final class DashboardCore {
  private static final Logger log = LoggerFactory.getLogger(DashboardCore.class);
  private static final int MAX_BODY = 16 * 1024;
  private static final int MAX_PAGE = 500;
  /**
   * The deepest page offset answered: the all-flows view reads {@code offset + limit} jobs of every
   * flow to merge them, so an unbounded offset would read the whole store (and overflow an int).
   */
  static final int MAX_OFFSET = 100_000;
  private static final int LATEST_PAYOUTS = 5;
  private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self';"
      + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  private static final String TOKEN_HEADER = "X-Dashboard-Token";
  private static final String FORM = "application/x-www-form-urlencoded";

  private final SyncEngine engine;
  private final FlowRecords records;
  private final Pages pages;
  private final ActionGuard guard;
  private final int parkedJobsShown;
  private final HostCheck hostCheck;
  private final String csrfCookie;
  private final String sessionCookie;
  private final boolean readingNeedsToken;
  private final Supplier<Instant> engineClock;
  private final ChartSeries series;
  private final Optional<Supplier<String>> doctorReport;
  private final byte[] css = asset("dashboard.css");
  private final byte[] js = asset("dashboard.js");

  /**
   * @param cookieSuffix tells this dashboard's cookies from another's on the same host name (the
   *     standalone server uses its port: two dashboards on one machine share the host's cookies, not
   *     their signing keys)
   * @param readingNeedsToken whether every page and API read needs the token too (a sign-in cookie
   *     for people, the header for scripts): so when the dashboard is reachable beyond this machine
   * @param engineClock the engine's time (a flow's last run and cursor are on it, and so are the charts)
   * @param series what the charts draw; the overview adds a sample before it renders
   * @param doctorReport the last go-live doctor report as text, shown at {@code /doctor}
   */
  public DashboardCore(SyncEngine engine, Pages pages, ActionGuard guard, int parkedJobsShown, HostCheck hostCheck,
      String cookieSuffix, boolean readingNeedsToken, Supplier<Instant> engineClock, ChartSeries series,
      Optional<Supplier<String>> doctorReport) {
    this.doctorReport = doctorReport;
    this.engine = engine;
    this.records = FlowRecords.of(engine.store());
    this.engineClock = engineClock;
    this.series = series;
    this.pages = pages;
    this.guard = guard;
    this.parkedJobsShown = parkedJobsShown;
    this.hostCheck = hostCheck;
    this.csrfCookie = "sync_dashboard_csrf_" + cookieSuffix;
    this.sessionCookie = "sync_dashboard_session_" + cookieSuffix;
    this.readingNeedsToken = readingNeedsToken;
  }

  /** A response that ends the request early with a status and a plain message. */
  static final class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String allow;

    Problem(int status, String message) {
      this(status, message, null);
    }

    Problem(int status, String message, String allow) {
      super(message, null, false, false);
      this.status = status;
      this.allow = allow;
    }
  }

  /** One request in, its whole answer out; never throws for anything a request can carry. */
  public DashboardResponse handle(DashboardRequest rq) {
    Exchange ex = new Exchange(rq);
    String path = rq.rawPath();
    // a form posted by the page gets pages back, even from an /api/ address; scripts get JSON
    boolean api = path.startsWith("/api/") && !(rq.method().equals("POST") && rq.header(TOKEN_HEADER) == null
        && String.valueOf(rq.header("Content-Type")).startsWith(FORM));
    try {
      securityHeaders(ex.response);
      if (!hostCheck.allows(rq.header("Host"), rq.arrivedOnLoopback())) {
        throw new Problem(421, "This dashboard does not answer for that host name");
      }
      if (readingNeedsToken && !isAsset(path) && !path.equals("/login") && !signedIn(ex)) {
        if (api) {
          throw new Problem(401, "Send the dashboard token in the " + TOKEN_HEADER + " header");
        }
        sendHtml(ex, 401, pages.login(context(ex, Optional.empty()), Optional.empty()));
        return ex.response;
      }
      route(ex, path);
    } catch (Problem p) {
      if (p.allow != null) {
        ex.response.set("Allow", p.allow);
      }
      if (api) {
        sendJson(ex, p.status, ApiViews.error(p.getMessage()));
      } else {
        sendHtml(ex, p.status, pages.problem(context(ex, Optional.empty()), p.status, p.getMessage()));
      }
    } catch (IOException | RuntimeException e) {
      log.warn("Dashboard request {} {} failed", rq.method(), path, e);
      String message = "Something went wrong on the server; the log has the details";
      if (api) {
        sendJson(ex, 500, ApiViews.error(message));
      } else {
        sendHtml(ex, 500, pages.problem(context(ex, Optional.empty()), 500, message));
      }
    }
    return ex.response;
  }

  /** A request and the answer being built for it. */
  private static final class Exchange {
    final DashboardRequest request;
    final DashboardResponse response = new DashboardResponse();

    Exchange(DashboardRequest request) {
      this.request = request;
    }

    String base() {
      return request.basePath();
    }
  }

  private static boolean isAsset(String path) {
    return path.equals("/assets/dashboard.css") || path.equals("/assets/dashboard.js");
  }

  /** A script's token header, or a person's sign-in cookie (see {@link #login}). */
  private boolean signedIn(Exchange ex) {
    String header = ex.request.header(TOKEN_HEADER);
    if (header != null) {
      return guard.tokenMatches(header);
    }
    return cookie(ex, sessionCookie).filter(guard::isOwnSessionValue).isPresent();
  }

  private void route(Exchange ex, String path) throws IOException {
    String[] parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    if (parts.length == 4 && parts[0].equals("api") && parts[1].equals("jobs")
        && (parts[3].equals("replay") || parts[3].equals("discard"))) {
      action(ex, jobId(parts[2]), parts[3]);
      return;
    }
    if (readingNeedsToken && parts.length == 1 && parts[0].equals("login")) {
      login(ex);
      return;
    }
    if (!ex.request.method().equals("GET")) {
      throw new Problem(405, "Only GET is allowed here", "GET");
    }
    Map<String, String> query = parseQuery(ex.request.rawQuery());
    if (parts.length == 0) {
      overview(ex, query);
    } else if (parts[0].equals("assets") && parts.length == 2 && parts[1].equals("dashboard.css")) {
      sendBytes(ex, 200, "text/css; charset=utf-8", css);
    } else if (parts[0].equals("assets") && parts.length == 2 && parts[1].equals("dashboard.js")) {
      sendBytes(ex, 200, "text/javascript; charset=utf-8", js);
    } else if (parts[0].equals("jobs") && parts.length == 1) {
      String heading = "Jobs" + query.getOrDefault("flow", "").transform(f -> f.isEmpty() ? "" : " of " + f)
          + query.getOrDefault("state", "").transform(s -> s.isEmpty() ? "" : " \u00b7 " + stateWords(states(s)));
      sendHtml(ex, 200, pages.jobList(context(ex, Optional.empty()), heading, jobs(query)));
    } else if (parts[0].equals("jobs") && parts.length == 2) {
      Job job = existingJob(jobId(parts[1]));
      Optional<String> flash = Optional.ofNullable(query.get("done")).map(d -> flash(d, job.id()));
      sendHtml(ex, 200, pages.job(context(ex, flash), job, engine.store().history(job.id())));
    } else if (parts[0].equals("orders") && parts.length <= 2) {
      String number = parts.length == 2 ? decode(parts[1]) : query.get("number");
      sendHtml(ex, 200, pages.journey(context(ex, Optional.empty()), journey(number)));
    } else if (parts[0].equals("api") && parts.length == 2 && parts[1].equals("status")) {
      sendJson(ex, 200, ApiViews.status(status(), engineClock.get()));
    } else if (parts[0].equals("api") && parts.length == 2 && parts[1].equals("jobs")) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("jobs", Json.list(jobs(query), ApiViews::job));
      sendJson(ex, 200, body);
    } else if (parts[0].equals("api") && parts.length == 3 && parts[1].equals("jobs")) {
      Job job = existingJob(jobId(parts[2]));
      sendJson(ex, 200, ApiViews.jobWithHistory(job, engine.store().history(job.id())));
    } else if (parts[0].equals("doctor") && parts.length == 1 && doctorReport.isPresent()) {
      sendHtml(ex, 200, pages.doctor(context(ex, Optional.empty()), doctorReport.get().get()));
    } else if (parts[0].equals("payouts") && parts.length == 1) {
      requirePayouts(path);
      sendHtml(ex, 200, pages.payouts(context(ex, Optional.empty()), payouts(query)));
    } else if (parts[0].equals("api") && parts.length == 2 && parts[1].equals("payouts")) {
      requirePayouts(path);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("payouts", Json.list(payouts(query), r -> ApiViews.payout(ex.base(), r)));
      sendJson(ex, 200, body);
    } else if (parts[0].equals("api") && parts.length == 5 && parts[1].equals("payouts")
        && parts[4].equals("reconciliation.csv")) {
      // /api/payouts/<psp>/<payout>[@<merchant account>]/reconciliation.csv: the payout's reconciliation file.
      requirePayouts(path);
      SettlementReport report = records.payout(decode(parts[2]), decode(parts[3]))
          .orElseThrow(() -> new Problem(404, "No payout " + decode(parts[2]) + " " + decode(parts[3]) + " is stored"));
      sendBytes(ex, 200, "text/csv; charset=utf-8", report.reconciliationCsv().getBytes(StandardCharsets.UTF_8));
    } else if (parts[0].equals("api") && parts.length == 3 && parts[1].equals("payouts")
        && parts[2].equals("open-items.csv")) {
      // ?month=2026-03: unallocated receipts and open chargebacks of the payouts up to that month's end.
      requirePayouts(path);
      java.time.YearMonth month;
      try {
        month = java.time.YearMonth.parse(query.getOrDefault("month", ""));
      } catch (java.time.format.DateTimeParseException e) {
        throw new Problem(400, "month must be yyyy-MM, was '" + query.getOrDefault("month", "") + "'");
      }
      sendBytes(ex, 200, "text/csv; charset=utf-8", records.openItemsCsv(month, MAX_PAGE)
          .getBytes(StandardCharsets.UTF_8));
    } else if (parts[0].equals("api") && parts.length == 3 && parts[1].equals("orders")) {
      sendJson(ex, 200, ApiViews.journey(journey(decode(parts[2]))));
    } else {
      throw new Problem(404, "There is no page at " + path);
    }
  }

  // ---- reads

  private List<SyncStatus> status() {
    return engine.status(); // cursor lag is on the engine's clock
  }

  private void overview(Exchange ex, Map<String, String> query) throws IOException {
    List<SyncStatus> flows = status();
    series.sample(engineClock.get(), flows);
    Map<String, List<Job>> parked = new LinkedHashMap<>();
    Map<Long, List<JobAttempt>> histories = new LinkedHashMap<>();
    for (SyncStatus s : flows) {
      if (s.parked() > 0) {
        List<Job> jobs = engine.store().list(s.flow(), EnumSet.of(JobState.PARKED), 0, parkedJobsShown);
        parked.put(s.flow(), jobs);
        jobs.forEach(j -> histories.put(j.id(), engine.store().history(j.id())));
      }
    }
    sendHtml(ex, 200, pages.overview(context(ex, Optional.empty()), flows, parked, histories,
        records.payouts(LATEST_PAYOUTS), series));
  }

  /** Stored payout reports, newest first ({@code limit}, default 50). */
  private List<SettlementReport> payouts(Map<String, String> query) {
    return records.payouts(intParam(query, "limit", 50, 1, MAX_PAGE));
  }

  /**
   * The payout pages exist only when the engine's store keeps what the flows bind (the shipped
   * stores do); over a store of the engine alone they answer 404, as an address that is not there.
   */
  private void requirePayouts(String path) {
    if (!records.kept()) {
      throw new Problem(404, "There is no page at " + path + ": this engine's store keeps no payout reports");
    }
  }

  private List<Job> jobs(Map<String, String> query) {
    Set<JobState> states = states(query.getOrDefault("state", ""));
    int offset = intParam(query, "offset", 0, 0, MAX_OFFSET);
    int limit = intParam(query, "limit", 50, 1, MAX_PAGE);
    List<String> flowNames = engine.status().stream().map(SyncStatus::flow).collect(Collectors.toList());
    String flow = query.get("flow");
    if (flow != null && !flow.isEmpty()) {
      if (!flowNames.contains(flow)) {
        throw new Problem(404, "There is no flow named '" + flow + "'; the flows are " + flowNames);
      }
      return engine.store().list(flow, states, offset, limit);
    }
    // every flow: each store list is oldest first; merge and cut to one page
    List<Job> all = new ArrayList<>();
    for (String name : flowNames) {
      all.addAll(engine.store().list(name, states, 0, offset + limit));
    }
    all.sort((a, b) -> Long.compare(a.id(), b.id()));
    return all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
  }

  private static Set<JobState> states(String raw) {
    Set<JobState> states = EnumSet.noneOf(JobState.class);
    for (String s : raw.split(",")) {
      if (s.isBlank()) {
        continue;
      }
      try {
        states.add(JobState.valueOf(s.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new Problem(400, "Unknown job state '" + s.strip() + "'; use one or more of "
            + Arrays.toString(JobState.values()));
      }
    }
    return states;
  }

  private static String stateWords(Set<JobState> states) {
    return states.stream().map(Words::state).collect(Collectors.joining(", "));
  }

  private OrderJourney journey(String number) {
    try {
      return OrderJourney.find(engine.store(), records, number);
    } catch (IllegalArgumentException e) {
      throw new Problem(400, e.getMessage());
    }
  }

  private Job existingJob(long id) {
    return engine.store().job(id).orElseThrow(() -> new Problem(404, "There is no job " + id));
  }

  private static long jobId(String raw) {
    try {
      long id = Long.parseLong(raw);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new Problem(404, "A job id is a positive number");
  }

  private static int intParam(Map<String, String> query, String name, int dflt, int min, int max) {
    String raw = query.get(name);
    if (raw == null || raw.isEmpty()) {
      return dflt;
    }
    // digits only, and few enough of them that the parse cannot overflow: the range check does the rest
    if (raw.length() <= 10 && raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
      long v = Long.parseLong(raw);
      if (v >= min && v <= max) {
        return (int) v;
      }
    }
    throw new Problem(400, "'" + name + "' must be a whole number from " + min + " to " + max);
  }

  // ---- actions

  private void action(Exchange ex, long id, String verb) throws IOException {
    Map<String, String> params = postedParams(ex);
    DashboardRequest h = ex.request;
    if (!ActionGuard.sameOrigin(h.optionalHeader("Origin"), h.optionalHeader("Referer"), h.header("Host"))) {
      refuse(ex, id, verb, "came from another site");
      throw new Problem(403, "Refused: the request came from another site");
    }
    String headerToken = h.header(TOKEN_HEADER);
    boolean fromPage = headerToken == null;
    if (fromPage && !guard.csrfMatches(cookie(ex, csrfCookie).orElse(null), params.get("csrf"))) {
      refuse(ex, id, verb, "CSRF value missing or wrong");
      throw new Problem(403, "Refused: the page was too old or not from this dashboard; reload it and try again");
    }
    if (!guard.tokenMatches(fromPage ? params.get("token") : headerToken)) {
      refuse(ex, id, verb, "wrong token");
      throw new Problem(403, "Refused: the dashboard token is wrong");
    }
    Job before = existingJob(id);
    Optional<Job> after;
    if (verb.equals("replay")) {
      after = engine.replay(id);
    } else {
      String note = Optional.ofNullable(params.get("note")).map(String::strip).filter(n -> !n.isEmpty())
          .orElse("Discarded from the dashboard");
      after = engine.discard(id, note.length() > 500 ? note.substring(0, Character.isHighSurrogate(note.charAt(499)) ? 499 : 500) : note);
    }
    Job job = after.orElseThrow(() -> new Problem(409, "Job " + id + " cannot be " + (verb.equals("replay")
        ? "replayed: only a job that needs a person can" : "discarded now") + " (it is " + Words.state(
        engine.store().job(id).orElse(before).state()).toLowerCase(Locale.ROOT) + ")"));
    log.info("Job {} ({}) {} from the dashboard by {}", id, job.key(), verb.equals("replay") ? "replayed" : "discarded",
        ex.request.remote());
    if (fromPage) {
      ex.response.set("Location", ex.base() + "/jobs/" + id + "?done=" + verb);
      ex.response.send(303, null, new byte[0]);
      return;
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("result", verb.equals("replay") ? "replayed" : "discarded");
    result.put("job", ApiViews.job(job));
    sendJson(ex, 200, result);
  }

  private static void refuse(Exchange ex, long id, String verb, String why) {
    // what was sent stays out of the log: it may be a token with a typo
    log.warn("Refused to {} job {} for {}: {}", verb, id, ex.request.remote(), why);
  }

  /** The body of a POST: a form or a flat JSON object, at most {@link #MAX_BODY} bytes. */
  private static Map<String, String> postedParams(Exchange ex) throws IOException {
    if (!ex.request.method().equals("POST")) {
      throw new Problem(405, "Only POST is allowed here", "POST");
    }
    String contentType = ex.request.optionalHeader("Content-Type").orElse("")
        .split(";")[0].strip().toLowerCase(Locale.ROOT);
    boolean form = contentType.equals(FORM);
    if (!form && !contentType.equals("application/json")) {
      throw new Problem(415, "Send the request as application/x-www-form-urlencoded or application/json");
    }
    String body = readBody(ex);
    try {
      return form ? parseQuery(body) : body.isBlank() ? Map.of() : Json.readFlatObject(body);
    } catch (IllegalArgumentException e) {
      throw new Problem(400, e.getMessage());
    }
  }

  /**
   * Signs a person in: the sign-in form's CSRF value (a page of this dashboard sent it) and the
   * token, then a signed, HttpOnly, SameSite=Strict cookie that lasts {@link ActionGuard#SESSION}.
   */
  private void login(Exchange ex) throws IOException {
    if (ex.request.method().equals("GET")) {
      sendHtml(ex, 200, pages.login(context(ex, Optional.empty()), Optional.empty()));
      return;
    }
    Map<String, String> params = postedParams(ex);
    DashboardRequest h = ex.request;
    String problem = null;
    if (!ActionGuard.sameOrigin(h.optionalHeader("Origin"), h.optionalHeader("Referer"), h.header("Host"))) {
      problem = "The sign-in came from another site";
    } else if (!guard.csrfMatches(cookie(ex, csrfCookie).orElse(null), params.get("csrf"))) {
      problem = "The page was too old or not from this dashboard; try again";
    } else if (!guard.tokenMatches(params.get("token"))) {
      problem = "The dashboard token is wrong";
    }
    if (problem != null) {
      log.warn("Refused a dashboard sign-in from {}: {}", h.remote(), problem);
      sendHtml(ex, 403, pages.login(context(ex, Optional.empty()), Optional.of(problem)));
      return;
    }
    log.info("Dashboard sign-in from {}", h.remote());
    // a browser-session cookie: the value carries its own end, checked here, so no Max-Age is needed
    // (and clients that treat a Max-Age cookie as RFC 2965 would send it back quoted)
    ex.response.add("Set-Cookie", sessionCookie + "=" + guard.newSessionValue() + "; Path=" + cookiePath(ex)
        + "; HttpOnly; SameSite=Strict" + secureFlag(ex));
    ex.response.set("Location", ex.base() + "/");
    ex.response.send(303, null, new byte[0]);
  }

  /** Over HTTPS a cookie is never sent back over plain HTTP to the same host. */
  private static String secureFlag(Exchange ex) {
    return ex.request.secure() ? "; Secure" : "";
  }

  private static String cookiePath(Exchange ex) {
    return ex.base().isEmpty() ? "/" : ex.base();
  }

  private static String flash(String done, long id) {
    switch (done) {
      case "replay": return "Job " + id + " was put back in the queue.";
      case "discard": return "Job " + id + " was discarded. It stays in the history.";
      default: return null;
    }
  }

  // ---- plumbing

  private Pages.Context context(Exchange ex, Optional<String> flash) {
    Optional<String> existing = cookie(ex, csrfCookie).filter(guard::isOwnCsrfValue);
    String csrf = existing.orElseGet(guard::newCsrfValue);
    if (existing.isEmpty()) {
      ex.response.add("Set-Cookie", csrfCookie + "=" + csrf + "; Path=" + cookiePath(ex) + "; HttpOnly; SameSite=Strict"
          + secureFlag(ex));
    }
    return new Pages.Context(engine.store().now(), engineClock.get(), csrf, flash, ex.base(),
        ex.request.formFields());
  }

  private static Optional<String> cookie(Exchange ex, String name) {
    for (String header : ex.request.headers("Cookie")) {
      for (String pair : header.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
          return Optional.of(pair.substring(eq + 1).strip());
        }
      }
    }
    return Optional.empty();
  }

  private static void securityHeaders(DashboardResponse h) {
    h.set("Content-Security-Policy", CSP);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "same-origin");
    h.set("Cache-Control", "no-store");
  }

  private static String readBody(Exchange ex) throws IOException {
    try (InputStream in = ex.request.body()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
        if (out.size() > MAX_BODY) {
          throw new Problem(413, "The request body is larger than " + MAX_BODY + " bytes");
        }
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  private static Map<String, String> parseQuery(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.putIfAbsent(key, value);
    }
    return params;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new Problem(400, "Badly encoded text in the address or form");
    }
  }

  private static void sendJson(Exchange ex, int status, Object body) {
    sendBytes(ex, status, "application/json; charset=utf-8", Json.write(body).getBytes(StandardCharsets.UTF_8));
  }

  private static void sendHtml(Exchange ex, int status, String html) {
    sendBytes(ex, status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
  }

  private static void sendBytes(Exchange ex, int status, String type, byte[] body) {
    ex.response.send(status, type, body);
  }

  private static byte[] asset(String name) {
    try (InputStream in = DashboardCore.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Missing dashboard asset " + name + " in the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
