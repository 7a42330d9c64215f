package io.github.centrasage.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SandboxExtension.class)
class SandboxExtensionTest {

  @Test
  void injectsBothSandboxesSharingOneClock(CentraSandbox centra, Sage200Sandbox sage, SandboxClock clock) throws Exception {
    clock.advance(Duration.ofHours(1));

    assertThat(centra.clock()).isSameAs(clock);
    assertThat(sage.clock()).isSameAs(clock);
    assertThat(Http.sage(sage, "GET", "/sites", null).status()).isEqualTo(200);
    assertThat(centra.placeOrder("GBP", Map.of("P00001-BLK-M", 1)).orderDate()).isEqualTo(clock.instant());
  }

  @Test
  void concurrentOrdersNeverOverAllocate(Sage200Sandbox sage) throws Exception {
    String sku = "P00004-OLV-L";
    BigDecimal free = sage.holding(sku, "Leeds DC").freeStockAvailable();
    Map<String, Object> body = Map.of("customer_id", sage.ids("customer").get("WEBGBP"),
        "lines", List.of(Map.of("line_type", "EnumLineTypeStandard", "product_id", sage.ids("product").get(sku),
            "warehouse_id", sage.ids("warehouse").get("Leeds DC"), "line_quantity", 1)));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Integer>> results = new ArrayList<>();
    int orders = free.intValueExact() + 10;
    for (int i = 0; i < orders; i++) {
      results.add(pool.submit(() -> Http.sage(sage, "POST", "/sop_orders", body).status()));
    }
    for (Future<Integer> f : results) {
      assertThat(f.get()).isEqualTo(201);
    }
    pool.shutdown();

    SageHolding after = sage.holding(sku, "Leeds DC");
    assertThat(sage.salesOrders()).hasSize(orders);
    assertThat(after.quantityAllocated()).isEqualByComparingTo(free);
    assertThat(after.freeStockAvailable()).isEqualByComparingTo("0");
  }

  @Test
  void mainPrintsUrlsAndTokens(CentraSandbox centra, Sage200Sandbox sage) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SandboxMain.describe(new PrintStream(bytes, true, StandardCharsets.UTF_8), centra, sage, SandboxCatalog.fashionShop());

    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains(centra.graphqlUrl(), sage.baseUrl(), centra.token(),
        sage.siteId(), "500 SKUs");
  }
}
