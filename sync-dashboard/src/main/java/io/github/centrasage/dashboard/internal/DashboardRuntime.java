package io.github.centrasage.dashboard.internal;

import io.github.centrasage.dashboard.DashboardOptions;
import io.github.centrasage.sync.SyncEngine;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DashboardCore} built from {@link DashboardOptions}, with the sampler that feeds its
 * charts: what the standalone server and the servlet share, so both show the same thing.
 */
public final class DashboardRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DashboardRuntime.class);

  private final DashboardCore core;
  private final ScheduledExecutorService sampler;

  private DashboardRuntime(DashboardCore core, ScheduledExecutorService sampler) {
    this.core = core;
    this.sampler = sampler;
  }

  /**
   * Builds the core and starts sampling the engine's status every {@code chartSampleInterval}.
   *
   * @param threadName the sampler thread's name
   * @param engineClock the engine's time, see {@code DashboardOptions.clock}
   * @param series what the charts draw (the recorder's, when there is one)
   * @see DashboardCore#DashboardCore for {@code cookieSuffix} and {@code readingNeedsToken}
   */
  public static DashboardRuntime start(SyncEngine engine, DashboardOptions options, String token,
      String cookieSuffix, boolean readingNeedsToken, String threadName, Supplier<Instant> engineClock,
      ChartSeries series) {
    Pages pages = new Pages(options.title(), options.refreshInterval(), new Words(options.zone()),
        new Charts(options.zone()));
    DashboardCore core = new DashboardCore(engine, pages, new ActionGuard(token), options.parkedJobsShown(),
        new HostCheck(options.allowedHostNames()), cookieSuffix, readingNeedsToken, engineClock, series,
        options.doctorReport());
    // the charts need a history the store does not keep: a status sample every chartSampleInterval
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
    long every = options.chartSampleInterval().toMillis();
    sampler.scheduleWithFixedDelay(() -> sample(engine, engineClock, series), 0, every, TimeUnit.MILLISECONDS);
    return new DashboardRuntime(core, sampler);
  }

  private static void sample(SyncEngine engine, Supplier<Instant> engineClock, ChartSeries series) {
    try {
      series.sample(engineClock.get(), engine.status());
    } catch (RuntimeException e) {
      // a store that is briefly unreachable costs one point of a chart, and must not end the sampling
      log.debug("Chart sample failed: {}", e.toString());
    }
  }

  public DashboardCore core() {
    return core;
  }

  @Override
  public void close() {
    // shutdown, not shutdownNow: an interrupt inside a store query closes an embedded H2 database's
    // file under the host's engine; a sample in progress ends on its own within moments
    sampler.shutdown();
  }
}
