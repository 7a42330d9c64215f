package io.github.centrasage.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.CentraSandbox;
import io.github.centrasage.sandbox.Sage200Sandbox;
import io.github.centrasage.sync.SyncEngine;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample application, unchanged, against the sandboxes: only the addresses, the sandbox's
 * credentials and the ids its seed assigned are set here; everything else is application.yml.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // the engine stops with the class: it would go on polling the sandboxes it closed
class SampleApplicationTest {
  private static final String LEEDS = Sandboxes.LEEDS;
  @RegisterExtension static final Sandboxes sandboxes = Sandboxes.start();
  private static final CentraSandbox centra = sandboxes.centra;
  private static final Sage200Sandbox sage = sandboxes.sage;

  @LocalServerPort int port;
  @Autowired SyncEngine engine;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    sandboxes.register(registry);
  }

  @Test
  void importsOrdersPublishesStockAndShowsTheIntegrationInHealthAndMetrics() throws Exception {
    Sandboxes.awaitFirstOrderDiscovery(engine);
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
