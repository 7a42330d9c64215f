package io.github.centrasage.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.centrasage.dashboard.internal.Json;
import io.github.centrasage.sync.integration.RecordTreatment;
import io.github.centrasage.sync.finance.ReconciliationLine;
import io.github.centrasage.sync.finance.SettlementReport;
import io.github.centrasage.sync.finance.internal.PayoutReportRecords;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobAttempt;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.spi.NewJob;
import java.io.IOException;
import java.math.BigDecimal;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SyncDashboardTest {
  private static final String TOKEN = "test-token-0123456789";

  private TestShop shop;
  private SyncDashboard dashboard;
  private HttpClient http;

  @BeforeEach
  void start() {
    shop = new TestShop();
    dashboard = SyncDashboard.start(shop.engine, DashboardOptions.builder().token(TOKEN).build());
    http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterEach
  void stop() {
    dashboard.close();
    shop.close();
  }

  // ---- reading

  @Test
  void statusShowsEveryFlowWithItsCountsHealthAndLag() throws Exception {
    shop.orders.broken.put("1002", "No Sage tax code for 25% in SE");
    shop.importOrders("1001", "1002");
    shop.clock.advance(Duration.ofMinutes(3));

    HttpResponse<String> r = get("/api/status");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(r.body()).contains("\"flow\":\"OrderImport\"", "\"flow\":\"StockPublish\"")
        .contains("\"succeeded\":1", "\"parked\":1", "\"health\":\"Needs a person\"", "\"cursorLagSeconds\":180")
        .contains("\"lastError\":\"order:1002: No Sage tax code for 25% in SE\"");
  }

  @Test
  void doneShowsWhatTheFlowFinishedWithTheJobsBehindIt() throws Exception {
    shop.importOrders("1001", "1002");
    shop.importOrders("1001");
    shop.orders.entitiesDone = java.util.OptionalLong.of(2);

    assertThat(get("/api/status").body()).contains("\"succeeded\":3,\"done\":2");
    assertThat(get("/").body()).contains("<td class=\"num\">2 <a class=\"jobs\" href=\"/jobs?flow=OrderImport&amp;state=SUCCEEDED\">(3 jobs)</a></td>");
  }

  @Test
  void noticesAreShownEscapedOnThePageAndListedInTheJson() throws Exception {
    shop.orders.notices.add("Centra order 1001 was imported, but its totals differ: Centra 10.00 GBP <b>vs</b> Sage 9.99");

    assertThat(get("/api/status").body()).contains("\"notices\":[\"Centra order 1001 was imported");
    assertThat(get("/").body()).contains("OrderImport: please check")
        .contains("Centra 10.00 GBP &lt;b&gt;vs&lt;/b&gt; Sage 9.99").doesNotContain("<b>vs</b>");
  }

  @Test
  void jobsCanBeListedByFlowAndStateAndUnknownOnesAreRejectedClearly() throws Exception {
    shop.orders.broken.put("1002", "Unknown SKU ABC-M");
    shop.importOrders("1001", "1002", "1003");

    String parked = get("/api/jobs?flow=OrderImport&state=parked").body();
    String all = get("/api/jobs").body();

    assertThat(parked).contains("\"reference\":\"1002\"", "\"stateWords\":\"Needs a person\"", "Unknown SKU ABC-M")
        .doesNotContain("\"reference\":\"1001\"");
    assertThat(all).contains("\"reference\":\"1001\"", "\"reference\":\"1002\"", "\"reference\":\"1003\"");
    HttpResponse<String> unknownFlow = get("/api/jobs?flow=Nope");
    assertThat(unknownFlow.statusCode()).isEqualTo(404);
    assertThat(unknownFlow.body()).contains("no flow named 'Nope'").contains("OrderImport");
    HttpResponse<String> badState = get("/api/jobs?state=LOST");
    assertThat(badState.statusCode()).isEqualTo(400);
    assertThat(badState.body()).contains("Unknown job state 'LOST'", "PARKED");
    assertThat(get("/api/jobs?limit=0").statusCode()).isEqualTo(400);
  }

  @Test
  void everyNumericQueryParameterIsRangeCheckedWithAReason() throws Exception {
    shop.importOrders("1001");
    // offset + limit once overflowed an int here (a 500 from the all-flows merge)
    for (String query : List.of("offset=2147483647", "offset=2147483647&flow=OrderImport", "offset=-1",
        "offset=99999999999999999999", "limit=2147483647", "limit=-2147483648", "limit=1e3", "offset=%2B5",
        "offset=" + "9".repeat(5_000))) {
      HttpResponse<String> r = get("/api/jobs?" + query);
      assertThat(r.statusCode()).as(query).isEqualTo(400);
      assertThat(r.body()).as(query).containsAnyOf("'offset' must be a whole number from 0 to 100000",
          "'limit' must be a whole number from 1 to 500");
    }
    for (String page : List.of("/jobs?offset=2147483647", "/api/payouts?limit=2147483647")) {
      assertThat(get(page).statusCode()).as(page).isEqualTo(400);
    }
    assertThat(get("/api/jobs?offset=100000").statusCode()).isEqualTo(200);
  }

  @Test
  void aJobShowsItsReasonsAndAttemptHistory() throws Exception {
    shop.orders.broken.put("1002", "Customer WEBGBP is on hold");
    Job job = shop.importOrders("1002").get(0);

    HttpResponse<String> r = get("/api/jobs/" + job.id());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"parkReasons\":[\"Customer WEBGBP is on hold\"]")
        .contains("\"outcome\":\"PARKED\"", "\"outcomeWords\":\"Stopped, needs a person\"")
        .contains("\"payload\":\"{\\\"order\\\":\\\"1002\\\"}\"");
    assertThat(get("/api/jobs/999").statusCode()).isEqualTo(404);
    assertThat(get("/api/jobs/abc").statusCode()).isEqualTo(404);
  }

  @Test
  void thePageShowsFlowsAndParkedJobsInPlainWords() throws Exception {
    shop.orders.broken.put("1002", "No Sage tax code for 25% in SE");
    shop.importOrders("1001", "1002");
    shop.clock.advance(Duration.ofMinutes(5));

    HttpResponse<String> r = get("/");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("OrderImport", "StockPublish", "Needs a person", "No Sage tax code for 25% in SE")
        .contains("Stopped <time datetime=\"2026-11-26T10:00:00Z\"", "5 min ago", "(26 Nov 2026 10:00:00 UTC)", "after 1 attempt")
        .contains("action=\"/api/jobs/2/replay\"", "name=\"csrf\"", "name=\"token\"");
  }

  @Test
  void aParkedJobShowsWhenItStoppedNotWhenTheLastNoticeFoldedIntoIt() throws Exception {
    shop.orders.broken.put("1002", "No Sage tax code for 25% in SE");
    shop.importOrders("1002");
    shop.clock.advance(Duration.ofMinutes(5));
    Job folded = shop.store.enqueue(io.github.centrasage.sync.spi.NewJob.builder().flow("OrderImport").key("order:1002")
        .reference("1002").coalescing(io.github.centrasage.sync.spi.Coalescing.KEEP_EXISTING).build());

    assertThat(folded.updatedAt()).isEqualTo(Instant.parse("2026-11-26T10:05:00Z"));
    assertThat(get("/").body()).contains("Stopped <time datetime=\"2026-11-26T10:00:00Z\"");
  }

  @Test
  void everythingRenderedIsEscaped() throws Exception {
    String evil = "<script>alert('x')</script>";
    shop.orders.broken.put(evil, "Order note: <img src=x onerror=alert(1)>");
    shop.importOrders(evil);

    String page = get("/").body();
    String jobs = get("/jobs?flow=OrderImport").body();

    assertThat(page).doesNotContain("<script>alert", "<img src=x")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", "Order note: &lt;img src=x onerror=alert(1)&gt;");
    assertThat(jobs).doesNotContain("<script>alert").contains("&lt;script&gt;");
    assertThat(get("/api/jobs").body()).doesNotContain("<script>").contains("\\u003cscript\\u003e");
  }

  @Test
  void everyResponseCarriesTheSecurityHeaders() throws Exception {
    for (String path : new String[] {"/", "/api/status", "/nope", "/assets/dashboard.js"}) {
      HttpResponse<String> r = get(path);
      assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
          .contains("default-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline"));
      assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }
    assertThat(get("/").body()).doesNotContain("<script>").contains("<script src=\"/assets/dashboard.js\" defer>");
  }

  // ---- acting

  @Test
  void aScriptReplaysWithTheTokenHeaderAndTheJobThenSucceeds() throws Exception {
    shop.orders.broken.put("1002", "Unknown SKU ABC-M");
    Job job = shop.importOrders("1002").get(0);
    shop.orders.broken.clear(); // the mapping was fixed

    HttpResponse<String> r = post("/api/jobs/" + job.id() + "/replay", "application/json", "{}",
        "X-Dashboard-Token", TOKEN);
    shop.engine.runOnce("OrderImport");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"result\":\"replayed\"", "\"state\":\"QUEUED\"");
    assertThat(shop.store.job(job.id()).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(shop.store.history(job.id())).extracting(JobAttempt::outcome)
        .containsExactly(JobAttempt.Outcome.PARKED, JobAttempt.Outcome.REPLAYED, JobAttempt.Outcome.SUCCEEDED);
  }

  @Test
  void aWrongOrMissingTokenIsRefusedAndTheJobStaysParked() throws Exception {
    shop.orders.broken.put("1002", "Unknown SKU ABC-M");
    Job job = shop.importOrders("1002").get(0);
    String action = "/api/jobs/" + job.id() + "/replay";

    HttpResponse<String> wrong = post(action, "application/json", "{}", "X-Dashboard-Token", TOKEN + "x");
    HttpResponse<String> empty = post(action, "application/json", "{}", "X-Dashboard-Token", "");
    HttpResponse<String> formWithoutToken = post(action, "application/x-www-form-urlencoded", "note=x");

    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(wrong.body()).contains("token is wrong").doesNotContain(TOKEN);
    assertThat(empty.statusCode()).isEqualTo(403);
    assertThat(formWithoutToken.statusCode()).isEqualTo(403);
    assertThat(shop.store.job(job.id()).orElseThrow().state()).isEqualTo(JobState.PARKED);
  }

  @Test
  void actionsArePostOnlyAndNeedAFormOrJsonBody() throws Exception {
    shop.orders.broken.put("1002", "x");
    Job job = shop.importOrders("1002").get(0);
    String action = "/api/jobs/" + job.id() + "/replay";

    HttpResponse<String> viaGet = get(action);
    HttpResponse<String> plain = post(action, "text/plain", "token=" + TOKEN, "X-Dashboard-Token", TOKEN);
    HttpResponse<String> badJson = post(action, "application/json", "{\"note\":", "X-Dashboard-Token", TOKEN);

    assertThat(viaGet.statusCode()).isEqualTo(405);
    assertThat(viaGet.headers().firstValue("Allow")).hasValue("POST");
    assertThat(plain.statusCode()).isEqualTo(415);
    assertThat(badJson.statusCode()).isEqualTo(400);
    assertThat(badJson.body()).contains("Bad JSON body");
    assertThat(post("/api/status", "application/json", "{}").statusCode()).isEqualTo(405);
    assertThat(shop.store.job(job.id()).orElseThrow().state()).isEqualTo(JobState.PARKED);
  }

  @Test
  void thePageFormNeedsItsCsrfValueTheTokenAndThisOrigin() throws Exception {
    shop.orders.broken.put("1002", "x");
    Job job = shop.importOrders("1002").get(0);
    String csrf = csrfOf(get("/").body());
    String action = "/api/jobs/" + job.id() + "/replay";
    String origin = "http://127.0.0.1:" + dashboard.url().getPort();

    HttpResponse<String> noCsrf = post(action, "application/x-www-form-urlencoded", form("token", TOKEN),
        "Origin", origin);
    HttpResponse<String> forgedCsrf = post(action, "application/x-www-form-urlencoded",
        form("token", TOKEN, "csrf", "abc.def"), "Origin", origin);
    HttpResponse<String> otherSite = post(action, "application/x-www-form-urlencoded",
        form("token", TOKEN, "csrf", csrf), "Origin", "http://evil.example");
    HttpResponse<String> otherReferer = post(action, "application/x-www-form-urlencoded",
        form("token", TOKEN, "csrf", csrf), "Referer", "http://127.0.0.1:1/");
    assertThat(shop.store.job(job.id()).orElseThrow().state()).isEqualTo(JobState.PARKED);
    HttpResponse<String> ok = post(action, "application/x-www-form-urlencoded", form("token", TOKEN, "csrf", csrf),
        "Origin", origin);

    assertThat(noCsrf.statusCode()).isEqualTo(403);
    assertThat(noCsrf.body()).contains("reload it and try again").startsWith("<!DOCTYPE html>");
    assertThat(forgedCsrf.statusCode()).isEqualTo(403);
    assertThat(otherSite.statusCode()).isEqualTo(403);
    assertThat(otherSite.body()).contains("came from another site");
    assertThat(otherReferer.statusCode()).isEqualTo(403);
    assertThat(ok.statusCode()).isEqualTo(303);
    assertThat(ok.headers().firstValue("Location")).hasValue("/jobs/" + job.id() + "?done=replay");
    assertThat(shop.store.job(job.id()).orElseThrow().state()).isEqualTo(JobState.QUEUED);
    assertThat(get("/jobs/" + job.id() + "?done=replay").body()).contains("was put back in the queue", "Waiting to run");
  }

  @Test
  void discardKeepsTheNoteInTheHistoryAndASettledJobCannotBeActedOn() throws Exception {
    shop.orders.broken.put("1002", "Test order, never to be imported");
    Job job = shop.importOrders("1002", "1003").get(0);
    Job done = shop.store.search("1003", 5).get(0);

    HttpResponse<String> r = post("/api/jobs/" + job.id() + "/discard", "application/json",
        "{\"note\":\"test order, cancelled in Centra\"}", "X-Dashboard-Token", TOKEN);
    HttpResponse<String> again = post("/api/jobs/" + job.id() + "/discard", "application/json", "{}",
        "X-Dashboard-Token", TOKEN);
    HttpResponse<String> replayDone = post("/api/jobs/" + done.id() + "/replay", "application/json", "{}",
        "X-Dashboard-Token", TOKEN);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(shop.store.job(job.id()).orElseThrow().state()).isEqualTo(JobState.DISCARDED);
    assertThat(shop.store.history(job.id())).last().satisfies(a -> {
      assertThat(a.outcome()).isEqualTo(JobAttempt.Outcome.DISCARDED);
      assertThat(a.error()).contains("test order, cancelled in Centra");
    });
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("cannot be discarded", "discarded");
    assertThat(replayDone.statusCode()).isEqualTo(409);
    assertThat(replayDone.body()).contains("only a job that needs a person can", "(it is done)");
  }

  // ---- payouts

  @Test
  void payoutReportsAreListedAsJsonAndOnThePageEscaped() throws Exception {
    assertThat(get("/payouts").body()).contains("No payout has been posted yet.");
    assertThat(get("/").body()).doesNotContain("Latest payouts");
    PayoutReportRecords.write(shop.store, SettlementReport.builder().psp("adyen").payoutId("D400").currency("GBP")
        .clearingBank("1210").receipts(new BigDecimal("75.00")).refunds(BigDecimal.ZERO).fees(new BigDecimal("1.10"))
        .transferred(new BigDecimal("73.89")).variance(new BigDecimal("24.99")).clearingMovement(new BigDecimal("0.00"))
        .posted(6).alreadyPosted(0).addExceptions("D400/3: order <script>alert(1)</script> is not imported").build());

    String json = get("/api/payouts").body();
    String page = get("/payouts").body();

    assertThat(json).contains("\"payoutId\":\"D400\"", "\"variance\":\"24.99\"", "\"clearingMovement\":\"0.00\"",
        "\"balanced\":true", "\"needsAttention\":true", "\"posted\":6", "\"recordedAt\":\"2026-11-26T10:00:00Z\"")
        .contains("order \\u003cscript\\u003ealert(1)").doesNotContain("<script>");
    assertThat(page).contains("<td class=\"num warn\">24.99</td>", "D400/3: order &lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>alert(1)");
    assertThat(get("/").body()).contains("Latest payouts", "adyen D400");
    assertThat(get("/api/payouts?limit=0").statusCode()).isEqualTo(400);
  }

  @Test
  void aPayoutsReconciliationLinesAreInTheApiAndItsFileIsDownloadable() throws Exception {
    PayoutReportRecords.write(shop.store, SettlementReport.builder().psp("adyen").payoutId("900")
        .merchantAccount("AcmeGB").payoutDate(java.time.LocalDate.of(2026, 3, 31)).currency("GBP").clearingBank("1210")
        .receipts(new BigDecimal("59.99")).refunds(BigDecimal.ZERO).fees(new BigDecimal("1.00"))
        .transferred(new BigDecimal("28.99")).variance(BigDecimal.ZERO).clearingMovement(BigDecimal.ZERO).posted(4)
        .alreadyPosted(0)
        .addLines(ReconciliationLine.builder().line(1).recordType("Settled").pspReference("8816").merchantReference("1001")
            .gross(new BigDecimal("59.99")).fee(new BigDecimal("1.00")).net(new BigDecimal("58.99"))
            .treatment(RecordTreatment.RECEIPT).addPostings("900/1", "900/F")
            .status(ReconciliationLine.Status.UNALLOCATED).note("no open invoice for CENTRA-1001").build())
        .addLines(ReconciliationLine.builder().line(2).recordType("Chargeback").pspReference("8817")
            .gross(new BigDecimal("-30.00")).fee(BigDecimal.ZERO).net(new BigDecimal("-30.00"))
            .treatment(RecordTreatment.CHARGEBACK).addPostings("900/2").status(ReconciliationLine.Status.OPEN_CHARGEBACK)
            .build())
        .build());
    shop.store.bind(Binding.builder().entityType("chargeback").centraId("adyen:AcmeGB:8817").sageId("adyen:AcmeGB:8817")
        .sageReference("open 900/2 30.00 GBP").build());

    String json = get("/api/payouts").body();
    HttpResponse<String> file = get("/api/payouts/adyen/900@AcmeGB/reconciliation.csv");
    String openItems = get("/api/payouts/open-items.csv?month=2026-03").body();

    assertThat(json).contains("\"merchantAccount\":\"AcmeGB\"", "\"treatment\":\"RECEIPT\"",
        "\"sagePostings\":[\"900/1\",\"900/F\"]", "\"status\":\"OPEN_CHARGEBACK\"");
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
    assertThat(file.body().split("\r\n")).hasSize(3)
        .contains("adyen,AcmeGB,900,1,Settled,8816,,1001,59.99,1.00,58.99,RECEIPT,900/1 900/F,UNALLOCATED,"
            + "no open invoice for CENTRA-1001");
    assertThat(openItems).contains(",1001,59.99,900/1 900/F,UNALLOCATED,", ",8817,,-30.00,900/2,OPEN_CHARGEBACK,");
    assertThat(get("/api/payouts/open-items.csv?month=March").statusCode()).isEqualTo(400);
    assertThat(get("/api/payouts/adyen/901/reconciliation.csv").statusCode()).isEqualTo(404);
    assertThat(get("/payouts").body()).contains("/api/payouts/adyen/900%40AcmeGB/reconciliation.csv", "CSV, 2 lines");
  }

  // ---- order journey

  @Test
  void anOrdersJourneyGathersJobsAndSageRecordsOfEveryFlow() throws Exception {
    shop.importOrders("1234", "12345");
    shop.stock.broken.put("1234-1", "Sage despatch note DN-0042 is being edited");
    shop.stock.pending.add(NewJob.builder().flow("StockPublish").key("despatch:1234-1").reference("1234-1").build());
    shop.engine.runOnce("StockPublish");
    shop.store.bind(Binding.builder().entityType("order").centraId("1234").sageId("5501").sageReference("0000012").build());
    shop.store.bind(Binding.builder().entityType("despatch").centraId("1234-1").sageId("88").sageReference("DN-0042").build());
    shop.store.bind(Binding.builder().entityType("order").centraId("12345").sageId("5502").build());

    String json = get("/api/orders/1234").body();
    String page = get("/orders?number=1234").body();

    Map<String, String> top = Json.readFlatObject(json.replaceAll(",\"sageRecords\".*", "}"));
    assertThat(top).containsEntry("orderNumber", "1234");
    assertThat(json).contains("\"found\":true", "\"sageReference\":\"0000012\"", "\"entityType\":\"despatch\"",
        "\"reference\":\"1234-1\"", "\"reference\":\"1234\"").doesNotContain("12345", "5502");
    assertThat(json).contains("\"latestStateByFlow\":{\"StockPublish\":\"PARKED\",\"OrderImport\":\"SUCCEEDED\"}");
    assertThat(page).contains("<b>Order</b>: in Sage as 0000012", "<b>Despatch</b>: in Sage as DN-0042")
        .contains("<b>OrderImport</b>: <span class=\"state succeeded\">Done</span>")
        .contains("Needs a person</span> \u2013 Sage despatch note DN-0042 is being edited")
        .doesNotContain("12345");
    assertThat(get("/api/orders/777").body()).contains("\"found\":false");
    assertThat(get("/orders?number=777").body()).contains("Nothing is known about order 777");
    assertThat(get("/orders?number=%20").statusCode()).isEqualTo(400);
  }

  // ---- binding and options

  @Test
  void byDefaultItBindsToLoopbackWithARandomTokenThatNeverShowsInToString() {
    try (SyncDashboard d = SyncDashboard.start(shop.engine)) {
      assertThat(d.url().getHost()).isEqualTo("127.0.0.1");
      assertThat(d.url().getPort()).isPositive();
      assertThat(d.token()).hasSizeGreaterThanOrEqualTo(DashboardOptions.MIN_TOKEN_LENGTH)
          .isNotEqualTo(dashboard.token());
      assertThat(d.toString()).doesNotContain(d.token());
    }
    DashboardOptions options = DashboardOptions.builder().token(TOKEN).build();
    assertThat(options.toString()).doesNotContain(TOKEN);
    assertThatThrownBy(() -> DashboardOptions.builder().token("short").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 16").hasMessageNotContaining("short");
    assertThatThrownBy(() -> DashboardOptions.builder().port(70000).build()).hasMessageContaining("port");
  }

  @Test
  void onLoopbackAForeignHostNameIsNotAnswered() throws Exception {
    assertThat(rawGet("/api/status", "evil.example:" + dashboard.url().getPort())).startsWith("HTTP/1.1 421");
    assertThat(rawGet("/api/status", "127.0.0.1.evil.example")).startsWith("HTTP/1.1 421");
    assertThat(rawGet("/api/status", "localhost:" + dashboard.url().getPort())).startsWith("HTTP/1.1 200");
  }

  // ---- helpers

  @Test
  void theLastDoctorReportIsShownEscapedWhenTheHostGivesOne() throws Exception {
    assertThat(get("/doctor").statusCode()).isEqualTo(404);
    String[] last = {"DOCTOR RESULT errors=0 warnings=0 checks=1"};
    try (SyncDashboard withDoctor = SyncDashboard.start(shop.engine, DashboardOptions.builder().token(TOKEN)
        .doctorReport(() -> last[0]).build())) {
      last[0] = "masterdata.sage-product.missing <SKU-1>\nDOCTOR RESULT errors=1 warnings=0 checks=9";

      HttpResponse<String> r = http.send(HttpRequest.newBuilder(withDoctor.url().resolve("/doctor")).GET().build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("Go-live doctor").contains("masterdata.sage-product.missing &lt;SKU-1&gt;")
          .contains("DOCTOR RESULT errors=1 warnings=0 checks=9").doesNotContain("<SKU-1>");
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(dashboard.url().resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String contentType, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(dashboard.url().resolve(path))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String form(String... pairs) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      b.append(i == 0 ? "" : "&").append(pairs[i]).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return b.toString();
  }

  private static String csrfOf(String page) {
    Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
    assertThat(m.find()).as("the page has a form with a CSRF value").isTrue();
    return m.group(1);
  }

  private String rawGet(String path, String host) throws IOException {
    URI url = dashboard.url();
    try (Socket socket = new Socket(url.getHost(), url.getPort())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
