package io.github.centrasage.sandbox;

import static io.github.centrasage.sandbox.Http.enc;
import static io.github.centrasage.sandbox.Http.sage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Sage200SandboxTest {
  static final String SKU = "P00001-BLK-M";
  static final String LEEDS = "Leeds DC";

  Sage200Sandbox sage;

  @BeforeEach
  void freshSandbox() {
    sage = Sage200Sandbox.start();
  }

  @AfterEach
  void stop() {
    sage.close();
  }

  long productId(String sku) {
    return sage.ids("product").get(sku);
  }

  long warehouseId(String name) {
    return sage.ids("warehouse").get(name);
  }

  long customerId(String ref) {
    return sage.ids("customer").get(ref);
  }

  Map<String, Object> orderBody(String customerDocumentNo, int quantity) {
    return Map.of("customer_id", customerId("WEBGBP"), "customer_document_no", customerDocumentNo,
        "document_date", "2026-01-05T00:00:00Z",
        "lines", List.of(
            Map.of("line_type", "EnumLineTypeStandard", "product_id", productId(SKU), "warehouse_id", warehouseId(LEEDS),
                "line_quantity", quantity, "selling_unit_price", new BigDecimal("20.83"), "tax_code_id", taxCodeId(1)),
            Map.of("line_type", "EnumLineTypeCharge", "code", "CARRIAGE", "description", "Shipping",
                "selling_unit_price", new BigDecimal("4.16"), "tax_code_id", taxCodeId(1))));
  }

  long taxCodeId(int code) {
    try {
      return ((BigDecimal) sage(sage, "GET", "/tax_codes?$filter=" + enc("code eq " + code), null).array().get(0).get("id"))
          .longValueExact();
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }

  @Test
  void rejectsRequestsWithoutTheRightTokenSiteOrCompany() throws Exception {
    var noToken = Http.send("GET", sage.baseUrl() + "/customers", Map.of("X-Site", sage.siteId(), "X-Company", "1"), null,
        Duration.ofSeconds(5));
    var wrongSite = Http.send("GET", sage.baseUrl() + "/customers",
        Map.of("Authorization", "Bearer " + sage.token(), "X-Site", "nope", "X-Company", "1"), null, Duration.ofSeconds(5));
    var sites = Http.send("GET", sage.baseUrl() + "/sites", Map.of("Authorization", "Bearer " + sage.token()), null,
        Duration.ofSeconds(5));

    assertThat(noToken.status()).isEqualTo(401);
    assertThat(noToken.object()).containsEntry("Message", "Authorization has been denied for this request.");
    assertThat(wrongSite.status()).isEqualTo(401);
    assertThat(sites.status()).isEqualTo(200);
    assertThat(sites.array().get(0)).containsEntry("site_id", sage.siteId());
  }

  @Test
  void orderEntryAllocatesStockAndLowersFreeStock() throws Exception {
    SageHolding before = sage.holding(SKU, LEEDS);

    var created = sage(sage, "POST", "/sop_orders", orderBody("100234", 2));

    assertThat(created.status()).isEqualTo(201);
    Map<String, Object> order = created.object();
    assertThat(order.get("customer_document_no")).isEqualTo("100234");
    assertThat((BigDecimal) order.get("total_net_value")).isEqualByComparingTo("45.82");
    assertThat((BigDecimal) order.get("total_tax_value")).isEqualByComparingTo("9.16");
    SageHolding after = sage.holding(SKU, LEEDS);
    assertThat(after.quantityInStock()).isEqualByComparingTo(before.quantityInStock());
    assertThat(after.quantityAllocated()).isEqualByComparingTo(before.quantityAllocated().add(BigDecimal.valueOf(2)));
    assertThat(after.freeStockAvailable()).isEqualByComparingTo(before.freeStockAvailable().subtract(BigDecimal.valueOf(2)));
    var viaApi = sage(sage, "GET", "/warehouse_holdings/" + after.id(), null).object();
    assertThat((BigDecimal) viaApi.get("free_stock_available")).isEqualByComparingTo(after.freeStockAvailable());
  }

  @Test
  void changePriceUpdatesTheBandRowAndItsTimestampOnly() throws Exception {
    sage.clock().advance(java.time.Duration.ofMinutes(5));
    BigDecimal before = sage.changePrice(SKU, "EURO", new BigDecimal("39.00"));

    List<Map<String, Object>> rows = sage(sage, "GET", "/product_price_views?$filter="
        + enc("product_code eq '" + SKU + "'"), null).array();
    Map<String, Object> euro = rows.stream().filter(r -> "EURO".equals(r.get("price_band_name"))).findFirst().orElseThrow();
    Map<String, Object> standard = rows.stream().filter(r -> "Standard".equals(r.get("price_band_name"))).findFirst().orElseThrow();
    assertThat((BigDecimal) euro.get("product_price_price")).isEqualByComparingTo("39.00");
    assertThat(euro.get("date_time_updated").toString()).isEqualTo(sage.clock().instant().toString());
    assertThat(before).isNotEqualByComparingTo("39.00");
    assertThat(standard.get("date_time_updated").toString()).isNotEqualTo(sage.clock().instant().toString());
    assertThatThrownBy(() -> sage.changePrice(SKU, "NOPE", BigDecimal.ONE)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NOPE");
  }

  @Test
  void customerDocumentNoIsNotUniqueAndCanBeLookedUp() throws Exception {
    sage(sage, "POST", "/sop_orders", orderBody("O'Brien-1", 1));
    sage(sage, "POST", "/sop_orders", orderBody("O'Brien-1", 1));
    sage(sage, "POST", "/sop_orders", orderBody("other", 1));

    var found = sage(sage, "GET", "/sop_orders?$filter=" + enc("customer_document_no eq 'O''Brien-1'")
        + "&$select=id,document_no,customer_document_no", null).array();

    assertThat(found).hasSize(2).allSatisfy(o -> assertThat(o).containsOnlyKeys("id", "document_no", "customer_document_no"));
    assertThat(sage.salesOrdersWithCustomerDocumentNo("O'Brien-1")).hasSize(2);
  }

  @Test
  void despatchReducesStockAndAllocationAndAppearsInDespatchViews() throws Exception {
    SageHolding before = sage.holding(SKU, LEEDS);
    Map<String, Object> order = sage(sage, "POST", "/sop_orders", orderBody("100300", 3)).object();
    String documentNo = (String) order.get("document_no");
    var despatchable = sage(sage, "GET", "/sop_confirm_despatch?$filter=" + enc("document_no eq '" + documentNo + "'"), null).array();
    // Sage's shape: one sop_confirm_despatch_adjustment per order, its lines in items (with item_name).
    assertThat(despatchable).singleElement().satisfies(a -> assertThat(a).containsEntry("sop_order_return_id", order.get("id")));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> lines = (List<Map<String, Object>>) despatchable.get(0).get("items");
    assertThat(lines).singleElement().satisfies(l -> assertThat(l).containsEntry("item_code", SKU).containsKey("item_name")
        .doesNotContainKey("item_description"));

    var despatched = sage(sage, "POST", "/sop_confirm_despatch", Map.of("sop_order_return_id", order.get("id"),
        "despatch_receipt_date", "2026-01-06T00:00:00Z",
        "items", List.of(Map.of("id", lines.get(0).get("id"), "quantity", 3)),
        "tracking_items", List.of(Map.of("sop_order_return_id", order.get("id"), "consignment_no", "1Z999", "pieces", 1))));

    assertThat(despatched.status()).isEqualTo(201);
    SageHolding after = sage.holding(SKU, LEEDS);
    assertThat(after.quantityInStock()).isEqualByComparingTo(before.quantityInStock().subtract(BigDecimal.valueOf(3)));
    assertThat(after.quantityAllocated()).isEqualByComparingTo(before.quantityAllocated());
    var views = sage(sage, "GET", "/sop_order_despatch_views?$filter="
        + enc("sop_despatch_date ge 2026-01-06T00:00:00Z and sop_order_customer_document_no eq '100300'"), null).array();
    assertThat(views).hasSize(1);
    assertThat(views.get(0)).containsEntry("sop_despatch_consignment_no", "1Z999").containsEntry("sop_order_document_no", documentNo);
    assertThat(sage.salesOrders().get(0).despatchReceiptStatus()).isEqualTo("EnumDocumentStatusComplete");
  }

  @Test
  void cannotDespatchMoreThanIsAllocated() throws Exception {
    Map<String, Object> order = sage(sage, "POST", "/sop_orders", orderBody("100301", 1)).object();
    @SuppressWarnings("unchecked")
    var line = ((List<Map<String, Object>>) order.get("lines")).get(0);

    var r = sage(sage, "POST", "/sop_confirm_despatch",
        Map.of("sop_order_return_id", order.get("id"), "items", List.of(Map.of("id", line.get("id"), "quantity", 5))));

    assertThat(r.status()).isEqualTo(400);
    assertThat((String) r.object().get("Message")).contains("allocated");
  }

  @Test
  void recordLockAnswersInUseForNAttemptsThenLetsTheWriteThrough() throws Exception {
    Map<String, Object> order = sage(sage, "POST", "/sop_orders", orderBody("100400", 1)).object();
    String documentNo = (String) order.get("document_no");
    sage.lockOrder(documentNo, 2);
    Map<String, Object> put = Map.of("customer_document_no", "100400-A");

    var first = sage(sage, "PUT", "/sop_orders/" + order.get("id"), put);
    var second = sage(sage, "PUT", "/sop_orders/" + order.get("id"), put);
    var third = sage(sage, "PUT", "/sop_orders/" + order.get("id"), put);

    assertThat(first.status()).isEqualTo(400);
    assertThat(first.object()).containsEntry("Message",
        "The sales order " + documentNo + " is in use by another user and is locked for editing.");
    assertThat(second.status()).isEqualTo(400);
    assertThat(third.status()).isEqualTo(200);
    assertThat(sage.salesOrders().get(0).customerDocumentNo()).isEqualTo("100400-A");
    assertThat(sage.requestCount("PUT /sop_orders/{id}")).isEqualTo(3);
  }

  @Test
  void lockUntilReleasedBlocksDespatchAndLockProtocolReleasesWithIsEditingFalse() throws Exception {
    Map<String, Object> order = sage(sage, "POST", "/sop_orders", orderBody("100401", 1)).object();
    String documentNo = (String) order.get("document_no");
    sage.lockOrder(documentNo);
    for (int i = 0; i < 3; i++) {
      assertThat(sage(sage, "GET", "/sop_orders/" + order.get("id") + "?$expand=is_to_lock", null).status()).isEqualTo(400);
    }
    sage.releaseOrder(documentNo);

    Map<String, Object> locked = sage(sage, "GET", "/sop_orders/" + order.get("id") + "?$expand=is_to_lock", null).object();
    assertThat(locked.get("lock_id")).isNotNull();
    var withoutLockId = sage(sage, "PUT", "/sop_orders/" + order.get("id"), Map.of("spare_text_1", "x"));
    var release = sage(sage, "PUT", "/sop_orders/" + order.get("id"),
        Map.of("lock_id", locked.get("lock_id"), "is_editing", false, "spare_text_1", "centra:1"));

    assertThat(withoutLockId.status()).isEqualTo(400);
    assertThat(release.status()).isEqualTo(200);
    assertThat(release.object().get("lock_id")).isNull();
  }

  @Test
  void odataFiltersOrdersPagesAndRejectsTopAbove5000() throws Exception {
    var page = sage(sage, "GET", "/products?$filter=" + enc("startswith(code,'P00001') and not contains(code,'-XS')")
        + "&$orderby=" + enc("code desc") + "&$top=3&$skip=1&$select=id,code", null).array();
    var tooMany = sage(sage, "GET", "/products?$top=5001", null);
    var badFilter = sage(sage, "GET", "/products?$filter=" + enc("code eq"), null);

    assertThat(page).extracting(r -> r.get("code")).containsExactly("P00001-NVY-S", "P00001-NVY-M", "P00001-NVY-L");
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(badFilter.status()).isEqualTo(400);
  }

  @Test
  void holdingsChangedSinceAreFoundByDateTimeUpdated() throws Exception {
    sage.clock().set(Instant.parse("2026-02-01T10:00:00Z"));
    sage.receiveGoods(SKU, LEEDS, BigDecimal.TEN);

    var changed = sage(sage, "GET", "/warehouse_holdings?$filter=" + enc("date_time_updated gt 2026-02-01T09:00:00Z")
        + "&$orderby=id", null).array();

    assertThat(changed).hasSize(1);
    assertThat(changed.get(0).get("product_id")).isEqualTo(BigDecimal.valueOf(productId(SKU)));
    assertThat(changed.get(0).get("date_time_updated")).isEqualTo("2026-02-01T10:00:00Z");
  }

  @Test
  void nonWebOrderAllocatesAndDespatchHelperShipsIt() {
    SageHolding before = sage.holding(SKU, LEEDS);
    SageSalesOrder order = sage.allocateNonWebOrder("HARR001", SKU, LEEDS, BigDecimal.valueOf(2));
    assertThat(sage.holding(SKU, LEEDS).freeStockAvailable())
        .isEqualByComparingTo(before.freeStockAvailable().subtract(BigDecimal.valueOf(2)));

    SageDespatch despatch = sage.despatch(order.documentNo(), "TRK1");

    assertThat(despatch.quantities()).containsEntry(SKU, BigDecimal.valueOf(2));
    assertThat(sage.holding(SKU, LEEDS).quantityInStock())
        .isEqualByComparingTo(before.quantityInStock().subtract(BigDecimal.valueOf(2)));
  }

  @Test
  void receiptsTransfersAndPaymentsMoveBankBalancesAndReturnUrns() throws Exception {
    long clearing = sage.ids("bank").get("1210");
    long current = sage.ids("bank").get("1200");
    var receipt = sage(sage, "POST", "/sales_receipts", Map.of("customer_id", customerId("WEBGBP"), "bank_id", clearing,
        "cheque_value", new BigDecimal("100.00"), "reference", "ADYEN-1"));
    var fee = sage(sage, "POST", "/bank_payment", Map.of("bank_id", clearing, "reference", "FEES",
        "nominal_analysis_items", List.of(Map.of("code", "7901", "gross_value", new BigDecimal("2.50")))));
    var transfer = sage(sage, "POST", "/bank_transfer", Map.of("bank_from_id", clearing, "bank_to_id", current,
        "payment_value", new BigDecimal("97.50")));

    assertThat(List.of(receipt.status(), fee.status(), transfer.status())).containsOnly(201);
    assertThat((String) receipt.object().get("urn")).matches("\\d+");
    assertThat(sage.bankBalance("1210")).isEqualByComparingTo("0.00");
    assertThat(sage.bankBalance("1200")).isEqualByComparingTo("97.50");
    String urn = (String) receipt.object().get("urn");
    var posted = sage(sage, "GET", "/sales_posted_transactions?$filter=" + enc("urn eq " + urn), null).array();
    assertThat(posted).hasSize(1);
    assertThat(posted.get(0)).containsEntry("trader_transaction_type", "TradingAccountEntryTypePurchasePaymentSalesReceipt");
  }

  @Test
  void creditNoteNeedsMatchingTaxAnalysisAndCanBeAllocatedAgainstAReceipt() throws Exception {
    long customer = customerId("WEBGBP");
    var bad = sage(sage, "POST", "/sales_credit_notes", Map.of("customer_id", customer, "document_goods_value", 20,
        "document_tax_value", 4, "tax_analysis_items", List.of(Map.of("id", taxCodeId(1), "goods_amount", 10, "tax_amount", 4))));
    var credit = sage(sage, "POST", "/sales_credit_notes", Map.of("customer_id", customer, "reference", "RMA-77",
        "document_goods_value", new BigDecimal("20.83"), "document_tax_value", new BigDecimal("4.17"),
        "tax_analysis_items", List.of(Map.of("id", taxCodeId(1), "goods_amount", new BigDecimal("20.83"), "tax_amount", new BigDecimal("4.17"))),
        "nominal_analysis_items", List.of(Map.of("code", "4010", "value", new BigDecimal("20.83")))));
    var payment = sage(sage, "POST", "/sales_invoices", Map.of("customer_id", customer, "document_goods_value", new BigDecimal("25.00")));

    assertThat(bad.status()).isEqualTo(400);
    assertThat(credit.status()).isEqualTo(201);
    var txs = sage(sage, "GET", "/customers/" + customer + "/sales_posted_transactions?$orderby=" + enc("id asc"), null).array();
    assertThat(txs).hasSize(2);
    var allocation = sage(sage, "POST", "/sales_allocations", Map.of("customer_id", customer, "allocation_lines", List.of(
        Map.of("posted_tran_id", txs.get(0).get("id"), "value_to_allocate", new BigDecimal("25.00")),
        Map.of("posted_tran_id", txs.get(1).get("id"), "value_to_allocate", new BigDecimal("25.00")))));
    assertThat(payment.status()).isEqualTo(201);
    assertThat(allocation.status()).isEqualTo(201);
    assertThat(sage.postedTransactions()).filteredOn(t -> t.ledger().equals("sales"))
        .allSatisfy(t -> assertThat(t.outstandingValue()).isEqualByComparingTo("0"));
  }

  @Test
  void referenceDataIsSeeded() throws Exception {
    assertThat(sage(sage, "GET", "/currencies", null).array()).hasSize(2);
    assertThat(sage(sage, "GET", "/tax_codes?$filter=" + enc("tax_rate eq 20"), null).array()).hasSize(1);
    assertThat(sage(sage, "GET", "/price_bands", null).array()).hasSize(2);
    assertThat(sage(sage, "GET", "/product_price_views?$filter=" + enc("product_code eq '" + SKU + "'"), null).array()).hasSize(2);
    assertThat(sage(sage, "GET", "/nominal_codes?$filter=" + enc("reference eq '7901'"), null).array()).hasSize(1);
    assertThat(sage(sage, "GET", "/warehouses", null).array()).extracting(w -> w.get("name"))
        .containsExactly("Leeds DC", "London Store");
    assertThat(sage(sage, "GET", "/products?$top=5000", null).array()).hasSize(500);
  }

  @Test
  void createdCustomerIsFoundByReferenceAndByEmail() throws Exception {
    var created = sage(sage, "POST", "/customers", Map.of("reference", "WEB00001", "name", "Jane Doe",
        "contacts", List.of(Map.of("first_name", "Jane", "last_name", "Doe",
            "emails", List.of(Map.of("email", "jane@example.com", "is_default", true))))));
    var duplicate = sage(sage, "POST", "/customers", Map.of("reference", "WEB00001", "name", "Again"));
    var tooLong = sage(sage, "POST", "/customers", Map.of("reference", "WEB000001", "name", "Too long"));

    assertThat(created.status()).isEqualTo(201);
    assertThat(duplicate.status()).isEqualTo(400);
    assertThat((String) tooLong.object().get("Message")).contains("reference");
    var byReference = sage(sage, "GET", "/customers?$filter=" + enc("reference eq 'WEB00001'"), null).array();
    var byView = sage(sage, "GET", "/customer_views?$filter=" + enc("contact_default_email_address eq 'jane@example.com'"), null).array();
    var byEmail = sage(sage, "GET", "/customer_emails?$filter=" + enc("email eq 'jane@example.com'"), null).array();
    assertThat(byReference).hasSize(1);
    assertThat(byView).singleElement().satisfies(v -> assertThat(v.get("id")).isEqualTo(created.object().get("id")));
    var contacts = sage(sage, "GET", "/customers/" + created.object().get("id") + "/customer_contacts", null).array();
    assertThat(contacts).singleElement().satisfies(c -> {
      assertThat(c.get("default_email")).isEqualTo("jane@example.com");
      // Sage builds the read-only name from first_name and last_name.
      assertThat(c.get("name")).isEqualTo("Jane Doe");
      assertThat(byEmail).singleElement().satisfies(e -> assertThat(e.get("customer_contact_id")).isEqualTo(c.get("id")));
    });
  }

  @Test
  void expandsTheCustomerForDottedSelectsAndFilters() throws Exception {
    Map<String, Object> order = sage(sage, "POST", "/sop_orders", orderBody("100500", 1)).object();

    var one = sage(sage, "GET", "/sop_orders/" + order.get("id") + "?$expand=customer&$select="
        + enc("id,document_no,customer.id,customer.reference"), null).object();
    var filtered = sage(sage, "GET", "/sop_orders?$expand=customer&$filter=" + enc("customer.reference eq 'WEBGBP'")
        + "&$select=id", null).array();

    assertThat(one).containsOnlyKeys("id", "document_no", "customer");
    assertThat(one.get("customer")).isEqualTo(Map.of("id", BigDecimal.valueOf(customerId("WEBGBP")), "reference", "WEBGBP"));
    assertThat(filtered).hasSize(1);
  }

  @Test
  void withoutAllocationOnEntryOnlyToAllocateQuantityIsAllocated() throws Exception {
    try (Sage200Sandbox manual = Sage200Sandbox.start(Sage200Sandbox.options().allocateOnOrderEntry(false))) {
      SageHolding before = manual.holding(SKU, LEEDS);
      Map<String, Object> line = Map.of("line_type", "EnumLineTypeStandard", "product_id", manual.ids("product").get(SKU),
          "warehouse_id", manual.ids("warehouse").get(LEEDS), "line_quantity", 3);
      Http.sage(manual, "POST", "/sop_orders", Map.of("customer_id", manual.ids("customer").get("WEBGBP"), "lines", List.of(line)));
      var partial = new java.util.HashMap<>(line);
      partial.put("to_allocate_quantity", 1);
      Http.sage(manual, "POST", "/sop_orders", Map.of("customer_id", manual.ids("customer").get("WEBGBP"), "lines", List.of(partial)));

      assertThat(manual.salesOrders()).extracting(o -> o.lines().get(0).allocatedQuantity())
          .usingElementComparator(BigDecimal::compareTo).containsExactly(BigDecimal.ZERO, BigDecimal.ONE);
      assertThat(manual.holding(SKU, LEEDS).quantityAllocated())
          .isEqualByComparingTo(before.quantityAllocated().add(BigDecimal.ONE));
    }
  }
}
