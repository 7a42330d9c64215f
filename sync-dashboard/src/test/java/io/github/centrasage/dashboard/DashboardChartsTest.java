package io.github.centrasage.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.dashboard.internal.ChartSeries;
import io.github.centrasage.sync.SyncStatus;
import io.github.centrasage.sync.spi.FailureKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The overview's times on the engine's clock, muted old errors, the order of its sections and its charts. */
class DashboardChartsTest {
  private static final Instant STORE_TIME = Instant.parse("2026-12-03T09:00:00Z");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private TestShop shop;
  private SyncDashboard dashboard;

  @AfterEach
  void stop() {
    if (dashboard != null) {
      dashboard.close();
    }
    if (shop != null) {
      shop.close();
    }
  }

  @Test
  void aFlowsLastRunIsMeasuredOnTheEnginesClockNotTheStores() throws Exception {
    // the store keeps database time, a week after the sandbox's pinned day the engine runs on
    shop = new TestShop(new io.github.centrasage.sync.SyncListener() {}, new TestShop.MovableClock(STORE_TIME));
    shop.importOrders("1001");
    shop.clock.advance(Duration.ofMinutes(2));
    dashboard = SyncDashboard.start(shop.engine, DashboardOptions.builder().clock(shop.clock).build());

    String row = flowRow(get("/"), "OrderImport");

    assertThat(row).contains("Healthy", "2 min ago", "26 Nov 2026 10:00:00 UTC").doesNotContain("days");
    assertThat(get("/api/status")).contains("\"generatedAt\":\"2026-11-26T10:02:00Z\"");
  }

  @Test
  void aHealthyFlowsLastErrorIsShownMutedAsOverAndARetryingOnesInRed() throws Exception {
    shop = new TestShop();
    dashboard = SyncDashboard.start(shop.engine, DashboardOptions.builder().clock(shop.clock).build());
    shop.orders.failTransiently.add("1001");
    shop.importOrders("1001");

    String retrying = flowRow(get("/"), "OrderImport");
    assertThat(retrying).contains("Retrying", "<td class=\"error\">", "Centra answered 503").doesNotContain("resolved");

    shop.orders.failTransiently.clear();
    shop.clock.advance(Duration.ofMinutes(1));
    runUntilSettled();

    String healthy = flowRow(get("/"), "OrderImport");
    assertThat(healthy).contains("Healthy", "<td class=\"error resolved\"", "Earlier, since resolved:",
        "Centra answered 503");
  }

  @Test
  void jobsThatNeedAPersonComeRightAfterTheFlowsBeforeChartsNoticesAndPayouts() throws Exception {
    shop = new TestShop();
    dashboard = SyncDashboard.start(shop.engine, DashboardOptions.builder().clock(shop.clock).build());
    shop.orders.broken.put("1002", "No Sage tax code for 25% in SE");
    shop.orders.notices.add("Centra order 1001 was imported, but its totals differ");
    shop.importOrders("1001", "1002");

    String page = get("/");

    int flows = page.indexOf("id=\"flows-h\"");
    int parked = page.indexOf("id=\"parked-h\"");
    int charts = page.indexOf("id=\"charts-h\"");
    int notices = page.indexOf("class=\"notices\"");
    assertThat(flows).isPositive();
    assertThat(parked).isGreaterThan(flows);
    assertThat(charts).isGreaterThan(parked);
    assertThat(notices).isGreaterThan(parked);
  }

  @Test
  void theChartsDrawOrdersImportedPerHourStockLagAndRetriesByCauseOnTheEnginesClock() throws Exception {
    DashboardRecorder[] made = new DashboardRecorder[1];
    shop = new TestShop(clock -> made[0] = DashboardRecorder.create(clock), new TestShop.MovableClock(STORE_TIME));
    DashboardRecorder recorder = made[0];
    // no clock option: the recorder's (the engine's) is the one the page uses
    dashboard = SyncDashboard.start(shop.engine, DashboardOptions.builder().recorder(recorder)
        .chartSampleInterval(Duration.ofHours(1)).build());
    shop.orders.entitiesDone = OptionalLong.of(0);
    shop.engine.runOnce("StockPublish");
    get("/");                                              // 10:00, nothing imported yet

    shop.clock.advance(Duration.ofMinutes(20));
    shop.orders.entitiesDone = OptionalLong.of(3);
    shop.orders.failTransiently.add("1001");
    shop.importOrders("1001");                             // one retry at 10:20
    shop.orders.failTransiently.clear();
    get("/");

    shop.clock.advance(Duration.ofHours(1));
    shop.orders.entitiesDone = OptionalLong.of(5);
    String page = get("/");                                // 11:20: stock cursor 80 min behind

    String orders = figure(page, "orders");
    assertThat(orders).contains("<svg", "5 orders in the hours shown", "<title>10:00\u201311:00: 3 orders</title>",
        "<title>11:00\u201312:00: 2 orders</title>");
    String lag = figure(page, "stock-lag");
    assertThat(lag).contains("<polyline class=\"line\"", "now 1 h 20 min behind", "<title>11:20: 1 h 20 min behind</title>",
        "<title>10:00: 0 s behind</title>");
    String retries = figure(page, "retries");
    assertThat(retries).contains("1 retry in the hours shown", "class=\"bar cause-transient\"",
        "<title>10:00\u201311:00: 1 temporary error (timeout, 429, 5xx)</title>", "Record locked in Sage");
  }

  @Test
  void withoutARecorderTheRetriesChartSaysHowToTurnItOn() throws Exception {
    shop = new TestShop();
    dashboard = SyncDashboard.start(shop.engine, DashboardOptions.builder().clock(shop.clock).build());

    String retries = figure(get("/"), "retries");

    assertThat(retries).contains("not recorded", "Give the engine a DashboardRecorder to chart retries")
        .doesNotContain("<rect");
  }

  @Test
  void theSeriesIsBoundedAndCountsOnlyGrowthSeenWhileLooking() {
    ChartSeries series = new ChartSeries();
    Instant t = Instant.parse("2026-11-26T08:00:00Z");
    for (int i = 0; i < ChartSeries.MAX_SAMPLES + 500; i++) {
      series.sample(t.plusSeconds(i), List.of(status("OrderImport", 100 + i)));
    }
    assertThat(series.sampleCount()).isEqualTo(ChartSeries.MAX_SAMPLES);
    for (int h = 0; h < ChartSeries.HOURS_KEPT + 10; h++) {
      series.retried(FailureKind.RECORD_LOCKED, t.plus(Duration.ofHours(h)));
    }
    series.retried(FailureKind.PERMANENT, t);
    Instant end = t.plus(Duration.ofHours(ChartSeries.HOURS_KEPT + 9));
    List<ChartSeries.HourRetries> hours = series.retriesPerHour(end, 24);
    assertThat(hours).hasSize(24).allSatisfy(h -> assertThat(h.byCause()).containsExactly(0, 1, 0));
    // the first kept sample is the baseline: only growth after it counts
    long counted = series.ordersPerHour(t.plus(Duration.ofHours(2)), 24).stream()
        .mapToLong(ChartSeries.HourCount::count).sum();
    assertThat(counted).isEqualTo(ChartSeries.MAX_SAMPLES - 1);
  }

  // ---- helpers

  private void runUntilSettled() {
    for (int i = 0; i < 50 && shop.engine.status("OrderImport").retrying() > 0; i++) {
      shop.engine.runOnce("OrderImport");
      shop.clock.advance(Duration.ofMinutes(1));
    }
  }

  private static SyncStatus status(String flow, long done) {
    return SyncStatus.builder().flow(flow).queued(0).running(0).retrying(0).parked(0).succeeded(done).build();
  }

  private String get(String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(dashboard.url() + path.substring(1))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return r.body();
  }

  private static String flowRow(String page, String flow) {
    Matcher m = Pattern.compile("<tr data-flow=\"" + flow + "\">.*?</tr>").matcher(page);
    assertThat(m.find()).as("row of " + flow).isTrue();
    return m.group();
  }

  private static String figure(String page, String id) {
    Matcher m = Pattern.compile("<figure class=\"chart\" id=\"chart-" + id + "\">.*?</figure>").matcher(page);
    assertThat(m.find()).as("chart " + id).isTrue();
    return m.group();
  }
}
