package io.github.centrasage.examples.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.centra.SetStockRequest;
import io.github.centrasage.centra.SizeStockLevel;
import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sandbox.AnswerRewrites;
import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.ReceivedRequest;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.order.OrderImportOptions;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.stock.StockPublish;
import io.github.centrasage.sync.stock.StockPublishOptions;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #15, part 3: well-formed answers carrying hostile values in one record — wrong JSON types,
 * unknown enum values, missing fields, negative, zero, fractional and absurd quantities and amounts,
 * duplicated lines, odd date offsets, huge strings, quotes and Unicode — served by the sandboxes'
 * answer rewrites. Each bad order is parked with a reason naming the problem and nothing from it
 * reaches Sage (checked on the requests Sage received); the order placed next to it is imported
 * once; the engine keeps cycling. Values that are odd but valid are imported unchanged.
 */
@ExtendWith(ReliabilityResult.class)
class HostileDataTest extends SandboxedClients {
  static final String SKU = SandboxCatalog.fashionShop().items().get(0).sku();

  /** An engine whose first cycle has subscribed to Centra's order events (orders placed later are fed). */
  SyncEngine engine() {
    RetrySettings fast = fastRetries(3);
    // events discovery: the feed names orders only, so a hostile order is read (and refused) by its own job
    SyncEngine engine = SyncEngine.builder().store(store).retryPolicy(fast).lockRetryPolicy(fast)
        .flow(new OrderImport(integration(CrashWorker.mappings(sage, centraLeeds, sageLeeds)),
            OrderImportOptions.builder().discovery(OrderImportOptions.Discovery.EVENTS)
            .defaultWarehouse(centraLeeds).build()))
        .build();
    engine.runOnce(OrderImport.NAME);
    // enough stock for every order the tests place
    long warehouse = centraSandbox.ids("warehouse").get("Leeds DC");
    centra.stock().set(SetStockRequest.builder().warehouseId(warehouse).addLevels(SizeStockLevel.ofSizeName(
        centraSandbox.ids("variant").get(SKU), SandboxCatalog.fashionShop().items().get(0).sizeName(), 1_000)).build());
    sageSandbox.receiveGoods(SKU, "Leeds DC", BigDecimal.valueOf(1_000));
    return engine;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> line(Map<String, Object> order, int index) {
    return ((List<Map<String, Object>>) order.get("lines")).get(index);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> money(Map<String, Object> parent, String field) {
    return (Map<String, Object>) parent.get(field);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> customer(Map<String, Object> order) {
    return (Map<String, Object>) order.get("customer");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> address(Map<String, Object> order) {
    return (Map<String, Object>) order.get("shippingAddress");
  }

  /** Hostile orders: the edit turns a placed order's answer bad; the reason must contain the fragment. */
  static Map<String, Map.Entry<Consumer<Map<String, Object>>, String>> refused() {
    Map<String, Map.Entry<Consumer<Map<String, Object>>, String>> cases = new LinkedHashMap<>();
    cases.put("quantity is a string", Map.entry(o -> line(o, 0).put("quantity", "two"), "Cannot read"));
    cases.put("quantity is an object", Map.entry(o -> line(o, 0).put("quantity", Map.of("value", 1)), "Cannot read"));
    cases.put("fractional quantity", Map.entry(o -> line(o, 0).put("quantity", new BigDecimal("1.5")), "Cannot read"));
    cases.put("negative quantity", Map.entry(o -> line(o, 0).put("quantity", -3), "negative quantity (-3)"));
    cases.put("zero quantity", Map.entry(o -> line(o, 0).put("quantity", 0), "no line left to import"));
    cases.put("absurd quantity", Map.entry(o -> line(o, 0).put("quantity", 2_000_000_000), "maxLineQuantity"));
    cases.put("quantity beyond int", Map.entry(o -> line(o, 0).put("quantity", new BigDecimal("99999999999999999999")),
        "Cannot read"));
    cases.put("negative cancelled quantity", Map.entry(o -> line(o, 0).put("cancelledQuantity", -1),
        "negative cancelled quantity"));
    cases.put("negative unit price", Map.entry(o -> money(line(o, 0), "unitPrice").put("value", new BigDecimal("-25.00")),
        "unit price is negative"));
    cases.put("absurd grand total", Map.entry(o -> money(o, "grandTotal").put("value", new BigDecimal("1E+15")),
        "maxAmount"));
    cases.put("amount is a string", Map.entry(o -> money(o, "grandTotal").put("value", "lots"), "Cannot read"));
    cases.put("negative shipping", Map.entry(o -> money(money(o, "totals"), "shipping").put("value", new BigDecimal("-4.95")),
        "shipping is negative"));
    cases.put("tax rate above 100%", Map.entry(o -> line(o, 0).put("taxPercent", new BigDecimal("120")), "outside 0–100%"));
    cases.put("line priced in another currency", Map.entry(o -> money(line(o, 0), "unitPrice").put("currency",
        Map.of("id", 2, "code", "EUR")), "unit price is in EUR"));
    cases.put("duplicated line", Map.entry(o -> {
      @SuppressWarnings("unchecked")
      List<Object> lines = (List<Object>) o.get("lines");
      lines.add(new LinkedHashMap<>(line(o, 0)));
    }, "appears 2 times"));
    cases.put("unknown status", Map.entry(o -> o.put("status", "TELEPORTED"), "status this library does not know"));
    cases.put("missing grand total", Map.entry(o -> o.remove("grandTotal"), "grandTotal"));
    cases.put("lines is null", Map.entry(o -> o.put("lines", null), "order has no lines"));
    cases.put("lines is empty", Map.entry(o -> o.put("lines", List.of()), "order has no lines"));
    cases.put("order date with an impossible offset", Map.entry(o -> o.put("orderDate", "2026-11-27T10:00:00+25:00"),
        "Cannot read"));
    cases.put("order date without offset", Map.entry(o -> o.put("orderDate", "2026-11-27 10:00:00"), "Cannot read"));
    // issue #20: wrong JSON types are refused, not coerced ("two" always was; "1" was read as 1)
    cases.put("quantity is a numeric string", Map.entry(o -> line(o, 0).put("quantity", "1"), "Cannot read"));
    cases.put("tax rate is a numeric string", Map.entry(o -> line(o, 0).put("taxPercent", "20"), "Cannot read"));
    cases.put("order number is a string", Map.entry(o -> o.put("number", o.get("number").toString()), "Cannot read"));
    cases.put("e-mail is a number", Map.entry(o -> customer(o).put("email", new BigDecimal(42)), "Cannot read"));
    cases.put("amount is a numeric string", Map.entry(o -> money(o, "grandTotal").put("value",
        money(o, "grandTotal").get("value").toString()), "Cannot read"));
    // issue #20: impossible dates park instead of being moved to a real day; implausible years park
    cases.put("order date 30 February", Map.entry(o -> o.put("orderDate", "2026-02-30T10:00:00+00:00"), "Cannot read"));
    cases.put("order date in year 0001", Map.entry(o -> o.put("orderDate", "0001-06-01T10:00:00+00:00"),
        "outside the plausible years"));
    cases.put("order date in year 9999", Map.entry(o -> o.put("orderDate", "9999-06-01T10:00:00+00:00"),
        "outside the plausible years"));
    cases.put("line without SKU", Map.entry(o -> ((Map<String, Object>) line(o, 0).get("productSize")).remove("SKU"),
        "has no SKU"));
    return cases;
  }

  @Test
  void eachHostileOrderIsParkedWithItsReasonAndNothingOfItReachesSage() {
    SyncEngine engine = engine();
    List<String> problems = new ArrayList<>();
    int cases = 0;
    for (Map.Entry<String, Map.Entry<Consumer<Map<String, Object>>, String>> c : refused().entrySet()) {
      CentraOrder bad = centraSandbox.placeOrder("GBP", Map.of(SKU, 1));
      CentraOrder good = centraSandbox.placeOrder("GBP", Map.of(SKU, 2));
      centraSandbox.rewriteAnswers("orders", AnswerRewrites.editObjects(
          o -> new BigDecimal(bad.number()).equals(o.get("number")) && o.containsKey("lines"), c.getValue().getKey()));
      HostileInputTest.drain(engine);
      centraSandbox.clearAnswerRewrites();

      Job job = jobFor(bad.number());
      String name = c.getKey();
      if (job.state() != JobState.PARKED) {
        problems.add(name + ": job " + job.state() + " " + job.lastError().orElse(""));
      } else if (job.parkReasons().stream().noneMatch(r -> r.contains(c.getValue().getValue()))) {
        problems.add(name + ": reasons " + job.parkReasons() + " do not say '" + c.getValue().getValue() + "'");
      }
      if (!sageSandbox.salesOrdersWithCustomerDocumentNo("CENTRA-" + bad.number()).isEmpty()
          || !writesMentioning("CENTRA-" + bad.number()).isEmpty()) {
        problems.add(name + ": something was written to Sage for the bad order");
      }
      if (sageSandbox.salesOrdersWithCustomerDocumentNo("CENTRA-" + good.number()).size() != 1) {
        problems.add(name + ": the order next to it was not imported once");
      }
      cases++;
    }
    ReliabilityResult.report("hostile-data-centra", "hostile_cases", cases, "parked",
        store.list(OrderImport.NAME, EnumSet.of(JobState.PARKED), 0, 1000).size());
    assertThat(problems).isEmpty();
  }

  @Test
  void oddButValidValuesAreImportedUnchanged() {
    SyncEngine engine = engine();
    String name = "Zoë \"Bobby\" O'Brien-Ünal 日本 \uD83D\uDE00 ' or 1 eq 1 --";
    String longLine = "Flat 1, " + "Very Long Street Name ".repeat(5_000);
    CentraOrder quoted = centraSandbox.placeOrder("GBP", Map.of(SKU, 1));
    CentraOrder longAddress = centraSandbox.placeOrder("GBP", Map.of(SKU, 1));
    CentraOrder kiribati = centraSandbox.placeOrder("GBP", Map.of(SKU, 1));
    CentraOrder free = centraSandbox.placeOrder("GBP", Map.of(SKU, 1));
    centraSandbox.rewriteAnswers("orders", AnswerRewrites.editObjects(o -> o.containsKey("lines"), o -> {
      int number = ((BigDecimal) o.get("number")).intValueExact();
      if (number == quoted.number()) {
        address(o).put("firstName", name);
      } else if (number == longAddress.number()) {
        address(o).put("address1", longLine);
      } else if (number == kiribati.number()) {
        // 23:30 on the 26th in UTC is already the 27th in Kiribati (UTC+14)
        o.put("orderDate", "2026-11-27T13:30:00+14:00");
      } else if (number == free.number()) {
        // a free gift line: zero is a valid price
        money(line(o, 0), "unitPrice").put("value", BigDecimal.ZERO);
        money(line(o, 0), "lineValue").put("value", BigDecimal.ZERO);
        money(o, "grandTotal").put("value", money(money(o, "totals"), "shipping").get("value"));
      }
    }));
    HostileInputTest.drain(engine);

    for (CentraOrder o : List.of(quoted, longAddress, kiribati, free)) {
      assertThat(sageSandbox.salesOrdersWithCustomerDocumentNo("CENTRA-" + o.number())).as("order %s", o.number())
          .hasSize(1);
    }
    // the contact is "<first name> <last name>": the escaped first name, without its closing quote
    String escaped = jsonString(name);
    assertThat(createdOrderBody(quoted.number())).as("the name as sent to Sage")
        .contains(escaped.substring(0, escaped.length() - 1) + " ");
    assertThat(createdOrderBody(longAddress.number())).as("the address, not cut").contains(jsonString(longLine));
    assertThat(createdOrderBody(kiribati.number())).as("the order's own date").contains("\"document_date\":\"2026-11-27T");
    ReliabilityResult.report("hostile-data-valid", "hostile_cases", 4);
  }

  @Test
  void hostileSageHoldingsArePublishedByTheFormulaOrParkedNeverClamped() {
    List<String> skus = new ArrayList<>();
    for (int i = 2; i < 6; i++) {
      skus.add(SandboxCatalog.fashionShop().items().get(i).sku());
    }
    String negative = skus.get(0);
    String fractional = skus.get(1);
    String absurd = skus.get(2);
    String oddOffset = skus.get(3);
    for (String sku : skus) {
      sageSandbox.receiveGoods(sku, "Leeds DC", BigDecimal.TEN);
    }
    BigDecimal absurdBefore = centraSandbox.stock(absurd, "Leeds DC").physical();
    Map<BigDecimal, Consumer<Map<String, Object>>> edits = new LinkedHashMap<>();
    edits.put(productId(negative), h -> h.put("free_stock_available", new BigDecimal("-5")));
    edits.put(productId(fractional), h -> h.put("free_stock_available", new BigDecimal("7.5")));
    edits.put(productId(absurd), h -> h.put("free_stock_available", new BigDecimal("1E+12")));
    edits.put(productId(oddOffset), h -> h.put("date_time_updated", "2026-11-27T10:00:00+05:45"));
    sageSandbox.rewriteAnswers("GET /warehouse_holdings", AnswerRewrites.editObjects(
        h -> h.containsKey("free_stock_available") && edits.containsKey(h.get("product_id")),
        h -> edits.get(h.get("product_id")).accept(h)));

    RetrySettings fast = fastRetries(3);
    SyncEngine engine = SyncEngine.builder().store(store).retryPolicy(fast).lockRetryPolicy(fast)
        .flow(new StockPublish(integration(CrashWorker.mappings(sage, centraLeeds, sageLeeds)),
            StockPublishOptions.builder().discoverInterval(Duration.ofMillis(1)).build())).build();
    for (int i = 0; i < 50 && (i < 2 || unsettled(StockPublish.NAME) > 0); i++) {
      engine.runOnce(StockPublish.NAME);
    }

    assertThat(unsettled(StockPublish.NAME)).isZero();
    assertThat(centraSandbox.stock(negative, "Leeds DC").physical()).as("negative free stock").isEqualByComparingTo("0");
    assertThat(centraSandbox.stock(fractional, "Leeds DC").physical()).as("7.5 free").isEqualByComparingTo("7");
    assertThat(centraSandbox.stock(oddOffset, "Leeds DC").physical()).as("a +05:45 update time")
        .isEqualByComparingTo(sageSandbox.holding(oddOffset, "Leeds DC").freeStockAvailable());
    assertThat(centraSandbox.stock(absurd, "Leeds DC").physical()).as("not clamped to 2^31-1 and pushed")
        .isEqualByComparingTo(absurdBefore);
    Job parked = store.list(StockPublish.NAME, EnumSet.of(JobState.PARKED), 0, 100).stream()
        .filter(j -> j.key().contains(absurd)).findFirst().orElseThrow(() -> new AssertionError("absurd level not parked"));
    assertThat(parked.parkReasons()).anyMatch(r -> r.contains("more than Centra can hold"));
    assertThat(store.list(StockPublish.NAME, EnumSet.of(JobState.PARKED), 0, 100)).as("only the absurd one").hasSize(1);

    // a holding stamped in 2099 must not carry discovery's cursor past the changes that follow
    String stamped = SandboxCatalog.fashionShop().items().get(6).sku();
    String later = SandboxCatalog.fashionShop().items().get(7).sku();
    sageSandbox.clearAnswerRewrites();
    sageSandbox.receiveGoods(stamped, "Leeds DC", BigDecimal.ONE);
    sageSandbox.rewriteAnswers("GET /warehouse_holdings", AnswerRewrites.editObjects(
        h -> productId(stamped).equals(h.get("product_id")), h -> h.put("date_time_updated", "2099-01-01T00:00:00Z")));
    for (int i = 0; i < 3; i++) {
      engine.runOnce(StockPublish.NAME);
    }
    sageSandbox.clearAnswerRewrites();
    sageSandbox.receiveGoods(later, "Leeds DC", new BigDecimal("3"));
    for (int i = 0; i < 50 && (i < 3 || unsettled(StockPublish.NAME) > 0); i++) {
      engine.runOnce(StockPublish.NAME);
    }
    assertThat(centraSandbox.stock(later, "Leeds DC").physical()).as("a change after the 2099 stamp")
        .isEqualByComparingTo(sageSandbox.holding(later, "Leeds DC").freeStockAvailable());
    ReliabilityResult.report("hostile-data-sage", "hostile_cases", edits.size() + 1, "parked", 1);
  }

  private BigDecimal productId(String sku) {
    return new BigDecimal(sageSandbox.ids("product").get(sku));
  }

  private long unsettled(String flow) {
    Map<JobState, Long> counts = store.count(flow);
    return counts.getOrDefault(JobState.QUEUED, 0L) + counts.getOrDefault(JobState.RETRYING, 0L)
        + counts.getOrDefault(JobState.RUNNING, 0L);
  }

  private String createdOrderBody(int number) {
    return writesMentioning("CENTRA-" + number).stream().filter(r -> r.operation().equals("POST /sop_orders"))
        .map(ReceivedRequest::body).findFirst().orElseThrow(() -> new AssertionError("no POST /sop_orders for " + number));
  }

  /** The JSON string literal of {@code s} as Moshi writes it (quotes and backslashes escaped, Unicode as is). */
  static String jsonString(String s) {
    return new com.squareup.moshi.Moshi.Builder().build().adapter(String.class).toJson(s);
  }

  private List<ReceivedRequest> writesMentioning(String text) {
    List<ReceivedRequest> writes = new ArrayList<>();
    for (ReceivedRequest r : sageSandbox.receivedRequests()) {
      if (!r.method().equals("GET") && r.body().contains(text)) {
        writes.add(r);
      }
    }
    return writes;
  }

  private Job jobFor(int orderNumber) {
    return store.list(OrderImport.NAME, EnumSet.allOf(JobState.class), 0, 1000).stream()
        .filter(j -> j.key().equals(OrderImport.jobKey(orderNumber)))
        .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no job for order " + orderNumber));
  }
}
