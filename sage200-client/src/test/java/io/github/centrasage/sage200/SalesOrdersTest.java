package io.github.centrasage.sage200;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.centrasage.sage200.model.DeliveryAddress;
import io.github.centrasage.sage200.model.NewSalesOrder;
import io.github.centrasage.sage200.model.NewSalesOrderLine;
import io.github.centrasage.sage200.model.SalesOrder;
import io.github.centrasage.sage200.model.SalesOrderChange;
import io.github.centrasage.sage200.model.SalesOrderLineChange;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SalesOrdersTest extends WireMockTestBase {
  static final String ORDER_JSON = "{\"id\": 1388180, \"document_no\": \"0000012345\", \"customer_id\": 27006,"
      + " \"customer_document_no\": \"CENTRA-100234\", \"document_date\": \"2025-03-01T00:00:00Z\","
      + " \"document_status\": \"EnumDocumentStatusLive\", \"currency_id\": 2102,"
      + " \"total_net_value\": 54.97, \"total_tax_value\": 10.99, \"total_gross_value\": 65.96,"
      + " \"date_time_updated\": \"2025-03-01T10:15:00.123Z\", \"some_new_2026_field\": {\"x\": 1},"
      + " \"lines\": [{\"id\": 5566001, \"line_type\": \"EnumLineTypeStandard\", \"product_id\": 31234,"
      + " \"warehouse_id\": 1510, \"line_quantity\": 2.00000, \"selling_unit_price\": 24.99,"
      + " \"line_total_value\": 49.98}]}";

  @Test
  void createsAnOrderWithEveryLineKindAndReadsTheAnswer() {
    wm.stubFor(post(urlPathEqualTo(BASE + "/sop_orders")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody(ORDER_JSON)));
    NewSalesOrder order = NewSalesOrder.builder()
        .customerId(27006)
        .documentDate(LocalDate.of(2025, 3, 1))
        .customerDocumentNo("CENTRA-100234")
        .analysisCode1("WEB-UK")
        .useInvoiceAddress(false)
        .deliveryAddress(DeliveryAddress.builder().postalName("Jane Doe").address1("1 High St").city("Leeds")
            .postcode("LS1 1AA").taxCodeId(1729).build())
        .addLines(NewSalesOrderLine.standard(31234, 1510, new BigDecimal("2")).taxCodeId(1729)
            .sellingUnitPrice(new BigDecimal("24.99")).build())
        .addLines(NewSalesOrderLine.charge("CARRIAGE", new BigDecimal("4.99")).taxCodeId(1729).build())
        .addLines(NewSalesOrderLine.freeText("Gift wrap", BigDecimal.ONE, new BigDecimal("2.50")).build())
        .addLines(NewSalesOrderLine.comment("Leave at the door").build())
        .build();

    SalesOrder created = client().salesOrders().create(order);

    assertThat(created.id()).isEqualTo(1388180L);
    assertThat(created.documentNo()).contains("0000012345");
    assertThat(created.totalGrossValue()).contains(new BigDecimal("65.96"));
    assertThat(created.lines()).singleElement().satisfies(line -> {
      assertThat(line.lineQuantity()).contains(new BigDecimal("2.00000"));
      assertThat(line.sellingUnitPrice()).contains(new BigDecimal("24.99"));
    });
    wm.verify(postRequestedFor(urlPathEqualTo(BASE + "/sop_orders"))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withHeader("X-Site", equalTo(SITE))
        .withHeader("X-Company", equalTo("123"))
        .withHeader("Content-Type", containing("application/json"))
        .withRequestBody(equalToJson("{\"customer_id\": 27006, \"document_date\": \"2025-03-01T00:00:00Z\","
            + " \"customer_document_no\": \"CENTRA-100234\", \"analysis_code_1\": \"WEB-UK\","
            + " \"use_invoice_address\": false,"
            + " \"delivery_address\": {\"postal_name\": \"Jane Doe\", \"address_1\": \"1 High St\","
            + "   \"city\": \"Leeds\", \"postcode\": \"LS1 1AA\", \"tax_code_id\": 1729},"
            + " \"lines\": ["
            + "  {\"line_type\": \"EnumLineTypeStandard\", \"product_id\": 31234, \"warehouse_id\": 1510,"
            + "   \"line_quantity\": 2, \"selling_unit_price\": 24.99, \"tax_code_id\": 1729},"
            + "  {\"line_type\": \"EnumLineTypeCharge\", \"code\": \"CARRIAGE\", \"line_quantity\": 1,"
            + "   \"selling_unit_price\": 4.99, \"tax_code_id\": 1729},"
            + "  {\"line_type\": \"EnumLineTypeFreeText\", \"description\": \"Gift wrap\", \"line_quantity\": 1,"
            + "   \"selling_unit_price\": 2.50},"
            + "  {\"line_type\": \"EnumLineTypeComment\", \"description\": \"Leave at the door\"}]}")));
  }

  @Test
  void acceptsPlain200OnCreate() {
    wm.stubFor(post(urlPathEqualTo(BASE + "/sop_orders")).willReturn(okJson(ORDER_JSON)));
    assertThat(client().salesOrders().create(NewSalesOrder.builder().customerId(27006).build()).id())
        .isEqualTo(1388180L);
  }

  @Test
  void badLinesFailWhenBuiltNotAtSage() {
    assertThatThrownBy(() -> NewSalesOrderLine.builder().lineType("EnumLineTypeStandard")
        .lineQuantity(BigDecimal.ONE).build()).hasMessageContaining("product_id and warehouse_id");
    assertThatThrownBy(() -> NewSalesOrderLine.builder().lineType("Standard").build())
        .hasMessageContaining("line_type must be one of");
    assertThatThrownBy(() -> NewSalesOrder.builder().customerId(1).customerDocumentNo("x".repeat(31)).build())
        .hasMessageContaining("customer_document_no is at most 30");
  }

  @Test
  void getsAnOrderWithItsLines() {
    wm.stubFor(get(urlPathEqualTo(BASE + "/sop_orders/1388180")).willReturn(okJson(ORDER_JSON)));
    SalesOrder order = client().salesOrders().getWithLines(1388180);
    assertThat(order.customerDocumentNo()).contains("CENTRA-100234");
    assertThat(order.documentDate()).contains(LocalDate.of(2025, 3, 1));
    assertThat(order.dateTimeUpdated().orElseThrow().toInstant().toString()).isEqualTo("2025-03-01T10:15:00.123Z");
    wm.verify(getRequestedFor(urlPathEqualTo(BASE + "/sop_orders/1388180")).withQueryParam("$expand", equalTo("lines")));
  }

  @Test
  void findsByOneCustomerDocumentNumberWithAnEscapedLiteral() {
    wm.stubFor(get(urlPathEqualTo(BASE + "/sop_orders")).willReturn(okJson("[]")));
    assertThat(client().salesOrders().findByCustomerDocumentNo("1' or id gt 0 or '1")).isEmpty();
    wm.verify(getRequestedFor(urlPathEqualTo(BASE + "/sop_orders"))
        .withQueryParam("$filter", equalTo("customer_document_no eq '1'' or id gt 0 or ''1'")));
  }

  private static void stubEndOfKeysetPages() {
    wm.stubFor(get(urlPathEqualTo(BASE + "/sop_orders")).atPriority(1)
        .withQueryParam("$filter", containing(") and id gt ")).willReturn(okJson("[]")));
  }

  @Test
  void findsManyCustomerDocumentNumbersInOneRequest() {
    wm.stubFor(get(urlPathEqualTo(BASE + "/sop_orders")).willReturn(okJson("["
        + "{\"id\": 1, \"customer_id\": 9, \"customer_document_no\": \"C-1\"},"
        + "{\"id\": 3, \"customer_id\": 9, \"customer_document_no\": \"C-3\"}]")));
    stubEndOfKeysetPages();

    Map<String, List<SalesOrder>> found = client().salesOrders().findByCustomerDocumentNos(List.of("C-1", "C-2", "C-3"));

    assertThat(found.get("C-1")).extracting(SalesOrder::id).containsExactly(1L);
    assertThat(found.get("C-2")).isEmpty();
    assertThat(found.get("C-3")).extracting(SalesOrder::id).containsExactly(3L);
    wm.verify(1, getRequestedFor(urlPathEqualTo(BASE + "/sop_orders"))
        .withQueryParam("$filter", equalTo("customer_document_no eq 'C-1' or customer_document_no eq 'C-2'"
            + " or customer_document_no eq 'C-3'"))
        .withQueryParam("$orderby", equalTo("id asc"))
        .withQueryParam("$top", equalTo("500")));
  }

  @Test
  void matchesCustomerDocumentNumbersIgnoringCaseAndSurroundingSpaces() {
    wm.stubFor(get(urlPathEqualTo(BASE + "/sop_orders")).willReturn(okJson("["
        + "{\"id\": 1, \"customer_id\": 9, \"customer_document_no\": \"c-1 \"},"
        + "{\"id\": 2, \"customer_id\": 9, \"customer_document_no\": \"X-9\"}]")));
    stubEndOfKeysetPages();

    Map<String, List<SalesOrder>> found = client().salesOrders().findByCustomerDocumentNos(List.of("C-1", "C-2"));

    assertThat(found.get("C-1")).extracting(SalesOrder::id).containsExactly(1L);
    assertThat(found.get("C-2")).isEmpty();
  }

  @Test
  void matchesSpareText1ValuesIgnoringCaseAndSurroundingSpaces() {
    wm.stubFor(get(urlPathEqualTo(BASE + "/sop_orders")).willReturn(okJson("["
        + "{\"id\": 1, \"customer_id\": 9, \"spare_text_1\": \" centra-1 \"},"
        + "{\"id\": 2, \"customer_id\": 9, \"spare_text_1\": \"X-9\"}]")));
    stubEndOfKeysetPages();

    Map<String, List<SalesOrder>> found = client().salesOrders().findBySpareText1s(List.of("CENTRA-1", "CENTRA-2"));

    assertThat(found.get("CENTRA-1")).extracting(SalesOrder::id).containsExactly(1L);
    assertThat(found.get("CENTRA-2")).isEmpty();
    wm.verify(getRequestedFor(urlPathEqualTo(BASE + "/sop_orders"))
        .withQueryParam("$filter", equalTo("spare_text_1 eq 'CENTRA-1' or spare_text_1 eq 'CENTRA-2'")));
  }

  @Test
  void theLockTakingReadIsNotRetriedOnceItMayHaveReachedSage() {
    wm.stubFor(get(urlPathEqualTo(BASE + "/sop_orders/1388180")).withQueryParam("$expand", equalTo("is_to_lock"))
        .willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(() -> client().salesOrders().update(1388180, SalesOrderChange.builder()
        .promisedDeliveryDate(LocalDate.of(2025, 3, 4)).build()))
        .isInstanceOfSatisfying(Sage200ServerException.class, e -> {
          assertThat(e.requiresLookupBeforeRetry()).isTrue();
        });
    // A plain read would have been sent three times; a lock may now be held under an unseen lock_id.
    wm.verify(1, getRequestedFor(urlPathEqualTo(BASE + "/sop_orders/1388180")));
    wm.verify(0, putRequestedFor(urlPathEqualTo(BASE + "/sop_orders/1388180")));
  }

  @Test
  void theLockTakingReadIsRetriedWhenItSurelyNeverLeft() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Sage200Client refused = builder().baseUrl("http://127.0.0.1:" + closedPort + BASE).build();
    assertThatThrownBy(() -> refused.salesOrders().update(1, SalesOrderChange.builder().build()))
        .isInstanceOfSatisfying(Sage200ConnectionException.class,
            e -> assertThat(e.requiresLookupBeforeRetry()).isFalse());
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void keysetPagingContinuesPastAPageTheServerCapped() {
    // The caller asks for 5 per page; the server caps at 2.
    wm.stubFor(get(urlPathEqualTo(BASE + "/sop_orders")).withQueryParam("$filter", absent())
        .willReturn(okJson("[{\"id\": 1, \"customer_id\": 9}, {\"id\": 2, \"customer_id\": 9}]")));
    wm.stubFor(get(urlPathEqualTo(BASE + "/sop_orders")).withQueryParam("$filter", equalTo("id gt 2"))
        .willReturn(okJson("[{\"id\": 3, \"customer_id\": 9}, {\"id\": 4, \"customer_id\": 9}]")));
    wm.stubFor(get(urlPathEqualTo(BASE + "/sop_orders")).withQueryParam("$filter", equalTo("id gt 4"))
        .willReturn(okJson("[]")));

    List<Long> ids = client().salesOrders().stream(ODataQuery.builder().top(5).build()).map(SalesOrder::id)
        .collect(java.util.stream.Collectors.toList());

    assertThat(ids).containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void aServerThatIgnoresTheKeyFilterEndsTheStreamInsteadOfLooping() {
    wm.stubFor(get(urlPathEqualTo(BASE + "/sop_orders"))
        .willReturn(okJson("[{\"id\": 1, \"customer_id\": 9}, {\"id\": 2, \"customer_id\": 9}]")));

    List<Long> ids = client().salesOrders().stream(ODataQuery.builder().top(5).build()).map(SalesOrder::id)
        .collect(java.util.stream.Collectors.toList());

    assertThat(ids).containsExactly(1L, 2L);
    wm.verify(2, getRequestedFor(urlPathEqualTo(BASE + "/sop_orders")));
  }

  @Test
  void offsetPagingUsesTheFirstPagesSizeWhenTheServerCaps() {
    wm.stubFor(get(urlPathEqualTo(BASE + "/sop_orders")).withQueryParam("$skip", equalTo("0"))
        .willReturn(okJson("[{\"id\": 9, \"customer_id\": 9}, {\"id\": 8, \"customer_id\": 9}]")));
    wm.stubFor(get(urlPathEqualTo(BASE + "/sop_orders")).withQueryParam("$skip", equalTo("2"))
        .willReturn(okJson("[{\"id\": 7, \"customer_id\": 9}, {\"id\": 6, \"customer_id\": 9}]")));
    wm.stubFor(get(urlPathEqualTo(BASE + "/sop_orders")).withQueryParam("$skip", equalTo("4"))
        .willReturn(okJson("[{\"id\": 5, \"customer_id\": 9}]")));

    List<Long> ids = client().salesOrders().stream(ODataQuery.builder().orderByDescending("id").top(100).build())
        .map(SalesOrder::id).collect(java.util.stream.Collectors.toList());

    assertThat(ids).containsExactly(9L, 8L, 7L, 6L, 5L);
    // The 1-row page is shorter than the effective page size of 2: the end, without asking again.
    wm.verify(3, getRequestedFor(urlPathEqualTo(BASE + "/sop_orders")));
  }

  @Test
  void updatesThroughTheLockProtocol() {
    wm.stubFor(get(urlPathEqualTo(BASE + "/sop_orders/1388180")).withQueryParam("$expand", equalTo("is_to_lock"))
        .willReturn(okJson("{\"id\": 1388180, \"customer_id\": 27006, \"lock_id\": 998877665544}")));
    wm.stubFor(put(urlPathEqualTo(BASE + "/sop_orders/1388180")).willReturn(okJson(ORDER_JSON)));

    SalesOrder updated = client().salesOrders().update(1388180, SalesOrderChange.builder()
        .promisedDeliveryDate(LocalDate.of(2025, 3, 4))
        .addLines(SalesOrderLineChange.builder().id(5566001).lineQuantity(new BigDecimal("3")).build())
        .addLines(SalesOrderLineChange.builder().id(5566002).isToDelete(true).build())
        .build());

    assertThat(updated.id()).isEqualTo(1388180L);
    wm.verify(putRequestedFor(urlPathEqualTo(BASE + "/sop_orders/1388180"))
        .withHeader("X-Site", equalTo(SITE))
        .withRequestBody(equalToJson("{\"promised_delivery_date\": \"2025-03-04T00:00:00Z\","
            + " \"lines\": [{\"id\": 5566001, \"line_quantity\": 3}, {\"id\": 5566002, \"is_to_delete\": true}],"
            + " \"lock_id\": 998877665544, \"is_editing\": false}")));
  }

  @Test
  void rereadsTheOrderAfterAFailedUpdateBecausePutIsNotAtomic() {
    wm.stubFor(get(urlPathEqualTo(BASE + "/sop_orders/1388180")).withQueryParam("$expand", equalTo("is_to_lock"))
        .willReturn(okJson("{\"id\": 1388180, \"customer_id\": 27006, \"lock_id\": 42}")));
    wm.stubFor(get(urlPathEqualTo(BASE + "/sop_orders/1388180")).withQueryParam("$expand", equalTo("lines"))
        .willReturn(okJson(ORDER_JSON)));
    wm.stubFor(put(urlPathEqualTo(BASE + "/sop_orders/1388180")).willReturn(aResponse().withStatus(400)
        .withBody("{\"Message\": \"Line 2: the product code is not valid.\"}")));

    assertThatThrownBy(() -> client().salesOrders().update(1388180, SalesOrderChange.builder()
        .addLines(SalesOrderLineChange.builder().lineType("EnumLineTypeStandard").productId(1).build()).build()))
        .isInstanceOfSatisfying(Sage200ValidationException.class, e -> {
          assertThat(e.sageMessage()).isEqualTo("Line 2: the product code is not valid.");
          assertThat(e.orderAfterFailedUpdate()).get().extracting(SalesOrder::lines).asList().hasSize(1);
          assertThat(e.isRetryable()).isFalse();
        });
    wm.verify(1, putRequestedFor(urlPathEqualTo(BASE + "/sop_orders/1388180")));
    wm.verify(getRequestedFor(urlPathEqualTo(BASE + "/sop_orders/1388180")).withQueryParam("$expand", equalTo("lines")));
  }

  @Test
  void streamsPagesByKeyset() {
    wm.stubFor(get(urlPathEqualTo(BASE + "/sop_orders")).withQueryParam("$filter", absent())
        .willReturn(okJson("[{\"id\": 1, \"customer_id\": 9}, {\"id\": 2, \"customer_id\": 9}]")));
    wm.stubFor(get(urlPathEqualTo(BASE + "/sop_orders")).withQueryParam("$filter", equalTo("id gt 2"))
        .willReturn(okJson("[{\"id\": 3, \"customer_id\": 9}]")));
    wm.stubFor(get(urlPathEqualTo(BASE + "/sop_orders")).withQueryParam("$filter", equalTo("id gt 3"))
        .willReturn(okJson("[]")));

    List<Long> ids = client().salesOrders().stream(ODataQuery.builder().top(2).build()).map(SalesOrder::id)
        .collect(java.util.stream.Collectors.toList());

    assertThat(ids).containsExactly(1L, 2L, 3L);
    // Only an empty page ends a keyset stream: a short page may be a server cap, not the end.
    wm.verify(3, getRequestedFor(urlPathEqualTo(BASE + "/sop_orders")).withQueryParam("$orderby", equalTo("id asc")));
  }

  @Test
  void fallsBackToTopAndSkipWhenTheCallerOrders() {
    wm.stubFor(get(urlPathEqualTo(BASE + "/sop_orders")).withQueryParam("$skip", equalTo("0"))
        .willReturn(okJson("[{\"id\": 9, \"customer_id\": 9}, {\"id\": 8, \"customer_id\": 9}]")));
    wm.stubFor(get(urlPathEqualTo(BASE + "/sop_orders")).withQueryParam("$skip", equalTo("2"))
        .willReturn(okJson("[]")));

    List<Long> ids = client().salesOrders().stream(ODataQuery.builder().orderByDescending("id").top(2).build())
        .map(SalesOrder::id).collect(java.util.stream.Collectors.toList());

    assertThat(ids).containsExactly(9L, 8L);
    wm.verify(getRequestedFor(urlPathEqualTo(BASE + "/sop_orders")).withQueryParam("$orderby", equalTo("id desc"))
        .withQueryParam("$skip", equalTo("2")).withQueryParam("$top", equalTo("2")));
  }

  @Test
  void splitsLongLookupsIntoBatches() {
    wm.stubFor(get(urlPathEqualTo(BASE + "/sop_orders")).willReturn(okJson("[]")));
    Map<String, List<SalesOrder>> found = builder().maxKeysPerLookup(2).build().salesOrders()
        .findByCustomerDocumentNos(List.of("C-1", "C-2", "C-3", "C-1"));
    assertThat(found).containsOnlyKeys("C-1", "C-2", "C-3");
    wm.verify(2, getRequestedFor(urlPathEqualTo(BASE + "/sop_orders")));
    wm.verify(getRequestedFor(urlPathEqualTo(BASE + "/sop_orders"))
        .withQueryParam("$filter", equalTo("customer_document_no eq 'C-3'")));
  }
}
