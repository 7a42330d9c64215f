package io.github.centrasage.examples.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sandbox.AnswerRewrites;
import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.Fault;
import io.github.centrasage.sandbox.FaultScope;
import io.github.centrasage.sandbox.ReceivedRequest;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.order.ImmutableOrderImportOptions;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.order.OrderImportOptions;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Review findings closed with issue #20: an adopted order gets the totals check (#17), the rounding
 * policy is an option (#20), the shared-account cache expires (#22). Through the public API,
 * checked on what the sandboxes received.
 */
class ReviewFindingsTest extends SandboxedClients {
  static final String SKU = SandboxCatalog.fashionShop().items().get(0).sku();

  SyncEngine engine(UnaryOperator<OrderImportOptions.Builder> options) {
    RetrySettings fast = fastRetries(4);
    SyncEngine engine = SyncEngine.builder().store(store).clock(clock).retryPolicy(fast).lockRetryPolicy(fast)
        .flow(new OrderImport(integration(CrashWorker.mappings(sage, centraLeeds, sageLeeds)),
            options.apply(OrderImportOptions.builder().discovery(OrderImportOptions.Discovery.EVENTS)
            .defaultWarehouse(centraLeeds)).build()))
        .build();
    engine.runOnce(OrderImport.NAME);
    return engine;
  }

  @Test
  void anOrderAdoptedAfterALostCreateAnswerIsTotalsCheckedToo() {
    SyncEngine engine = engine(o -> o);
    CentraOrder order = centraSandbox.placeOrder("GBP", Map.of(SKU, 1));
    // the create is applied but its answer is cut off: the retry finds the order and adopts it
    sageSandbox.faults().inject(Fault.truncatedBody(), FaultScope.nextCalls(1).on("POST /sop_orders"));
    // and the order Sage holds totals 1.00 more than Centra's
    sageSandbox.rewriteAnswers("GET /sop_orders/{id}", AnswerRewrites.editObjects(o -> o.containsKey("total_gross_value"),
        o -> o.put("total_gross_value", ((BigDecimal) o.get("total_gross_value")).add(BigDecimal.ONE))));
    HostileInputTest.drain(engine);

    assertThat(sageSandbox.receivedRequests("POST /sop_orders")).as("created once").hasSize(1);
    assertThat(sageSandbox.salesOrdersWithCustomerDocumentNo("CENTRA-" + order.number())).hasSize(1);
    assertThat(OrderImport.binding(store, order.number())).as("adopted").isPresent();
    assertThat(OrderImport.totalsMismatch(store, order.number())).as("the adopted order's totals were checked")
        .hasValueSatisfying(figures -> assertThat(figures).contains("Centra", "Sage"));
  }

  @Test
  void theRoundingOfComputedPricesIsAnOption() {
    // 12.15 including 20% VAT is 10.125 net: half-up 10.13, half-even 10.12
    UnaryOperator<String> price = AnswerRewrites.editObjects(o -> o.containsKey("unitPrice") && o.containsKey("taxPercent"),
        o -> {
          @SuppressWarnings("unchecked")
          Map<String, Object> unit = (Map<String, Object>) o.get("unitPrice");
          unit.put("value", new BigDecimal("12.15"));
          o.put("taxPercent", new BigDecimal("20"));
        });
    centraSandbox.rewriteAnswers("orders", price);
    SyncEngine halfEven = engine(o -> o.priceRounding(RoundingMode.HALF_EVEN));
    CentraOrder order = centraSandbox.placeOrder("GBP", Map.of(SKU, 1));
    HostileInputTest.drain(halfEven);
    assertThat(createBody(order.number())).contains("\"selling_unit_price\":10.12");
    assertThat(OrderImportOptions.builder().build().priceRounding()).as("the default").isEqualTo(RoundingMode.HALF_UP);
  }

  @Test
  void aSharedAccountIsReadAgainOnceItsCacheEntryExpires() {
    SyncEngine engine = engine(o -> o.sharedAccountCacheTtl(Duration.ofMinutes(10)));
    centraSandbox.placeOrder("GBP", Map.of(SKU, 1));
    HostileInputTest.drain(engine);
    long first = accountLookups();
    centraSandbox.placeOrder("GBP", Map.of(SKU, 1));
    HostileInputTest.drain(engine);
    assertThat(accountLookups()).as("within the time to live: the cache").isEqualTo(first);
    clock.advance(Duration.ofMinutes(11));
    CentraOrder late = centraSandbox.placeOrder("GBP", Map.of(SKU, 1));
    HostileInputTest.drain(engine);
    assertThat(accountLookups()).as("read again after the time to live").isEqualTo(first + 1);
    assertThat(sageSandbox.salesOrdersWithCustomerDocumentNo("CENTRA-" + late.number())).hasSize(1);
  }

  private long accountLookups() {
    return sageSandbox.receivedRequests("GET /customers").stream()
        .filter(r -> r.query().getOrDefault("$filter", "").contains("'WEBGBP'")).count();
  }

  private String createBody(int number) {
    List<ReceivedRequest> posts = sageSandbox.receivedRequests("POST /sop_orders");
    return posts.stream().map(ReceivedRequest::body).filter(b -> b.contains("CENTRA-" + number)).findFirst()
        .orElseThrow(() -> new AssertionError("no create for " + number));
  }
}
