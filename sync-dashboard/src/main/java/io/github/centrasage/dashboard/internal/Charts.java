package io.github.centrasage.dashboard.internal;

import static io.github.centrasage.dashboard.internal.Html.esc;

import io.github.centrasage.sync.spi.FailureKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Server-rendered SVG charts: no script and no inline style (the page's CSP forbids both), colours
 * come from classes in dashboard.css, and every bar and point carries a {@code <title>} with its
 * figure, so hovering (or a screen reader) gives the exact number.
 */
public final class Charts {
  private static final int WIDTH = 360;
  private static final int HEIGHT = 170;
  private static final int LEFT = 40;
  private static final int RIGHT = 352;
  private static final int TOP = 12;
  private static final int BOTTOM = 140;
  private static final int HOURS = 24;
  /** A bar never gets wider than this, so three hours of data do not look like three walls. */
  private static final double MAX_BAR = 24;
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");

  private final ZoneId zone;

  public Charts(ZoneId zone) {
    this.zone = zone;
  }

  /** The three charts, in one section. */
  public void section(StringBuilder b, ChartSeries series, Instant now) {
    b.append("<section aria-labelledby=\"charts-h\" class=\"charts\"><h2 id=\"charts-h\">Last 24 hours</h2>"
        + "<div class=\"chart-row\">");
    ordersPerHour(b, series.ordersPerHour(now, HOURS));
    stockLag(b, series.stockLag(now, Duration.ofHours(HOURS)), now);
    retries(b, series, now);
    b.append("</div></section>");
  }

  private void ordersPerHour(StringBuilder b, List<ChartSeries.HourCount> hours) {
    long total = hours.stream().mapToLong(ChartSeries.HourCount::count).sum();
    open(b, "orders", "Orders imported per hour", total + (total == 1 ? " order" : " orders") + " in the hours shown");
    long max = Math.max(1, hours.stream().mapToLong(ChartSeries.HourCount::count).max().orElse(0));
    yAxis(b, max, "");
    double slot = (RIGHT - LEFT) / (double) hours.size();
    for (int i = 0; i < hours.size(); i++) {
      ChartSeries.HourCount h = hours.get(i);
      double height = (BOTTOM - TOP) * h.count() / (double) max;
      rect(b, "bar", barX(i, slot), BOTTOM - height, barWidth(slot), height,
          hourRange(h.hour()) + ": " + h.count() + (h.count() == 1 ? " order" : " orders"));
    }
    hourLabels(b, hours.stream().map(ChartSeries.HourCount::hour).toList(), slot);
    if (total == 0) {
      empty(b, "No orders imported while the dashboard was looking");
    }
    b.append("</svg></figure>");
  }

  private void stockLag(StringBuilder b, List<ChartSeries.Sample> points, Instant now) {
    String caption = points.isEmpty() ? "no stock cursor yet"
        : "now " + Words.duration(points.get(points.size() - 1).stockLag().orElseThrow()) + " behind";
    open(b, "stock-lag", "Stock lag (how far stock publishing is behind)", caption);
    if (points.isEmpty()) {
      yAxis(b, 1, " min");
      empty(b, "No stock cursor sampled yet");
      b.append("</svg></figure>");
      return;
    }
    long maxSeconds = Math.max(60, points.stream().mapToLong(p -> p.stockLag().orElseThrow().getSeconds()).max()
        .orElse(60));
    long maxMinutes = (maxSeconds + 59) / 60;
    yAxis(b, maxMinutes, " min");
    Instant from = points.get(0).at();
    long span = Math.max(1, Duration.between(from, now).getSeconds());
    StringBuilder line = new StringBuilder();
    StringBuilder dots = new StringBuilder();
    for (ChartSeries.Sample p : points) {
      double x = LEFT + (RIGHT - LEFT) * Duration.between(from, p.at()).getSeconds() / (double) span;
      double y = BOTTOM - (BOTTOM - TOP) * p.stockLag().orElseThrow().getSeconds() / (maxMinutes * 60.0);
      line.append(fmt(x)).append(',').append(fmt(y)).append(' ');
      dots.append("<circle class=\"point\" cx=\"").append(fmt(x)).append("\" cy=\"").append(fmt(y))
          .append("\" r=\"2\"><title>").append(esc(HOUR.format(p.at().atZone(zone)) + ": "
              + Words.duration(p.stockLag().orElseThrow()) + " behind")).append("</title></circle>");
    }
    b.append("<polyline class=\"line\" points=\"").append(line.toString().strip()).append("\"/>").append(dots);
    label(b, LEFT, BOTTOM + 16, "start", HOUR.format(from.atZone(zone)));
    label(b, RIGHT, BOTTOM + 16, "end", HOUR.format(now.atZone(zone)));
    b.append("</svg></figure>");
  }

  private void retries(StringBuilder b, ChartSeries series, Instant now) {
    List<ChartSeries.HourRetries> hours = series.retriesPerHour(now, HOURS);
    long total = hours.stream().mapToLong(ChartSeries.HourRetries::total).sum();
    open(b, "retries", "Retries by cause per hour", series.recordsRetries()
        ? total + (total == 1 ? " retry" : " retries") + " in the hours shown" : "not recorded");
    long max = Math.max(1, hours.stream().mapToLong(ChartSeries.HourRetries::total).max().orElse(0));
    yAxis(b, max, "");
    double slot = (RIGHT - LEFT) / (double) hours.size();
    for (int i = 0; i < hours.size(); i++) {
      ChartSeries.HourRetries h = hours.get(i);
      double y = BOTTOM;
      for (int c = 0; c < ChartSeries.CAUSES.size(); c++) {
        long n = h.byCause()[c];
        if (n == 0) {
          continue;
        }
        double height = (BOTTOM - TOP) * n / (double) max;
        y -= height;
        rect(b, "bar " + causeClass(ChartSeries.CAUSES.get(c)), barX(i, slot), y, barWidth(slot), height,
            hourRange(h.hour()) + ": " + n + " " + causeWords(ChartSeries.CAUSES.get(c)).toLowerCase(Locale.ROOT));
      }
    }
    hourLabels(b, hours.stream().map(ChartSeries.HourRetries::hour).toList(), slot);
    if (!series.recordsRetries()) {
      empty(b, "Give the engine a DashboardRecorder to chart retries");
    } else if (total == 0) {
      empty(b, "No retries");
    }
    b.append("</svg><ul class=\"legend\">");
    for (FailureKind kind : ChartSeries.CAUSES) {
      b.append("<li><span class=\"swatch ").append(causeClass(kind)).append("\"></span>").append(esc(causeWords(kind)))
          .append("</li>");
    }
    b.append("</ul></figure>");
  }

  static String causeWords(FailureKind kind) {
    switch (kind) {
      case TRANSIENT: return "Temporary error (timeout, 429, 5xx)";
      case RECORD_LOCKED: return "Record locked in Sage";
      case AMBIGUOUS_WRITE: return "Write without an answer (checked before resending)";
      default: return kind.name();
    }
  }

  private static String causeClass(FailureKind kind) {
    return "cause-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  // ---- parts

  private static double barWidth(double slot) {
    return Math.min(MAX_BAR, slot * 0.7);
  }

  /** The left edge of bar {@code i}, centred in its slot. */
  private static double barX(int i, double slot) {
    return LEFT + i * slot + (slot - barWidth(slot)) / 2;
  }

  private static void open(StringBuilder b, String id, String title, String caption) {
    b.append("<figure class=\"chart\" id=\"chart-").append(id).append("\"><figcaption><b>").append(esc(title))
        .append("</b> <span class=\"hint\">").append(esc(caption)).append("</span></figcaption>")
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" role=\"img\" aria-label=\"")
        .append(esc(title + ": " + caption)).append("\">");
  }

  private static void yAxis(StringBuilder b, long max, String unit) {
    b.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(BOTTOM).append("\" x2=\"").append(RIGHT)
        .append("\" y2=\"").append(BOTTOM).append("\"/>");
    b.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(RIGHT)
        .append("\" y2=\"").append(TOP).append("\"/>");
    label(b, LEFT - 4, TOP + 4, "end", max + unit);
    label(b, LEFT - 4, BOTTOM, "end", "0");
  }

  /** Every few hours a label, so 24 of them never overlap. */
  private void hourLabels(StringBuilder b, List<Instant> hours, double slot) {
    int every = Math.max(1, (int) Math.ceil(hours.size() / 6.0));
    for (int i = 0; i < hours.size(); i += every) {
      label(b, LEFT + i * slot + slot / 2, BOTTOM + 16, "middle", HOUR.format(hours.get(i).atZone(zone)));
    }
  }

  private static void empty(StringBuilder b, String text) {
    label(b, (LEFT + RIGHT) / 2.0, (TOP + BOTTOM) / 2.0, "middle", text);
  }

  private void rect(StringBuilder b, String cssClass, double x, double y, double w, double h, String title) {
    b.append("<rect class=\"").append(cssClass).append("\" x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y))
        .append("\" width=\"").append(fmt(w)).append("\" height=\"").append(fmt(h)).append("\"><title>")
        .append(esc(title)).append("</title></rect>");
  }

  private static void label(StringBuilder b, double x, double y, String anchor, String text) {
    b.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append("\" text-anchor=\"").append(anchor)
        .append("\">").append(esc(text)).append("</text>");
  }

  private String hourRange(Instant hour) {
    return HOUR.format(hour.atZone(zone)) + "\u2013" + HOUR.format(hour.plusSeconds(3600).atZone(zone));
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
