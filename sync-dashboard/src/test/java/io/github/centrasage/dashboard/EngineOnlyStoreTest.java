package io.github.centrasage.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.sync.finance.SettlementReport;
import io.github.centrasage.sync.finance.internal.PayoutReportRecords;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.store.BindingStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Over an engine whose store is only an {@code EngineStore} (no bindings), the dashboard shows the
 * flows, jobs and an order's jobs, and leaves out what only bindings hold: the payout pages and an
 * order's Sage records. The store underneath does hold a payout and a binding, so anything shown
 * would have come from reaching past the engine's store interface.
 */
class EngineOnlyStoreTest {
  private TestShop shop;
  private SyncDashboard dashboard;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() {
    shop = TestShop.withEngineOnlyStore();
    dashboard = SyncDashboard.start(shop.engine, DashboardOptions.builder().token("test-token-0123456789").build());
    PayoutReportRecords.write(shop.store, SettlementReport.builder().psp("adyen").payoutId("D400").currency("GBP")
        .clearingBank("1210").receipts(new BigDecimal("75.00")).refunds(BigDecimal.ZERO).fees(new BigDecimal("1.10"))
        .transferred(new BigDecimal("73.89")).variance(BigDecimal.ZERO).clearingMovement(BigDecimal.ZERO)
        .posted(6).alreadyPosted(0).build());
    shop.store.bind(Binding.builder().entityType("order").centraId("1234").sageId("5501").sageReference("0000012").build());
  }

  @AfterEach
  void stop() {
    dashboard.close();
    shop.close();
  }

  @Test
  void thePayoutPagesAreLeftOut() throws Exception {
    assertThat(shop.engine.store()).isNotInstanceOf(BindingStore.class);

    HttpResponse<String> page = get("/payouts");
    HttpResponse<String> api = get("/api/payouts");

    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).contains("this engine&#39;s store keeps no payout reports");
    assertThat(api.statusCode()).isEqualTo(404);
    assertThat(api.body()).contains("\"error\":").contains("keeps no payout reports");
    assertThat(get("/api/payouts/adyen/D400/reconciliation.csv").statusCode()).isEqualTo(404);
    assertThat(get("/api/payouts/open-items.csv?month=2026-11").statusCode()).isEqualTo(404);
    String overview = get("/").body();
    assertThat(overview).contains("OrderImport", "StockPublish").doesNotContain("Latest payouts", "D400");
  }

  @Test
  void anOrdersJourneyIsItsJobsWithoutASageSection() throws Exception {
    shop.importOrders("1234");

    String json = get("/api/orders/1234").body();
    String page = get("/orders?number=1234").body();

    assertThat(json).contains("\"found\":true", "\"reference\":\"1234\"").doesNotContain("sageRecords", "0000012");
    assertThat(page).contains("Sync jobs", "1234").doesNotContain("In Sage", "0000012");
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(dashboard.url().resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
