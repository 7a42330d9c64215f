package io.github.centrasage.dashboard;

import com.sun.net.httpserver.HttpServer;
import io.github.centrasage.dashboard.internal.ActionGuard;
import io.github.centrasage.dashboard.internal.ChartSeries;
import io.github.centrasage.dashboard.internal.DashboardRuntime;
import io.github.centrasage.dashboard.internal.JdkServerAdapter;
import io.github.centrasage.sync.SyncEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operations page and JSON API for a running {@link SyncEngine}, served by the JDK's own HTTP
 * server: per flow health, the jobs that need a person with their reasons and history, replay and
 * discard, and a search that shows one Centra order's journey. It shows whatever flows the engine
 * has. Reading needs nothing; replay and discard need the token. Binds to {@code 127.0.0.1} on a
 * free port unless told otherwise.
 *
 * <p>The dashboard reads the engine's store through {@link SyncEngine#store()}. What the Centra↔Sage
 * flows keep beside the queue (bindings: an order's Sage records, and the payout reports of
 * {@code SettlementPosting}) is shown when that store also keeps bindings
 * ({@code engine.store() instanceof BindingStore}, as the shipped stores do). Over a store of the
 * engine alone the payout pages and their API answer 404, the overview has no payouts, and an
 * order's journey lists its jobs without a Sage section.
 *
 * <p>Usage:
 * <pre>{@code
 * try (SyncDashboard dashboard = SyncDashboard.start(engine, DashboardOptions.defaults())) {
 *   System.out.println("Dashboard at " + dashboard.url() + ", token " + dashboard.token());
 *   ...
 * }
 * }</pre>
 */
public final class SyncDashboard implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SyncDashboard.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final HttpServer server;
  private final ExecutorService executor;
  private final DashboardRuntime runtime;
  private final URI url;
  private final String token;

  private SyncDashboard(HttpServer server, ExecutorService executor, DashboardRuntime runtime, URI url,
      String token) {
    this.server = server;
    this.executor = executor;
    this.runtime = runtime;
    this.url = url;
    this.token = token;
  }

  /** Starts a dashboard with the default (safe) options. */
  public static SyncDashboard start(SyncEngine engine) {
    return start(engine, DashboardOptions.defaults());
  }

  /**
   * Starts serving. The engine may be started or not; the dashboard only reads its status and
   * store, and calls {@link SyncEngine#replay} and {@link SyncEngine#discard}.
   *
   * @throws UncheckedIOException if the address cannot be bound
   */
  public static SyncDashboard start(SyncEngine engine, DashboardOptions options) {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(options, "options");
    String token = options.token().map(String::strip).orElseGet(ActionGuard::randomToken);
    InetAddress address;
    try {
      address = InetAddress.getByName(options.host());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("DashboardOptions.host '" + options.host() + "' is not a known address", e);
    }
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(address, options.port()), 50);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not bind the dashboard to " + options.host() + ":" + options.port(), e);
    }
    int port = server.getAddress().getPort();
    int instance = INSTANCES.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    // two threads: a page is a few store reads; more would only compete with the engine's workers
    ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "sync-dashboard-" + instance + "-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    // reading needs nothing here: by default only this machine can reach the page (see DashboardOptions.host)
    DashboardRuntime runtime = runtime(engine, options, token, Integer.toString(port), false,
        "sync-dashboard-" + instance + "-charts");
    server.createContext("/", new JdkServerAdapter(runtime.core(), address.isLoopbackAddress()));
    server.setExecutor(executor);
    server.start();
    URI url = URI.create("http://" + urlHost(address) + ":" + port + "/");
    log.info("Sync dashboard serving at {}", url);
    return new SyncDashboard(server, executor, runtime, url, token);
  }

  /** The core and its chart sampler, as the standalone server and {@link DashboardServlet} both build them. */
  static DashboardRuntime runtime(SyncEngine engine, DashboardOptions options, String token, String cookieSuffix,
      boolean readingNeedsToken, String threadName) {
    Supplier<Instant> engineClock = options.clock().or(() -> options.recorder().map(DashboardRecorder::clock))
        .<Supplier<Instant>>map(c -> c::instant).orElse(engine.store()::now);
    ChartSeries series = options.recorder().map(DashboardRecorder::series).orElseGet(ChartSeries::new);
    return DashboardRuntime.start(engine, options, token, cookieSuffix, readingNeedsToken, threadName, engineClock,
        series);
  }

  private static String urlHost(InetAddress address) {
    InetAddress shown = address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : address;
    String literal = shown.getHostAddress();
    return literal.contains(":") ? "[" + literal + "]" : literal;
  }

  /** Where the page is, such as {@code http://127.0.0.1:41234/}. */
  public URI url() {
    return url;
  }

  /**
   * The token replay and discard need: the configured one, or the one generated at start. Hand it
   * to the people who may act; it is never logged.
   */
  public String token() {
    return token;
  }

  /** Stops serving at once; a page being sent is cut off (nothing the dashboard does is half-done by that). */
  @Override
  public void close() {
    // stop(n) waits the full n seconds while a browser holds a keep-alive connection open
    server.stop(0);
    // shutdown, not shutdownNow: an interrupt inside a store query closes an embedded H2 database's
    // file under the host's engine; a request or sample in progress ends on its own within moments
    runtime.close();
    executor.shutdown();
  }

  @Override
  public String toString() {
    return "SyncDashboard{url=" + url + "}";
  }
}
