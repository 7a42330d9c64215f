package io.github.centrasage.centra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** For every operation: the document, the variables Centra receives, and the parsed result. */
class CentraOperationsTest extends CentraWireMockTest {

  private Map<String, Object> assertSent(String operationName, String rootFieldCall) {
    return assertSent(onlyRequest(), operationName, rootFieldCall);
  }

  /**
   * For paged reads: a page shorter than asked may be a server cap, so the stream asks for one more
   * page (the stub repeats the page, which also ends the stream); the first request is checked.
   */
  private Map<String, Object> assertFirstPageSent(String operationName, String rootFieldCall) {
    assertThat(requests()).hasSize(2);
    assertThat(variables(requests().get(1))).containsEntry("page", 2.0);
    return assertSent(requests().get(0), operationName, rootFieldCall);
  }

  private static Map<String, Object> assertSent(Map<String, Object> request, String operationName,
      String rootFieldCall) {
    assertThat(request.get("operationName")).isEqualTo(operationName);
    assertThat((String) request.get("query")).contains(rootFieldCall).doesNotContain("{{");
    return variables(request);
  }

  @Test
  void subscribeSendsSetEventListeners() {
    stubData("{\"setEventListeners\": {" + Fixtures.userMessages() + "}}");

    List<CentraUserMessage> warnings = client.events().subscribe(List.of(
        EventSubscription.of("Order"), EventSubscription.of("Return", EventChangeType.CREATED, EventChangeType.COMPLETED)));

    assertThat(warnings).isEmpty();
    assertThat(assertSent("SetEventListeners", "setEventListeners(input: $input)")).isEqualTo(json("""
        {"input": [{"objectType": "Order"}, {"objectType": "Return", "changeTypes": ["CREATED", "COMPLETED"]}]}"""));
  }

  @Test
  void nextReadsOldestUnconfirmedEventsWithObjectReferences() {
    stubData("""
        {"events": [
          {"id": 901, "objectType": "Order", "changeType": "CREATED", "objectReference": "14",
           "createdAt": "2024-03-01T10:15:30+01:00", "store": {"id": 1}, "market": {"id": 3},
           "object": {"__typename": "DirectToConsumerOrder", "id": "1497ccf6", "number": 14}},
          {"id": 902, "objectType": "Return", "changeType": "DELETED", "objectReference": "77", "object": null},
          {"id": 903, "objectType": "Order", "changeType": "BRAND_NEW_KIND", "object": null}]}""");

    List<CentraEvent> events = client.events().next(EventQuery.builder().addObjectTypes("Order", "Return")
        .addChangeTypes(EventChangeType.CREATED).limit(50).build());

    assertThat(assertSent("Events", "events(where: $where, limit: $limit)")).isEqualTo(json("""
        {"where": {"objectType": ["Order", "Return"], "changeType": ["CREATED"]}, "limit": 50}"""));
    assertThat(events).extracting(CentraEvent::id).containsExactly(901L, 902L, 903L);
    CentraEvent created = events.get(0);
    assertThat(created.changeType()).isEqualTo(EventChangeType.CREATED);
    assertThat(created.objectReference()).contains("14");
    assertThat(created.object().orElseThrow().typeName()).isEqualTo("DirectToConsumerOrder");
    assertThat(created.object().orElseThrow().number()).contains("14");
    assertThat(created.store().orElseThrow().id()).isEqualTo(1);
    assertThat(events.get(1).object()).isEmpty();
    assertThat(events.get(2).changeType()).isEqualTo(EventChangeType.UNRECOGNIZED);
  }

  @Test
  void confirmSendsEventIds() {
    stubData("{\"confirmEvents\": {" + Fixtures.userMessages() + "}}");

    client.events().confirm(List.of(901L, 902L));

    assertThat(assertSent("ConfirmEvents", "confirmEvents(input: $input)"))
        .isEqualTo(json("{\"input\": {\"eventsIds\": [901, 902]}}"));
  }

  @Test
  void setStockGroupsManySizesUnderTheirVariantsInOneMutation() {
    stubData("{\"setStock\": {\"stockChanges\": [{\"id\": 31}, {\"id\": 32}], " + Fixtures.userMessages() + "}}");

    CentraMutationResult<List<Long>> result = client.stock().set(SetStockRequest.builder()
        .warehouseId(1).description("Sage stock count")
        .addLevels(SizeStockLevel.ofSizeName(1445, "XL", 10), SizeStockLevel.ofSizeId(1446, 3, 0),
            SizeStockLevel.ofSizeName(1445, "L", 4))
        .build());

    assertThat(result.value()).containsExactly(31L, 32L);
    assertThat(assertSent("SetStock", "setStock(input: $input)")).isEqualTo(json("""
        {"input": {"warehouse": {"id": 1}, "description": "Sage stock count", "stockQuantityType": "PHYSICAL",
          "productVariants": [
            {"productVariant": {"id": 1445}, "sizeStockLevels": [{"size": {"name": "XL"}, "quantity": 10},
                                                                {"size": {"name": "L"}, "quantity": 4}]},
            {"productVariant": {"id": 1446}, "sizeStockLevels": [{"size": {"id": 3}, "quantity": 0}]}]}}"""));
  }

  @Test
  void changeStockSendsADeltaBetweenWarehouses() {
    stubData("{\"changeStock\": {\"stockChange\": {\"id\": 77}, " + Fixtures.userMessages() + "}}");

    CentraMutationResult<Long> result = client.stock().change(ChangeStockRequest.builder()
        .intoWarehouseId(2).outFromWarehouseId(1).description("transfer")
        .addChanges(ImmutableSizeStockChange.builder().variantId(1445).sizeName("XL").deliveredQuantity(5)
            .unitCost(Money.of("7.25", "GBP")).build())
        .build());

    assertThat(result.value()).isEqualTo(77L);
    assertThat(assertSent("ChangeStock", "changeStock(input: $input)")).isEqualTo(json("""
        {"input": {"intoWarehouse": {"id": 2}, "outFromWarehouse": {"id": 1}, "description": "transfer",
          "productVariants": [{"productVariant": {"id": 1445}, "unitCost": {"value": 7.25, "currencyIsoCode": "GBP"},
             "sizeChanges": [{"size": {"name": "XL"}, "deliveredQuantity": 5}]}]}}"""));
  }

  @Test
  void warehouseStockReadsFreeToAllocatePerSize() {
    stubData("""
        {"warehouse": {"id": 1, "stock": [
          {"productVariant": {"id": 1445, "name": "Black"}, "productSize": {"id": 9001, "SKU": "TEE-BLK-M", "EAN": "501"},
           "freeToAllocateQuantity": 12, "physicalQuantity": 15}]}}""");

    List<WarehouseStock> stock = client.stock().warehouseStock(1).collect(Collectors.toList());

    assertThat(assertFirstPageSent("WarehouseStock", "warehouse(id: $id)"))
        .isEqualTo(json("{\"id\": 1, \"limit\": 200, \"page\": 1}"));
    assertThat(stock).singleElement().satisfies(s -> {
      assertThat(s.productSize().sku()).contains("TEE-BLK-M");
      assertThat(s.freeToAllocateQuantity()).isEqualTo(12);
      assertThat(s.physicalQuantity()).contains(15);
      assertThat(s.productVariant().id()).isEqualTo(1445);
    });
  }

  @Test
  void createShipmentSendsOrderLinesAndFlags() {
    stubData("{\"createShipment\": {\"shipment\": " + Fixtures.shipment(345) + ", " + Fixtures.userMessages() + "}}");

    Shipment shipment = client.shipments().create(CreateShipmentRequest.builder().orderNumber(39790L)
        .addLines(ShipmentLineRequest.of(17635, 2)).capture(true).build()).value();

    assertThat(assertSent("CreateShipment", "createShipment(input: $input)")).isEqualTo(json("""
        {"input": {"order": {"number": 39790}, "lines": [{"orderLine": {"id": 17635}, "quantity": 2}],
          "isGoodToGo": true, "isPaid": false, "sendEmail": false, "capture": true}}"""));
    assertThat(shipment.id()).isEqualTo(345);
    assertThat(shipment.number()).contains("39790-1");
    assertThat(shipment.isCaptured()).isTrue();
    assertThat(shipment.shippedAt()).contains(OffsetDateTime.of(2024, 3, 2, 15, 18, 33, 0, ZoneOffset.ofHours(1)));
    assertThat(shipment.returnTrackingNumber()).isEmpty();
    assertThat(shipment.lines()).singleElement().satisfies(l -> assertThat(l.id()).isEqualTo(2943));
  }

  @Test
  void completeShipmentSendsCarrierServiceTrackingAndShippedAt() {
    stubData("{\"completeShipment\": {\"shipment\": " + Fixtures.shipment(345) + ", " + Fixtures.userMessages() + "}}");

    Shipment shipment = client.shipments().complete(CompleteShipmentRequest.builder().shipmentId(345)
        .shippedAt(OffsetDateTime.of(2023, 1, 9, 15, 18, 33, 0, ZoneOffset.ofHours(1)))
        .carrier("DHL").service("Express").trackingNumber("JD014600003").packagesNumber(1).build()).value();

    assertThat(assertSent("CompleteShipment", "completeShipment(id: $id, input: $input)")).isEqualTo(json("""
        {"id": 345, "input": {"shippedAt": "2023-01-09T15:18:33+01:00", "sendEmail": false,
          "shipmentInfo": {"carrier": "DHL", "service": "Express", "trackingNumber": "JD014600003", "packagesNumber": 1}}}"""));
    assertThat(shipment.trackingNumber()).contains("JD014600003");
    assertThat(shipment.carrierInformation().orElseThrow().carrierName()).contains("DHL");
  }

  @Test
  void captureShipmentReturnsShipmentAndPaymentHistoryEntry() {
    stubData("{\"captureShipment\": {\"shipment\": " + Fixtures.shipment(345) + ", \"paymentHistoryEntry\": "
        + "{\"id\": \"88\", \"status\": \"PENDING\", \"entryType\": \"CAPTURE_REQUEST\", \"value\": "
        + Fixtures.money("125.00", "GBP") + "}, " + Fixtures.userMessages() + "}}");

    CaptureResult result = client.shipments().capture(345).value();

    assertThat(assertSent("CaptureShipment", "captureShipment(id: $id)")).isEqualTo(json("{\"id\": 345}"));
    assertThat(result.shipment().orElseThrow().isCaptured()).isTrue();
    assertThat(result.paymentHistoryEntry().orElseThrow().entryType()).isEqualTo("CAPTURE_REQUEST");
    assertThat(result.paymentHistoryEntry().orElseThrow().status()).isEqualTo("PENDING");
  }

  @Test
  void updateShipmentMarksPaid() {
    stubData("{\"updateShipment\": {\"shipment\": " + Fixtures.shipment(345) + ", " + Fixtures.userMessages() + "}}");

    client.shipments().update(UpdateShipmentRequest.builder().shipmentId(345).isPaid(true).build());

    assertThat(assertSent("UpdateShipment", "updateShipment(id: $id, input: $input)"))
        .isEqualTo(json("{\"id\": 345, \"input\": {\"isPaid\": true}}"));
  }

  @Test
  void shipmentsOfAnOrder() {
    stubData("{\"order\": {\"id\": \"abc\", \"shipments\": [" + Fixtures.shipment(1) + "," + Fixtures.shipment(2) + "]}}");

    List<Shipment> shipments = client.shipments().ofOrder("abc");

    assertThat(assertSent("OrderShipments", "order(id: $id)")).isEqualTo(json("{\"id\": \"abc\"}"));
    assertThat(shipments).extracting(Shipment::id).containsExactly(1L, 2L);
  }

  @Test
  void returnsCreatedBetweenWithLinesAndRefundHistory() {
    stubData("""
        {"returns": [{"id": 55, "status": "COMPLETED", "createdAt": "2024-03-05T12:00:00+00:00",
          "order": {"id": "abc", "number": 14}, "shipment": {"id": 345},
          "lines": [{"id": 1, "quantity": 2, "shipmentLine": {"id": 2943}, "orderLine": {"id": 17635}}],
          "refundPaymentHistory": [{"id": "99", "status": "SUCCESS", "entryType": "REFUND",
             "externalReference": "PSP-R1", "value": %s}]}]}""".formatted(Fixtures.money("62.50", "GBP")));
    OffsetDateTime from = OffsetDateTime.of(2024, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    List<CentraReturn> returns = client.returns().createdBetween(from, from.plusDays(7)).collect(Collectors.toList());

    assertThat(assertFirstPageSent("Returns", "returns(where: $where, limit: $limit, page: $page)")).isEqualTo(json("""
        {"where": {"createdAt": {"from": "2024-03-01T00:00:00Z", "to": "2024-03-08T00:00:00Z"}}, "limit": 50, "page": 1}"""));
    CentraReturn ret = returns.get(0);
    assertThat(ret.order().orElseThrow().number()).contains(14L);
    assertThat(ret.lines().get(0).shipmentLine().orElseThrow().id()).isEqualTo(2943);
    assertThat(ret.refundPaymentHistory()).singleElement().satisfies(p -> {
      assertThat(p.entryType()).isEqualTo("REFUND");
      assertThat(p.value().orElseThrow().value()).isEqualByComparingTo("62.50");
    });
  }

  @Test
  void createReturnSendsShipmentLinesAndStockPolicy() {
    stubData("{\"createReturn\": {\"return\": {\"id\": 56, \"lines\": [{\"id\": 7}]}, " + Fixtures.userMessages() + "}}");

    CentraReturn created = client.returns().create(CreateReturnRequest.builder().shipmentId(1338)
        .addLines(ReturnLineRequest.of(2943, 2)).shippingCost(Money.of("10.00", "SEK")).comment("damaged").build()).value();

    assertThat(created.id()).isEqualTo(56);
    assertThat(assertSent("CreateReturn", "createReturn(input: $input)")).isEqualTo(json("""
        {"input": {"shipment": {"id": 1338}, "lines": [{"shipmentLine": {"id": 2943}, "quantity": 2}],
          "returnStockActionPolicy": {"releaseItemsBackToWarehouse": true},
          "shippingCost": {"value": {"value": 10.00, "currencyIsoCode": "SEK"}}, "comment": "damaged"}}"""));
  }

  @Test
  void completeReturn() {
    stubData("{\"completeReturn\": {\"return\": {\"id\": 56, \"status\": \"COMPLETED\"}, " + Fixtures.userMessages() + "}}");

    CentraReturn done = client.returns().complete(56, false).value();

    assertThat(done.status()).contains("COMPLETED");
    assertThat(assertSent("CompleteReturn", "completeReturn(id: $id, input: $input)"))
        .isEqualTo(json("{\"id\": 56, \"input\": {\"sendEmail\": false}}"));
  }

  @Test
  void productsWithVariantsAndSizes() {
    stubData("""
        {"products": [{"id": 2, "name": "Tee", "status": "ACTIVE", "productNumber": "TEE",
          "variants": [{"id": 1445, "name": "Black", "variantNumber": "BLK",
            "productSizes": [{"id": 9001, "SKU": "TEE-BLK-M", "EAN": "5012345678900", "sizeNumber": "M",
                              "size": {"id": 3, "name": "M"}}]}]}]}""");

    List<Product> products = client.catalog().products().collect(Collectors.toList());

    assertThat(assertFirstPageSent("Products", "products(where: $where, limit: $limit, page: $page)"))
        .isEqualTo(json("{\"limit\": 100, \"page\": 1}"));
    ProductSize size = products.get(0).variants().get(0).productSizes().get(0);
    assertThat(size.sku()).contains("TEE-BLK-M");
    assertThat(size.ean()).contains("5012345678900");
    assertThat(size.size().orElseThrow().id()).isEqualTo(3);
    assertThat(products.get(0).variants().get(0).variantNumber()).contains("BLK");
  }

  @Test
  void pricelistsAndPrices() {
    stubData("{\"pricelists\": [{\"id\": 23, \"name\": \"EUR\", \"status\": \"ACTIVE\", \"currency\": {\"code\": \"EUR\"}}],"
        + " \"prices\": [{\"pricelist\": {\"id\": 23}, \"product\": {\"id\": 2}, \"price\": " + Fixtures.money("290", "EUR") + "}]}");

    List<Pricelist> pricelists = client.catalog().pricelists();
    List<Price> prices = client.catalog().prices(23).collect(Collectors.toList());

    assertThat(pricelists).singleElement().satisfies(p -> assertThat(p.currency().orElseThrow().code()).isEqualTo("EUR"));
    assertThat(prices).singleElement().satisfies(p -> assertThat(p.price().value()).isEqualByComparingTo("290"));
    Map<String, Object> firstPricesRequest = requests().stream().filter(r -> "Prices".equals(r.get("operationName")))
        .findFirst().orElseThrow();
    assertThat(variables(firstPricesRequest)).isEqualTo(json("{\"where\": {\"pricelistId\": 23}, \"limit\": 100, \"page\": 1}"));
  }

  @Test
  void setPricesSendsProductAndVariantPrices() {
    stubData("{\"setPrices\": {\"pricelist\": {\"id\": 23}, \"userErrors\": [],"
        + " \"userWarnings\": [{\"message\": \"Product 9 not found\", \"path\": [\"input\", \"productPrices\", 1]}]}}");

    CentraMutationResult<Long> result = client.catalog().setPrices(SetPricesRequest.builder().pricelistId(23)
        .addProductPrices(ProductPrice.builder().productId(2).price(Money.of("290", "EUR"))
            .addVariantPrices(VariantPrice.of(7, Money.of("310", "EUR"))).build())
        .addProductPrices(ProductPrice.builder().productId(9).price(Money.of("10", "EUR")).build())
        .build());

    assertThat(result.warnings()).singleElement().satisfies(w -> assertThat(w.path()).containsExactly("input", "productPrices", "1"));
    assertThat(assertSent("SetPrices", "setPrices(input: $input)")).isEqualTo(json("""
        {"input": {"pricelist": {"id": 23}, "productPrices": [
          {"product": {"id": 2}, "price": {"value": 290, "currencyIsoCode": "EUR"}, "overrideIndividualVariantPrices": false,
           "individualVariantPrices": [{"productVariant": {"id": 7}, "price": {"value": 310, "currencyIsoCode": "EUR"}}]},
          {"product": {"id": 9}, "price": {"value": 10, "currencyIsoCode": "EUR"}, "overrideIndividualVariantPrices": false}]}}"""));
  }

  @Test
  void idConversionsSetAndFind() {
    stubData("{\"setIdConversions\": {" + Fixtures.userMessages() + "}, \"idConversions\": "
        + "[{\"objectType\": \"Warehouse\", \"internalId\": 1, \"externalId\": \"SAGE-WH-01\"}]}");

    client.idConversions().set(List.of(IdConversion.of("Warehouse", 1, "SAGE-WH-01")));
    List<IdConversion> found = client.idConversions().find("Warehouse", "SAGE-WH-01");

    List<Map<String, Object>> requests = requests();
    assertThat(variables(requests.get(0))).isEqualTo(json("""
        {"input": [{"objectType": "Warehouse", "internalId": 1, "externalId": "SAGE-WH-01"}]}"""));
    assertThat(variables(requests.get(1))).isEqualTo(json("""
        {"where": {"objectType": "Warehouse", "externalId": {"equals": "SAGE-WH-01"}}}"""));
    assertThat(found).containsExactly(IdConversion.of("Warehouse", 1, "SAGE-WH-01"));
  }

  @Test
  void rateLimitsQuery() {
    stubData("""
        {"rateLimits": [{"type": "MUTATION_COUNT", "intervalSeconds": "TEN_SECONDS", "quota": 20, "usedQuota": 3,
                         "remainingQuota": 17}]}""");

    List<RateLimit> limits = client.rateLimits();

    assertThat(assertSent("RateLimits", "rateLimits")).isEmpty();
    assertThat(limits).singleElement().satisfies(l -> {
      assertThat(l.type()).isEqualTo(RateLimitType.MUTATION_COUNT);
      assertThat(l.intervalSeconds()).isEqualTo(RateLimitInterval.TEN_SECONDS);
      assertThat(l.remainingQuota()).isEqualTo(17);
    });
  }
}
