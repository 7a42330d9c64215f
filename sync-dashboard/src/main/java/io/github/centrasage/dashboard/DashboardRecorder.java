package io.github.centrasage.dashboard;

import io.github.centrasage.dashboard.internal.ChartSeries;
import io.github.centrasage.sync.spi.FailureClassification;
import io.github.centrasage.sync.SyncListener;
import io.github.centrasage.sync.spi.Job;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Records, in memory, what the dashboard's "retries by cause" chart draws: every retry with its
 * cause (temporary error, record locked in Sage, write without an answer), counted per hour of the
 * engine's clock for the last two days. The engine tells listeners about each retry, and the store
 * keeps no per-cause history, so the recorder has to be the engine's listener from the start:
 *
 * <pre>{@code
 * DashboardRecorder recorder = DashboardRecorder.create(clock);          // the engine's clock
 * SyncEngine engine = SyncEngine.builder().clock(clock).listener(recorder) ... .build();
 * SyncDashboard.start(engine, DashboardOptions.builder().recorder(recorder).build());
 * }</pre>
 *
 * <p>Bounded (48 hourly buckets); nothing survives a restart.
 */
public final class DashboardRecorder implements SyncListener {
  private final Clock clock;
  private final ChartSeries series = new ChartSeries();

  private DashboardRecorder(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    series.recordingRetries();
  }

  /** A recorder on the engine's {@code clock}, the one given to {@code SyncEngine.Builder.clock}. */
  public static DashboardRecorder create(Clock clock) {
    return new DashboardRecorder(clock);
  }

  /** A recorder on the system clock in UTC (the engine's default clock). */
  public static DashboardRecorder create() {
    return new DashboardRecorder(Clock.systemUTC());
  }

  /** The clock retries are timed on. */
  public Clock clock() {
    return clock;
  }

  @Override
  public void jobRetried(Job job, FailureClassification failure, Instant runAt) {
    series.retried(failure.kind(), clock.instant());
  }

  ChartSeries series() {
    return series;
  }

  @Override
  public String toString() {
    return "DashboardRecorder{clock=" + clock + "}";
  }
}
