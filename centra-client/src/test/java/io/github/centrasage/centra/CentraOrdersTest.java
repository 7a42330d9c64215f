package io.github.centrasage.centra;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CentraOrdersTest extends CentraWireMockTest {

  private static final OffsetDateTime FROM = OffsetDateTime.of(2024, 3, 1, 0, 0, 0, 0, ZoneOffset.ofHours(1));

  @Test
  void sendsOrdersQueryWithBearerTokenOperationNameAndTypedVariables() {
    stubData("{\"orders\": [" + Fixtures.order(14) + "]}");

    List<Order> orders = client.orders()
        .list(OrderQuery.builder().from(FROM).storeType(StoreType.DIRECT_TO_CONSUMER).pageSize(2).build())
        .collect(Collectors.toList());

    assertThat(orders).hasSize(1);
    wm.verify(postRequestedFor(urlEqualTo("/graphql"))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withHeader("Content-Type", containing("application/json")));
    // One row where two were asked may be a server cap: page 2 is asked for (and repeats, so it ends).
    assertThat(requests()).hasSize(2);
    Map<String, Object> request = requests().get(0);
    assertThat(request.get("operationName")).isEqualTo("Orders");
    assertThat((String) request.get("query"))
        .startsWith("query Orders(")
        .contains("orders(where: $where, sort: $sort, limit: $limit, page: $page)")
        .contains("SKU").doesNotContain("{{").doesNotContain("fragment ");
    assertThat(variables(request)).isEqualTo(json("""
        {"where": {"orderDate": {"from": "2024-03-01T00:00:00+01:00"}, "storeType": "DIRECT_TO_CONSUMER"},
         "sort": ["orderDate_ASC"], "limit": 2, "page": 1}"""));
  }

  @Test
  void parsesEveryOrderFieldAnErpNeeds() {
    stubData("{\"orders\": [" + Fixtures.order(14) + "]}");

    Order order = client.orders().byNumber(14).orElseThrow();

    assertThat(variables(onlyRequest())).isEqualTo(json("{\"where\": {\"number\": 14}, \"limit\": 1}"));
    assertThat(order.id()).isEqualTo("1497ccf644db871e1e4026d101bde6f3");
    assertThat(order.number()).isEqualTo(14);
    assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(order.isOnHold()).isFalse();
    assertThat(order.isWaitingForPayment()).isTrue();
    assertThat(order.orderDate()).isEqualTo("2024-03-01T10:15:30+01:00");
    assertThat(order.orderDate().getOffset()).isEqualTo(ZoneOffset.ofHours(1));
    assertThat(order.store().orElseThrow().type()).contains(StoreType.DIRECT_TO_CONSUMER);
    assertThat(order.market().orElseThrow().id()).isEqualTo(3);
    assertThat(order.pricelist().orElseThrow().name()).contains("GBP");
    assertThat(order.currency()).isEqualTo("GBP");
    assertThat(order.conversionRate()).contains(new BigDecimal("1.1734"));
    assertThat(order.grandTotal().value()).isEqualByComparingTo("129.95");
    OrderTotals totals = order.totals().orElseThrow();
    assertThat(totals.shipping().orElseThrow().value()).isEqualByComparingTo("4.95");
    assertThat(totals.taxIncluded().orElseThrow().value()).isEqualByComparingTo("21.66");
    assertThat(order.discountsApplied()).singleElement().satisfies(d -> {
      assertThat(d.value().value()).isEqualByComparingTo("12.50");
      assertThat(d.discount().orElseThrow().code()).contains("SPRING10");
    });
    assertThat(order.paymentMethod().orElseThrow().plugin()).contains("adyen-drop-in");
    assertThat(order.paymentHistory()).singleElement().satisfies(p -> {
      assertThat(p.entryType()).isEqualTo("AUTHORIZATION");
      assertThat(p.status()).isEqualTo("SUCCESS");
      assertThat(p.externalReference()).contains("PSP-123");
      assertThat(p.value().orElseThrow().value()).isEqualByComparingTo("129.95");
    });
    assertThat(order.billingAddress().orElseThrow().country().orElseThrow().code()).isEqualTo("GB");
    assertThat(order.shippingAddress().orElseThrow().city()).contains("Leeds");
    assertThat(order.customerEmail()).contains("ada@example.com");
    OrderLine line = order.lines().get(0);
    assertThat(line.id()).isEqualTo(17635);
    assertThat(line.sku()).contains("TEE-BLK-M");
    assertThat(line.productSize().orElseThrow().ean()).contains("5012345678900");
    assertThat(line.productSize().orElseThrow().size().orElseThrow().name()).contains("M");
    assertThat(line.product().orElseThrow().id()).isEqualTo(2);
    assertThat(line.productVariant().orElseThrow().name()).contains("Black");
    assertThat(line.quantity()).isEqualTo(2);
    assertThat(line.cancelledQuantity()).isEqualTo(1);
    assertThat(line.taxPercent()).isEqualByComparingTo("20");
    assertThat(line.discountPercent()).contains(new BigDecimal("10"));
    assertThat(line.unitPrice().value()).isEqualByComparingTo("62.50");
    // Every digit survives: no double on the way.
    assertThat(line.unitOriginalPrice().orElseThrow().value()).isEqualTo(new BigDecimal("69.444444444444444444"));
    assertThat(line.lineValue().value()).isEqualByComparingTo("125.00");
  }

  @Test
  void customerEmailFallsBackToBillingAddressForOrdersWithoutCustomer() {
    stubData("{\"orders\": [" + Fixtures.order(14).replace("\"customer\": {\"id\": 501, \"email\": \"ada@example.com\", "
        + "\"firstName\": \"Ada\", \"lastName\": \"Lovelace\"},", "") + "]}");

    assertThat(client.orders().byNumber(14).orElseThrow().customerEmail()).contains("billing@example.com");
  }

  @Test
  void byNumberIsEmptyWhenCentraFindsNothing() {
    stubData("{\"orders\": []}");

    assertThat(client.orders().byNumber(99)).isEmpty();
  }

  @Test
  void anAnswerAboutAnotherOrderIsRefusedWithBothValues() {
    stubData("{\"orders\": [" + Fixtures.order(100001) + "]}");

    assertThatThrownBy(() -> client.orders().byNumber(100002)).isInstanceOf(CentraWrongEntityException.class)
        .hasMessageContaining("100002").hasMessageContaining("100001")
        .satisfies(e -> assertThat(((CentraException) e).isRetryable()).isFalse());
    stub(post(urlEqualTo("/graphql")), ok("{\"data\": {\"order\": " + Fixtures.order(15) + "}}"));
    assertThatThrownBy(() -> client.orders().byId("abc")).isInstanceOf(CentraWrongEntityException.class)
        .hasMessageContaining("abc").hasMessageContaining("1497ccf644db871e1e4026d101bde6f3");
  }

  @Test
  void wrongJsonTypesAreRefusedNotCoerced() {
    String order = Fixtures.order(14);
    Map<String, String> cases = Map.of(
        "a number sent as a string", order.replace("\"number\": 14", "\"number\": \"14\""),
        "a quantity sent as a string", order.replaceFirst("\"quantity\": (\\d+)", "\"quantity\": \"$1\""),
        "a tax rate sent as a string", order.replaceFirst("\"taxPercent\": ([0-9.]+)", "\"taxPercent\": \"$1\""),
        "an e-mail sent as a number", order.replace("\"ada@example.com\"", "42"),
        "an impossible date", order.replaceFirst("\"orderDate\": \"[^\"]+\"", "\"orderDate\": \"2026-02-30T10:00:00+00:00\""));
    cases.forEach((name, body) -> {
      assertThat(body).as(name).isNotEqualTo(order);
      stubData("{\"orders\": [" + body + "]}");
      assertThatThrownBy(() -> client.orders().byNumber(14)).as(name).isInstanceOf(CentraResponseException.class)
          .hasMessageContaining("Cannot read");
    });
  }

  @Test
  void byIdSendsTheHashAsVariableAndReturnsEmptyForNull() {
    stub(post(urlEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.variables.id", equalTo("abc"))),
        ok("{\"data\": {\"order\": " + Fixtures.order(15).replace("1497ccf644db871e1e4026d101bde6f3", "abc") + "}}"));
    stub(post(urlEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.variables.id", equalTo("nope"))),
        ok("{\"data\": {\"order\": null}}"));

    assertThat(client.orders().byId("abc")).get().extracting(Order::number).isEqualTo(15L);
    assertThat(client.orders().byId("nope")).isEmpty();
    assertThat(requests().get(0).get("operationName")).isEqualTo("OrderById");
    assertThat((String) requests().get(0).get("query")).contains("order(id: $id)");
  }

  @Test
  void pagesLazilyWithTheSameWhereOnEveryPageUntilAShortPage() {
    String two = "{\"orders\": [" + Fixtures.order(1) + "," + Fixtures.order(2) + "]}";
    String one = "{\"orders\": [" + Fixtures.order(3) + "]}";
    stub(post(urlEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.variables.page", equalTo("1"))),
        ok("{\"data\": " + two + "}"));
    stub(post(urlEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.variables.page", equalTo("2"))),
        ok("{\"data\": " + one + "}"));
    OrderQuery query = OrderQuery.builder().from(FROM).to(FROM.plusDays(1)).dateField(OrderDateField.CREATED_AT)
        .pageSize(2).build();

    List<Long> firstOnly = client.orders().list(query).limit(1).map(Order::number).collect(Collectors.toList());
    assertThat(firstOnly).containsExactly(1L);
    assertThat(requests()).hasSize(1);

    wm.resetRequests();
    List<Long> all = client.orders().list(query).map(Order::number).collect(Collectors.toList());

    assertThat(all).containsExactly(1L, 2L, 3L);
    List<Map<String, Object>> requests = requests();
    assertThat(requests).hasSize(2);
    Map<String, Object> where = json("""
        {"createdAt": {"from": "2024-03-01T00:00:00+01:00", "to": "2024-03-02T00:00:00+01:00"}}""");
    List<String> sort = List.of("orderDate_ASC");
    assertThat(variables(requests.get(0))).isEqualTo(Map.of("where", where, "sort", sort, "limit", 2.0, "page", 1.0));
    assertThat(variables(requests.get(1))).isEqualTo(Map.of("where", where, "sort", sort, "limit", 2.0, "page", 2.0));
    assertThat((String) requests.get(0).get("query")).contains("sort: $sort");
  }

  @Test
  void listsThinSummariesWithTheSameVariablesAndIgnoresFieldsItDidNotSelect() {
    String summary = "{\"id\": \"h%d\", \"number\": %d, \"status\": \"%s\", \"orderDate\": \"2024-03-01T10:15:30+01:00\"}";
    // the third row carries a line a whole-order read could not decode: a summary never looks at it
    String page = "{\"orders\": [" + String.format(summary, 1, 1, "CONFIRMED") + "," + String.format(summary, 2, 2, "TELEPORTED")
        + "," + String.format(summary, 3, 3, "PENDING").replace("}", ", \"lines\": [{\"quantity\": \"two\"}]}") + "]}";
    stubData(page);

    List<OrderSummary> summaries = client.orders().listSummaries(OrderQuery.builder().from(FROM).pageSize(50).build())
        .collect(Collectors.toList());

    assertThat(summaries).extracting(OrderSummary::number).containsExactly(1L, 2L, 3L);
    assertThat(summaries).extracting(OrderSummary::status)
        .containsExactly(OrderStatus.CONFIRMED, OrderStatus.UNRECOGNIZED, OrderStatus.PENDING);
    assertThat(summaries.get(0).id()).isEqualTo("h1");
    assertThat(summaries.get(0).orderDate()).isEqualTo("2024-03-01T10:15:30+01:00");
    // a first page shorter than asked may be a server cap: page 2 is asked for (and repeats, so it ends)
    assertThat(requests()).hasSize(2);
    Map<String, Object> request = requests().get(0);
    assertThat(request.get("operationName")).isEqualTo("OrderSummaries");
    assertThat((String) request.get("query"))
        .startsWith("query OrderSummaries(")
        .contains("orders(where: $where, sort: $sort, limit: $limit, page: $page)")
        .contains("orderDate").doesNotContain("lines").doesNotContain("grandTotal");
    assertThat(variables(request)).isEqualTo(json("""
        {"where": {"orderDate": {"from": "2024-03-01T00:00:00+01:00"}}, "sort": ["orderDate_ASC"], "limit": 50, "page": 1}"""));
  }

  @Test
  void keepsPagingWhenCentraCapsThePageBelowTheLimitAsked() {
    String page = "{\"data\": {\"orders\": [%s]}}";
    stub(post(urlEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.variables.page", equalTo("1"))),
        ok(String.format(page, Fixtures.order(1) + "," + Fixtures.order(2))));
    stub(post(urlEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.variables.page", equalTo("2"))),
        ok(String.format(page, Fixtures.order(3) + "," + Fixtures.order(4))));
    stub(post(urlEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.variables.page", equalTo("3"))),
        ok(String.format(page, "")));

    List<Long> all = client.orders().list(OrderQuery.builder().from(FROM).pageSize(100)
            .sort(List.of("orderDate_DESC")).build())
        .map(Order::number).collect(Collectors.toList());

    assertThat(all).containsExactly(1L, 2L, 3L, 4L);
    assertThat(requests()).hasSize(3);
    assertThat(variables(requests().get(0))).containsEntry("sort", List.of("orderDate_DESC"));
  }

  @Test
  void pagesOrderConnectionByCursorKeepingTheFilter() {
    stub(post(urlEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.variables[?(!@.after)]")),
        ok("{\"data\": {\"orderConnection\": {\"totalCount\": 3, \"pageInfo\": {\"hasNextPage\": true, \"endCursor\": \"c2\"},"
            + "\"edges\": [{\"cursor\": \"c1\", \"node\": " + Fixtures.order(1) + "}, {\"cursor\": \"c2\", \"node\": "
            + Fixtures.order(2) + "}]}}}"));
    stub(post(urlEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.variables.after", equalTo("c2"))),
        ok("{\"data\": {\"orderConnection\": {\"totalCount\": 3, \"pageInfo\": {\"hasNextPage\": false, \"endCursor\": \"c3\"},"
            + "\"edges\": [{\"cursor\": \"c3\", \"node\": " + Fixtures.order(3) + "}]}}}"));

    List<Long> numbers = client.orders().listByCursor(OrderQuery.builder().from(FROM).pageSize(2).build())
        .map(Order::number).collect(Collectors.toList());

    assertThat(numbers).containsExactly(1L, 2L, 3L);
    List<Map<String, Object>> requests = requests();
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).get("operationName")).isEqualTo("OrderConnection");
    assertThat((String) requests.get(0).get("query")).contains("orderConnection(where: $where, first: $first, after: $after)");
    Map<String, Object> where = json("{\"orderDate\": {\"from\": \"2024-03-01T00:00:00+01:00\"}}");
    assertThat(variables(requests.get(0))).isEqualTo(Map.of("where", where, "first", 2.0));
    assertThat(variables(requests.get(1))).isEqualTo(Map.of("where", where, "first", 2.0, "after", "c2"));
  }
}
