package io.github.centrasage.dashboard.internal;

import io.github.centrasage.sync.SyncStatus;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.spi.FailureKind;
import io.github.centrasage.sync.stock.StockPublish;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the charts are drawn from, kept in memory and bounded: status samples (orders imported so
 * far, stock lag), at most {@link #MAX_SAMPLES}, and retries counted per hour and cause for the last
 * {@link #HOURS_KEPT} hours. Times are on the engine's clock. Thread-safe.
 */
public final class ChartSeries {
  /** A day of samples at the default 30 s interval. */
  public static final int MAX_SAMPLES = 2_880;
  public static final int HOURS_KEPT = 48;

  /** The causes the retries chart tells apart, in stacking order. */
  public static final List<FailureKind> CAUSES =
      List.of(FailureKind.TRANSIENT, FailureKind.RECORD_LOCKED, FailureKind.AMBIGUOUS_WRITE);

  /** One look at the engine: orders imported so far (-1 without OrderImport), StockPublish's cursor lag. */
  public record Sample(Instant at, long ordersDone, Optional<Duration> stockLag) {}

  /** A count for the hour starting at {@code hour}. */
  public record HourCount(Instant hour, long count) {}

  /** Retries of the hour starting at {@code hour}, one count per {@link #CAUSES} entry. */
  public record HourRetries(Instant hour, long[] byCause) {
    public long total() {
      long t = 0;
      for (long n : byCause) {
        t += n;
      }
      return t;
    }
  }

  private final ArrayDeque<Sample> samples = new ArrayDeque<>();
  private final TreeMap<Instant, long[]> retries = new TreeMap<>();
  private volatile boolean recordsRetries;

  /** Records one status snapshot of every flow, taken at {@code at}. */
  public synchronized void sample(Instant at, List<SyncStatus> flows) {
    long orders = -1;
    Optional<Duration> lag = Optional.empty();
    for (SyncStatus s : flows) {
      if (s.flow().equals(OrderImport.NAME)) {
        orders = s.entitiesDone();
      } else if (s.flow().equals(StockPublish.NAME)) {
        lag = s.cursorLag();
      }
    }
    samples.addLast(new Sample(at, orders, lag));
    while (samples.size() > MAX_SAMPLES) {
      samples.removeFirst();
    }
  }

  /** Counts one retry of {@code kind} at {@code at}; permanent failures are not retries and are ignored. */
  public synchronized void retried(FailureKind kind, Instant at) {
    recordsRetries = true;
    int index = CAUSES.indexOf(kind);
    if (index < 0) {
      return;
    }
    retries.computeIfAbsent(at.truncatedTo(ChronoUnit.HOURS), h -> new long[CAUSES.size()])[index]++;
    while (retries.size() > HOURS_KEPT) {
      retries.pollFirstEntry();
    }
  }

  /** Marks retries as recorded (a recorder is listening), so an hour without any shows as zero, not as "not recorded". */
  public void recordingRetries() {
    recordsRetries = true;
  }

  public boolean recordsRetries() {
    return recordsRetries;
  }

  public synchronized int sampleCount() {
    return samples.size();
  }

  /**
   * Orders imported per hour over the last {@code hours} hours up to {@code now}: the growth of
   * OrderImport's done count between consecutive samples, counted in the hour of the later one.
   * Orders imported before the first sample are not counted (the dashboard was not looking).
   */
  public synchronized List<HourCount> ordersPerHour(Instant now, int hours) {
    TreeMap<Instant, Long> perHour = new TreeMap<>();
    Sample previous = null;
    for (Sample s : samples) {
      if (s.ordersDone() < 0) {
        continue;
      }
      if (previous != null && s.ordersDone() > previous.ordersDone()) {
        perHour.merge(s.at().truncatedTo(ChronoUnit.HOURS), s.ordersDone() - previous.ordersDone(), Long::sum);
      }
      previous = s;
    }
    List<HourCount> out = new ArrayList<>();
    for (Instant hour : hours(now, hours, perHour)) {
      out.add(new HourCount(hour, perHour.getOrDefault(hour, 0L)));
    }
    return out;
  }

  /** Retries per hour and cause over the last {@code hours} hours up to {@code now}. */
  public synchronized List<HourRetries> retriesPerHour(Instant now, int hours) {
    List<HourRetries> out = new ArrayList<>();
    for (Instant hour : hours(now, hours, retries)) {
      long[] counts = retries.get(hour);
      out.add(new HourRetries(hour, counts == null ? new long[CAUSES.size()] : counts.clone()));
    }
    return out;
  }

  /** StockPublish's cursor lag at each sample of the last {@code window} up to {@code now} (samples without one left out). */
  public synchronized List<Sample> stockLag(Instant now, Duration window) {
    Instant from = now.minus(window);
    List<Sample> out = new ArrayList<>();
    for (Iterator<Sample> it = samples.iterator(); it.hasNext(); ) {
      Sample s = it.next();
      if (s.stockLag().isPresent() && !s.at().isBefore(from) && !s.at().isAfter(now)) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * The hours a bar chart shows: from the first hour with data (at most {@code hours} back) to the
   * hour of {@code now}, so a fresh dashboard does not draw a day of empty bars.
   */
  private static List<Instant> hours(Instant now, int hours, Map<Instant, ?> data) {
    Instant last = now.truncatedTo(ChronoUnit.HOURS);
    Instant earliest = last.minus(hours - 1L, ChronoUnit.HOURS);
    Instant first = data.keySet().stream().filter(h -> !h.isBefore(earliest) && !h.isAfter(last)).findFirst()
        .orElse(last);
    List<Instant> out = new ArrayList<>();
    for (Instant h = first; !h.isAfter(last); h = h.plus(1, ChronoUnit.HOURS)) {
      out.add(h);
    }
    return out;
  }
}
