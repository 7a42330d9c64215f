package io.github.centrasage.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.CentraSandbox;
import io.github.centrasage.sandbox.Sage200Sandbox;
import io.github.centrasage.sandbox.SandboxClock;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample application, unchanged, against the sandboxes: only the addresses, the sandbox's
 * credentials and the ids its seed assigned are set here; everything else is application.yml.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTest {
  private static final String LEEDS = SandboxProperties.LEEDS;
  // the application runs on real time, so the sandboxes do too (their default clock stands still)
  private static final SandboxClock clock = SandboxClock.ticking();
  private static final CentraSandbox centra = CentraSandbox.start(CentraSandbox.options().clock(clock));
  private static final Sage200Sandbox sage = Sage200Sandbox.start(Sage200Sandbox.options().clock(clock));

  @LocalServerPort int port;

  @DynamicPropertySource
  static void sandboxes(DynamicPropertyRegistry registry) throws Exception {
    SandboxProperties.register(registry, centra, sage);
  }

  @AfterAll
  static void stopSandboxes() {
    centra.close();
    sage.close();
  }

  @Test
  void importsOrdersPublishesStockAndShowsTheIntegrationInHealthAndMetrics() throws Exception {
    String orderedSku = centra.catalogItems().get(0).sku();
    CentraOrder order = centra.placeOrder("GBP", Map.of(orderedSku, 1));
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(sage.salesOrdersWithCustomerDocumentNo("CENTRA-" + order.number())).hasSize(1));

    String restockedSku = centra.catalogItems().get(5).sku();
    BigDecimal before = centra.stock(restockedSku, LEEDS).physical();
    BigDecimal sageFree = sage.adjustStock(restockedSku, LEEDS, new BigDecimal("5")).freeStockAvailable();
    assertThat(sageFree).isNotEqualByComparingTo(before);
    // nothing of this SKU is allocated to an open Centra order: Centra gets Sage's free stock
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(centra.stock(restockedSku, LEEDS).physical()).isEqualByComparingTo(sageFree));

    String health = get("/actuator/health");
    assertThat(health).contains("\"centraSage200\"", "\"OrderImport\"", "\"StockPublish\"", "\"lastJobSucceeded\"");
    assertThat(get("/actuator/metrics/centra_sage200.jobs")).contains("\"outcome\"", "succeeded");
    assertThat(get("/actuator/centrasage200")).contains("\"OrderImport\"", "\"parked\":0");
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return response.body();
  }
}
