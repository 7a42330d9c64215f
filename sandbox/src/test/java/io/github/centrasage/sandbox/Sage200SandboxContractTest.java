package io.github.centrasage.sandbox;

import static io.github.centrasage.sandbox.Http.enc;
import static io.github.centrasage.sandbox.Http.sage;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Sage sandbox is never more lenient than the contract sage200-client ships: body fields Sage's
 * OpenAPI files do not define or mark read-only, at any depth, and OData names a resource does not
 * define, are refused with 400 in Sage's message shape and recorded as contract violations.
 */
class Sage200SandboxContractTest {
  private Sage200Sandbox sage;

  @BeforeEach
  void start() {
    sage = Sage200Sandbox.start();
    sage.expectContractViolations(); // every test here sends forbidden requests on purpose
  }

  @AfterEach
  void stop() {
    sage.close();
  }

  private Map<String, Object> order(Map<String, Object> deliveryAddress) {
    long product = sage.ids("product").get(Sage200SandboxTest.SKU);
    long warehouse = sage.ids("warehouse").get(Sage200SandboxTest.LEEDS);
    return Map.of("customer_id", sage.ids("customer").get("WEBGBP"), "customer_document_no", "C-1",
        "delivery_address", deliveryAddress,
        "lines", List.of(Map.of("line_type", "EnumLineTypeStandard", "product_id", product, "warehouse_id", warehouse,
            "line_quantity", 1, "selling_unit_price", new BigDecimal("10.00"))));
  }

  @Test
  void lookupAndViewListsAnswerInTheirRecordsShapeWithoutASelect() throws Exception {
    Map<String, List<String>> onlyThese = Map.of(
        "/lookup_customers", List.of("id", "reference", "name", "short_name", "post_code", "account_status_type_id",
            "office_type_id"),
        "/lookup_products", List.of("id", "code", "name", "allow_sales_order", "bom_item_type_id", "free_stock_quantity",
            "product_status_id", "product_type_id", "record_nos_on_goods_received", "this_is_the_sop_product_group",
            "traceable_type_id"),
        "/couriers", List.of("id", "name", "tracking_url", "website", "is_default", "is_to_delete", "date_time_created",
            "date_time_updated"));
    for (var e : onlyThese.entrySet()) {
      var answer = sage(sage, "GET", e.getKey(), null);
      assertThat(answer.status()).as(e.getKey()).isEqualTo(200);
      assertThat(answer.array()).as(e.getKey()).isNotEmpty()
          .allSatisfy(row -> assertThat(e.getValue()).as(e.getKey()).containsAll(row.keySet()));
    }
    var banks = sage(sage, "GET", "/bank_views", null);
    assertThat(banks.status()).isEqualTo(200);
    assertThat(banks.array()).isNotEmpty().allSatisfy(row -> assertThat(row).containsKeys("id", "code"));
    assertThat(sage.contractViolations()).isEmpty();
  }

  @Test
  void aNestedFieldSageDoesNotDefineIsRefusedAndNothingIsCreated() throws Exception {
    var refused = sage(sage, "POST", "/sop_orders", order(Map.of("postal_name", "Ann", "telephone", "0113 000")));
    var accepted = sage(sage, "POST", "/sop_orders", order(Map.of("postal_name", "Ann", "telephone_number", "0113 000")));

    assertThat(refused.status()).isEqualTo(400);
    assertThat((String) refused.object().get("Message"))
        .contains("'delivery_address.telephone' is not a field of sop_order.delivery_address");
    assertThat(accepted.status()).isEqualTo(201);
    assertThat(sage.salesOrders()).hasSize(1);
    assertThat(sage.contractViolations()).singleElement().asString().contains("delivery_address.telephone");
  }

  @Test
  void aReadOnlyFieldIsRefusedAtAnyDepth() throws Exception {
    var contactName = sage(sage, "POST", "/customers", Map.of("reference", "WEB1", "name", "Ann Lee",
        "contacts", List.of(Map.of("name", "Ann Lee", "is_default", true))));
    var addressCountry = sage(sage, "POST", "/customers", Map.of("reference", "WEB2", "name", "Ann Lee",
        "main_address", Map.of("address_1", "1 High St", "country", "United Kingdom")));
    var orderTotal = sage(sage, "POST", "/sop_orders", Map.of("customer_id", sage.ids("customer").get("WEBGBP"),
        "total_gross_value", 12, "lines", List.of()));

    assertThat((String) contactName.object().get("Message"))
        .contains("'contacts[0].name' is read-only in customer_contact")
        .contains("'contacts[0].is_default' is read-only in customer_contact");
    assertThat((String) addressCountry.object().get("Message"))
        .contains("'main_address.country' is read-only in customer.main_address");
    assertThat((String) orderTotal.object().get("Message")).contains("'total_gross_value' is read-only in sop_order");
    assertThat(List.of(contactName.status(), addressCountry.status(), orderTotal.status())).containsOnly(400);
    assertThat(sage.ids("customer")).doesNotContainKeys("WEB1", "WEB2");
  }

  @Test
  void odataNamesTheResourceDoesNotDefineAreRefused() throws Exception {
    var filter = sage(sage, "GET", "/customer_views?$filter=" + enc("on_hold eq true"), null);
    var select = sage(sage, "GET", "/customers?$select=id,tenant_id", null);
    var orderBy = sage(sage, "GET", "/products?$orderby=" + enc("no_such_field desc"), null);
    var expand = sage(sage, "GET", "/sop_orders?$expand=nothing_like_this", null);
    var fine = sage(sage, "GET", "/customer_views?$filter=" + enc("account_is_on_hold eq false and name eq 'it''s'")
        + "&$select=id,reference&$orderby=" + enc("reference desc"), null);
    var lines = sage(sage, "GET", "/sop_orders?$expand=lines", null);

    assertThat((String) filter.object().get("Message")).contains("$filter names 'on_hold'");
    assertThat((String) select.object().get("Message")).contains("$select names 'tenant_id'");
    assertThat((String) orderBy.object().get("Message")).contains("$orderby names 'no_such_field'");
    assertThat((String) expand.object().get("Message")).contains("$expand names 'nothing_like_this'");
    assertThat(List.of(filter.status(), select.status(), orderBy.status(), expand.status())).containsOnly(400);
    assertThat(fine.status()).as(fine.body()).isEqualTo(200);
    assertThat(lines.status()).isEqualTo(200);
    assertThat(sage.contractViolations()).hasSize(4);
  }

  @Test
  void theConfirmDespatchFiltersAreTheOnesSageDocuments() throws Exception {
    var documented = sage(sage, "GET", "/sop_confirm_despatch?$filter=" + enc("document_no eq '0000000001'"), null);
    var undocumented = sage(sage, "GET", "/sop_confirm_despatch?$filter=" + enc("item_code eq 'X'"), null);

    assertThat(documented.status()).isEqualTo(200);
    assertThat(undocumented.status()).isEqualTo(400);
  }

  @Test
  void aRequestWithAnInjectedFaultIsStillHeldToTheContract() throws Exception {
    try (var fault = sage.faults().inject(Fault.httpStatus(503), FaultScope.nextCalls(1))) {
      var refused = sage(sage, "POST", "/sop_orders", order(Map.of("telephone", "0113 000")));

      assertThat(refused.status()).isEqualTo(400);
      assertThat(sage.contractViolations()).hasSize(1);
    }
  }
}
