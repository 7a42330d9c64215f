package io.github.centrasage.examples;

import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.SyncStatus;
import io.github.centrasage.sync.order.OrderImport;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The demo's heartbeat: what it is doing, how many orders are imported and how many jobs wait,
 * retry or need a person. On a terminal a one-line bar redrawn every second; elsewhere (a build
 * log, a test) a plain line every {@code every}. The report lines go through {@link #out()}, which
 * clears the bar before each line so the two never mix.
 */
final class Progress implements AutoCloseable {
  private static final int BAR = 24;
  private static final String CLEAR_LINE = "\r\u001b[K";

  private final PrintStream target;
  private final boolean terminal;
  private final long startedNanos = System.nanoTime();
  private final ScheduledExecutorService ticker;
  private final PrintStream out;
  private volatile SyncEngine engine;
  private volatile String phase = "starting the sandboxes";
  private volatile double done;
  /** Guarded by {@code target}: whether the bar is on the screen's last line. */
  private boolean barShown;

  /**
   * @param target where the report goes
   * @param terminal draw a bar on one line (a console) instead of printing plain lines
   * @param every how often a plain line is printed; the bar is redrawn every second
   */
  Progress(PrintStream target, boolean terminal, Duration every) {
    this.target = target;
    this.terminal = terminal;
    this.out = new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        synchronized (Progress.this.target) {
          hideBar();
          Progress.this.target.write(b, off, len);
        }
      }

      @Override
      public void flush() {
        Progress.this.target.flush();
      }
    }, true, StandardCharsets.UTF_8);
    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "demo-progress");
      t.setDaemon(true);
      return t;
    });
    long period = terminal ? 1000 : every.toMillis();
    ticker.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
  }

  /** A console, when there is one and it is not dumb: then the bar; otherwise plain lines. */
  static boolean consoleAllowsABar() {
    return System.console() != null && !"dumb".equals(System.getenv("TERM"));
  }

  /** Where the report's lines go. */
  PrintStream out() {
    return out;
  }

  /** The engine to read the figures from, once it exists. */
  void engine(SyncEngine engine) {
    this.engine = engine;
  }

  /** The step the demo is in, and how far through the whole run that step starts (0 to 1). */
  void phase(String phase, double done) {
    this.phase = phase;
    this.done = Math.max(this.done, Math.min(1, done));
  }

  private void tick() {
    String line;
    try {
      line = line();
    } catch (RuntimeException e) {
      // the store may be closing at the very end of the run; the next tick (if any) tries again
      return;
    }
    synchronized (target) {
      if (terminal) {
        String shown = bar() + " " + line;
        // a line wider than the terminal wraps, and the carriage return would then redraw only its tail
        int width = columns();
        target.print(CLEAR_LINE + (shown.length() < width ? shown : shown.substring(0, width - 2) + "…"));
        barShown = true;
      } else {
        target.println(elapsed() + "progress: " + line);
      }
      target.flush();
    }
  }

  private String line() {
    StringBuilder b = new StringBuilder(phase);
    SyncEngine e = engine;
    if (e != null) {
      List<SyncStatus> flows = e.status();
      long imported = flows.stream().filter(s -> s.flow().equals(OrderImport.NAME)).mapToLong(SyncStatus::entitiesDone).sum();
      long waiting = flows.stream().mapToLong(s -> s.queued() + s.running()).sum();
      long retrying = flows.stream().mapToLong(SyncStatus::retrying).sum();
      long parked = flows.stream().mapToLong(SyncStatus::parked).sum();
      b.append(" | orders imported ").append(imported).append(" | jobs waiting ").append(waiting)
          .append(", retrying ").append(retrying).append(", need a person ").append(parked);
    }
    return b.toString();
  }

  private static int columns() {
    try {
      return Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "120").strip()));
    } catch (NumberFormatException e) {
      return 120;
    }
  }

  private String bar() {
    int filled = (int) Math.round(done * BAR);
    return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] "
        + String.format(Locale.ROOT, "%3d%% %4ds", Math.round(done * 100), (System.nanoTime() - startedNanos) / 1_000_000_000L);
  }

  /** Seconds since the run started, as the report's lines begin: {@code [ 12.3s] }. */
  String elapsed() {
    return String.format(Locale.ROOT, "[%5.1fs] ", (System.nanoTime() - startedNanos) / 1e9);
  }

  private void hideBar() {
    if (barShown) {
      target.print(CLEAR_LINE);
      barShown = false;
    }
  }

  /** Stops the heartbeat and clears the bar; the report can still be printed through {@link #out()}. Idempotent. */
  @Override
  public void close() {
    // no interrupt: a tick may be inside a store query, and an interrupted H2 file channel closes
    // the embedded database under the engine ("The file is locked" on the next query)
    ticker.shutdown();
    try {
      ticker.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (target) {
      hideBar();
      target.flush();
    }
  }
}
