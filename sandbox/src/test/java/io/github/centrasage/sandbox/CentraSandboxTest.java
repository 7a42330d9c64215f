package io.github.centrasage.sandbox;

import static io.github.centrasage.sandbox.Http.centra;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CentraSandboxTest {
  static final String SKU = "P00001-BLK-M";
  static final String LEEDS = "Leeds DC";

  CentraSandbox centra;

  @BeforeEach
  void start() {
    centra = CentraSandbox.start();
  }

  @AfterEach
  void stop() {
    centra.close();
  }

  @SuppressWarnings("unchecked")
  static <T> T at(Object tree, Object... path) {
    Object cur = tree;
    for (Object p : path) {
      cur = p instanceof Integer ? ((List<Object>) cur).get((Integer) p) : ((Map<String, Object>) cur).get(p);
    }
    return (T) cur;
  }

  long variantId(String sku) {
    return centra.ids("variant").get(sku);
  }

  long warehouseId(String name) {
    return centra.ids("warehouse").get(name);
  }

  @Test
  void answers403ForAnInvalidTokenAsCentrasErrorPageSays() throws Exception {
    var r = Http.send("POST", centra.graphqlUrl(), Map.of("Authorization", "Bearer wrong"),
        "{\"query\":\"query { rateLimits { type } }\"}", Duration.ofSeconds(5));

    assertThat(r.status()).isEqualTo(403);
    assertThat((String) at(r.json(), "errors", 0, "extensions", "category")).isEqualTo("authorization");
  }

  @Test
  void placedOrderAllocatesFreeToAllocateStockAndIsReadableByNumber() throws Exception {
    CentraStockLevel before = centra.stock(SKU, LEEDS);
    CentraOrder order = centra.placeOrder("GBP", Map.of(SKU, 2));

    var r = centra(centra, "query OrderByNumber($where: OrderFilter, $limit: Int, $page: Int) {"
        + " orders(where: $where, limit: $limit, page: $page) { id number grandTotal { currency { code } }"
        + " lines { taxPercent productSize { SKU } } } }",
        Map.of("where", Map.of("number", order.number()), "limit", 10, "page", 1));

    CentraStockLevel after = centra.stock(SKU, LEEDS);
    assertThat(after.physical()).isEqualByComparingTo(before.physical());
    assertThat(after.freeToAllocate()).isEqualByComparingTo(before.freeToAllocate().subtract(BigDecimal.valueOf(2)));
    assertThat(r.status()).isEqualTo(200);
    List<Object> orders = at(r.json(), "data", "orders");
    assertThat(orders).hasSize(1);
    assertThat((Object) at(orders, 0, "number")).isEqualTo(BigDecimal.valueOf(order.number()));
    assertThat((Object) at(orders, 0, "lines", 0, "productSize", "SKU")).isEqualTo(SKU);
    assertThat((Object) at(orders, 0, "lines", 0, "taxPercent")).isEqualTo(new BigDecimal("20"));
    assertThat((Object) at(orders, 0, "grandTotal", "currency", "code")).isEqualTo("GBP");
  }

  @Test
  void refusesAnOrderForMoreThanIsFreeToAllocate() {
    int free = centra.stock(SKU, LEEDS).freeToAllocate().add(centra.stock(SKU, "London Store").freeToAllocate()).intValueExact();

    assertThatThrownBy(() -> centra.placeOrder("GBP", Map.of(SKU, free + 1)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining(SKU);
    assertThat(centra.orders()).isEmpty();
  }

  @Test
  void setStockSetsPhysicalLevelsAndWarnsOnUnknownRows() throws Exception {
    centra.placeOrder("GBP", Map.of(SKU, 1));

    var r = centra(centra, "mutation SetStock($input: StockSetInput!) { setStock(input: $input) {"
        + " stockChanges { id } userErrors { message path } userWarnings { message path } } }",
        Map.of("input", Map.of("warehouse", Map.of("id", warehouseId(LEEDS)), "description", "Sage",
            "stockQuantityType", "PHYSICAL", "productVariants", List.of(
                Map.of("productVariant", Map.of("id", variantId(SKU)),
                    "sizeStockLevels", List.of(Map.of("size", Map.of("name", "M"), "quantity", 7))),
                Map.of("productVariant", Map.of("id", 999999),
                    "sizeStockLevels", List.of(Map.of("size", Map.of("name", "M"), "quantity", 7)))))));

    assertThat((List<?>) at(r.json(), "data", "setStock", "userErrors")).isEmpty();
    assertThat((List<?>) at(r.json(), "data", "setStock", "userWarnings")).hasSize(1);
    CentraStockLevel stock = centra.stock(SKU, LEEDS);
    assertThat(stock.physical()).isEqualByComparingTo("7");
    assertThat(stock.freeToAllocate()).isEqualByComparingTo("6");
  }

  @Test
  void changeStockMovesDeltasAndRefusesToTakeMoreThanFreeToAllocate() throws Exception {
    CentraStockLevel before = centra.stock(SKU, LEEDS);
    String q = "mutation Change($input: StockChangeInput!) { changeStock(input: $input) { stockChange { id } userErrors { message } } }";

    var ok = centra(centra, q, Map.of("input", Map.of("intoWarehouse", Map.of("id", warehouseId(LEEDS)), "description", "in",
        "productVariants", List.of(Map.of("productVariant", Map.of("id", variantId(SKU)),
            "sizeChanges", Map.of("size", Map.of("name", "M"), "deliveredQuantity", 5))))));
    var tooMuch = centra(centra, q, Map.of("input", Map.of("outFromWarehouse", Map.of("id", warehouseId(LEEDS)), "description", "out",
        "productVariants", List.of(Map.of("productVariant", Map.of("id", variantId(SKU)),
            "sizeChanges", List.of(Map.of("size", Map.of("name", "M"), "deliveredQuantity", 100000)))))));

    assertThat((Object) at(ok.json(), "data", "changeStock", "stockChange", "id")).isNotNull();
    assertThat((List<?>) at(tooMuch.json(), "data", "changeStock", "userErrors")).hasSize(1);
    assertThat(centra.stock(SKU, LEEDS).physical()).isEqualByComparingTo(before.physical().add(BigDecimal.valueOf(5)));
  }

  @Test
  void completedShipmentDecrementsPhysicalStockAndShipsTheOrder() throws Exception {
    CentraStockLevel before = centra.stock(SKU, LEEDS);
    CentraOrder order = centra.placeOrder("GBP", Map.of(SKU, 2));
    long lineId = order.lines().get(0).id();

    var created = centra(centra, "mutation Create($input: ShipmentCreateInput!) { createShipment(input: $input) {"
        + " shipment { id } userErrors { message } } }", Map.of("input", Map.of("order", Map.of("number", order.number()),
            "lines", List.of(Map.of("orderLine", Map.of("id", lineId), "quantity", 2)), "isGoodToGo", true, "isPaid", true)));
    BigDecimal shipmentId = at(created.json(), "data", "createShipment", "shipment", "id");
    var completed = centra(centra, "mutation Complete($id: Int!, $input: ShipmentCompleteInput!) {"
        + " completeShipment(id: $id, input: $input) { shipment { id isShipped } userErrors { message } } }",
        Map.of("id", shipmentId, "input", Map.of("shippedAt", "2026-01-05T09:00:00+00:00", "sendEmail", false,
            "shipmentInfo", Map.of("carrier", "DPD", "service", "Next day", "trackingNumber", "TRK-1", "packagesNumber", 1))));
    var again = centra(centra, "mutation { completeShipment(id: " + shipmentId + ", input: {}) { userErrors { message } } }", Map.of());

    assertThat((Object) at(completed.json(), "data", "completeShipment", "shipment", "isShipped")).isEqualTo(true);
    assertThat((List<?>) at(again.json(), "data", "completeShipment", "userErrors")).hasSize(1);
    CentraStockLevel after = centra.stock(SKU, LEEDS);
    assertThat(after.physical()).isEqualByComparingTo(before.physical().subtract(BigDecimal.valueOf(2)));
    assertThat(after.freeToAllocate()).isEqualByComparingTo(before.freeToAllocate().subtract(BigDecimal.valueOf(2)));
    assertThat(centra.shipments(order.number())).singleElement().satisfies(s -> {
      assertThat(s.isShipped()).isTrue();
      assertThat(s.trackingNumber()).isEqualTo("TRK-1");
      assertThat(s.quantities()).containsEntry(SKU, 2);
    });
    assertThat(centra.orders().get(0).status()).isEqualTo("SHIPPED");
  }

  @Test
  void shipmentCannotExceedTheOrderedQuantity() throws Exception {
    CentraOrder order = centra.placeOrder("EUR", Map.of(SKU, 1));

    var r = centra(centra, "mutation C($input: ShipmentCreateInput!) { createShipment(input: $input) { shipment { id } userErrors { message } } }",
        Map.of("input", Map.of("order", Map.of("id", order.id()),
            "lines", List.of(Map.of("orderLine", Map.of("id", order.lines().get(0).id()), "quantity", 2)))));

    assertThat((List<?>) at(r.json(), "data", "createShipment", "userErrors")).hasSize(1);
    assertThat(centra.shipments(order.number())).isEmpty();
  }

  @Test
  void eventsAreQueuedForListenersAndGoneOnceConfirmed() throws Exception {
    centra(centra, "mutation L($input: [EventListenerSetInput!]!) { setEventListeners(input: $input) { userErrors { message } } }",
        Map.of("input", List.of(Map.of("objectType", "Order"))));
    CentraOrder first = centra.placeOrder("GBP", Map.of(SKU, 1));
    centra.placeOrder("GBP", Map.of(SKU, 1));
    String events = "query E($where: EventFilter, $limit: Int) { events(where: $where, limit: $limit) { id objectType changeType object { ... on Order { number } } } }";

    var page = centra(centra, events, Map.of("where", Map.of("objectType", List.of("Order")), "limit", 1));
    List<Object> batch = at(page.json(), "data", "events");
    assertThat(batch).hasSize(1);
    assertThat((Object) at(batch, 0, "object", "number")).isEqualTo(BigDecimal.valueOf(first.number()));
    var again = centra(centra, events, Map.of("limit", 10));
    assertThat((List<?>) at(again.json(), "data", "events")).hasSize(2);

    centra(centra, "mutation C($input: EventsConfirmInput!) { confirmEvents(input: $input) { userErrors { message } } }",
        Map.of("input", Map.of("eventsIds", List.<Object>of((Object) at(batch, 0, "id")))));

    var rest = centra(centra, events, Map.of("limit", 10));
    assertThat((List<?>) at(rest.json(), "data", "events")).hasSize(1);
    assertThat(centra.queuedEvents()).isEqualTo(1);
  }

  @Test
  void returnReleasesItemsBackToTheWarehouseWhenCompleted() throws Exception {
    CentraOrder order = centra.placeOrder("GBP", Map.of(SKU, 1));
    var created = centra(centra, "mutation { createShipment(input: {order: {number: " + order.number()
        + "}, lines: [{orderLine: {id: " + order.lines().get(0).id() + "}, quantity: 1}], isPaid: true}) { shipment { id lines { id } } } }", Map.of());
    BigDecimal shipmentId = at(created.json(), "data", "createShipment", "shipment", "id");
    BigDecimal shipmentLineId = at(created.json(), "data", "createShipment", "shipment", "lines", 0, "id");
    centra(centra, "mutation { completeShipment(id: " + shipmentId + ", input: {}) { userErrors { message } } }", Map.of());
    CentraStockLevel shipped = centra.stock(SKU, LEEDS);

    var ret = centra(centra, "mutation R($input: ReturnCreateInput!) { createReturn(input: $input) { return { id } userErrors { message } } }",
        Map.of("input", Map.of("shipment", Map.of("id", shipmentId), "lines", List.of(Map.of("shipmentLine",
            Map.of("id", shipmentLineId), "quantity", 1)), "returnStockActionPolicy", Map.of("releaseItemsBackToWarehouse", true))));
    BigDecimal returnId = at(ret.json(), "data", "createReturn", "return", "id");
    var done = centra(centra, "mutation D($id: Int!) { completeReturn(id: $id, input: {sendEmail: false}) { return { id returnStatus } userErrors { message } } }",
        Map.of("id", returnId));

    assertThat((Object) at(done.json(), "data", "completeReturn", "return", "returnStatus")).isEqualTo("COMPLETED");
    assertThat(centra.stock(SKU, LEEDS).physical()).isEqualByComparingTo(shipped.physical().add(BigDecimal.ONE));
    var listed = centra(centra, "query { returns(limit: 10, page: 1) { id lines { quantity orderLine { id } } } }", Map.of());
    assertThat((Object) at(listed.json(), "data", "returns", 0, "lines", 0, "quantity")).isEqualTo(BigDecimal.ONE);
    assertThat((Object) at(listed.json(), "data", "returns", 0, "lines", 0, "orderLine", "id"))
        .isEqualTo(BigDecimal.valueOf(order.lines().get(0).id()));
  }

  @Test
  void productsCarrySizesWithSkuAndEanAndPricesCanBeSet() throws Exception {
    var products = centra(centra, "query P($limit: Int, $page: Int) { products(limit: $limit, page: $page) { id variants { productSizes { SKU EAN } } } }",
        Map.of("limit", 200, "page", 1));
    List<Object> list = at(products.json(), "data", "products");
    assertThat(list).hasSize(50);
    assertThat((String) at(list, 0, "variants", 0, "productSizes", 0, "EAN")).hasSize(13);

    long gbp = centra.ids("pricelist").get("GBP");
    long product = centra.ids("product").get(SKU);
    var set = centra(centra, "mutation S($input: ProductPricesSetInput!) { setPrices(input: $input) { pricelist { id } userErrors { message } userWarnings { message } } }",
        Map.of("input", Map.of("pricelist", Map.of("id", gbp), "productPrices", List.of(
            Map.of("product", Map.of("id", product), "price", Map.of("value", 19.99, "currencyIsoCode", "GBP")),
            Map.of("product", Map.of("id", product), "price", Map.of("value", 22, "currencyIsoCode", "EUR"))))));
    var prices = centra(centra, "query Q($where: PriceFilter) { prices(where: $where) { price { value } } }",
        Map.of("where", Map.of("pricelistId", gbp, "productId", product)));

    assertThat((List<?>) at(set.json(), "data", "setPrices", "userWarnings")).hasSize(1);
    assertThat((Object) at(prices.json(), "data", "prices", 0, "price", "value")).isEqualTo(new BigDecimal("19.99"));
  }

  @Test
  void merchandiserEditsOfSkuAndProductNameShowInTheCatalogue() throws Exception {
    long variant = variantId(SKU);
    centra.renameProduct(SKU, "Summer Tee");
    centra.changeSku(SKU, "LEGACY-1");

    var products = centra(centra, "query P($limit: Int, $page: Int) { products(limit: $limit, page: $page) { name variants { id productSizes { SKU } } } }",
        Map.of("limit", 1, "page", 1));
    assertThat((String) at(products.json(), "data", "products", 0, "name")).isEqualTo("Summer Tee");
    assertThat(centra.ids("variant")).containsEntry("LEGACY-1", variant).doesNotContainKey(SKU);
    assertThat(centra.stock("LEGACY-1", LEEDS)).isNotNull();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> centra.changeSku("P00001-BLK-L", "LEGACY-1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already");
  }

  @Test
  void unknownRootFieldsAndSyntaxErrorsAreRefusedAndOversizedPagesAreGraphQlErrors() throws Exception {
    centra.expectContractViolations();
    var unknown = centra(centra, "query { nope { id } }", Map.of());
    var tooBig = centra(centra, "query O($limit: Int) { orders(limit: $limit) { id } }", Map.of("limit", 500));
    var broken = centra(centra, "query { orders(", Map.of());

    assertThat(unknown.status()).isEqualTo(400);
    assertThat((String) at(unknown.json(), "errors", 0, "message")).contains("nope");
    assertThat(tooBig.status()).isEqualTo(200);
    assertThat((String) at(tooBig.json(), "errors", 0, "message")).contains("1 - 200");
    assertThat(broken.status()).as("Centra's error page: a syntax error is HTTP 400").isEqualTo(400);
    assertThat((String) at(broken.json(), "errors", 0, "message")).contains("Syntax Error");
    assertThat(centra.requestCount("orders")).isEqualTo(1);
    assertThat(centra.contractViolations()).hasSize(2);
  }

  @Test
  void aSelectionOfAFieldCentraDoesNotHaveIsRefused() throws Exception {
    centra.expectContractViolations();
    CentraOrder order = centra.placeOrder("GBP", Map.of(SKU, 1));

    var r = centra(centra, "query { orders(where: {number: " + order.number() + "}) { id noSuchField } }", Map.of());

    assertThat(r.status()).isEqualTo(400);
    assertThat((String) at(r.json(), "errors", 0, "message")).contains("noSuchField");
    assertThat(centra.contractViolations()).singleElement().asString().contains("noSuchField");
  }

  @Test
  void aVariableOfATypeCentraDoesNotHaveIsRefusedBeforeAnythingChanges() throws Exception {
    centra.expectContractViolations();
    CentraStockLevel before = centra.stock(SKU, LEEDS);

    var r = centra(centra, "mutation S($input: TotallyBogusType!) { setStock(input: $input) { userErrors { message } } }",
        Map.of("input", Map.of("warehouse", Map.of("id", warehouseId(LEEDS)), "description", "x",
            "stockQuantityType", "PHYSICAL", "productVariants", List.of())));

    assertThat(r.status()).isEqualTo(400);
    assertThat((String) at(r.json(), "errors", 0, "message")).contains("TotallyBogusType");
    assertThat(centra.stock(SKU, LEEDS)).isEqualTo(before);
  }

  @Test
  void aMissingRequiredInputIsRefused() throws Exception {
    centra.expectContractViolations();

    var noArgument = centra(centra, "mutation { createShipment { shipment { id } } }", Map.of());
    var noField = centra(centra, "mutation S($input: StockSetInput!) { setStock(input: $input) { userErrors { message } } }",
        Map.of("input", Map.of("warehouse", Map.of("id", warehouseId(LEEDS)), "stockQuantityType", "PHYSICAL")));
    var badEnum = centra(centra, "mutation S($input: StockSetInput!) { setStock(input: $input) { userErrors { message } } }",
        Map.of("input", Map.of("warehouse", Map.of("id", warehouseId(LEEDS)), "description", "x", "stockQuantityType", "PHYSICALLY")));

    assertThat(noArgument.status()).isEqualTo(400);
    assertThat((String) at(noArgument.json(), "errors", 0, "message")).contains("input");
    assertThat(noField.status()).isEqualTo(400);
    assertThat((String) at(noField.json(), "errors", 0, "message")).contains("description");
    assertThat(badEnum.status()).isEqualTo(400);
    assertThat((String) at(badEnum.json(), "errors", 0, "message")).contains("PHYSICALLY");
    assertThat(centra.contractViolations()).hasSize(3);
    assertThat(centra.requestCount("createShipment") + centra.requestCount("setStock")).isZero();
  }

  @Test
  void aRequestWithAFaultInjectedIsCheckedAgainstTheContractFirst() throws Exception {
    centra.expectContractViolations();
    centra.faults().inject(Fault.connectionReset(), FaultScope.always().on("setStock"));

    var r = centra(centra, "mutation S($input: SetStockInput!) { setStock(input: $input) { userErrors { message } } }",
        Map.of("input", Map.of()));

    assertThat(r.status()).as("refused before the fault, as a real tenant would").isEqualTo(400);
    assertThat(centra.contractViolations()).singleElement().asString().contains("SetStockInput");
  }

  @Test
  void anIntrospectionQueryIsAnsweredFromCentrasSchema() throws Exception {
    var r = centra(centra, "query { __schema { mutationType { name } types { name } }"
        + " __type(name: \"StockSetInput\") { inputFields { name type { kind ofType { name } } } } }", Map.of());

    assertThat(r.status()).isEqualTo(200);
    assertThat((String) at(r.json(), "data", "__schema", "mutationType", "name")).isEqualTo("Mutation");
    List<Map<String, Object>> types = at(r.json(), "data", "__schema", "types");
    assertThat(types).extracting(t -> t.get("name")).contains("StockSetInput", "ShipmentCreateInput", "ReturnCreateInput")
        .doesNotContain("SetStockInput", "CreateShipmentInput");
    List<Map<String, Object>> fields = at(r.json(), "data", "__type", "inputFields");
    assertThat(fields).filteredOn(f -> f.get("name").equals("description")).singleElement()
        .satisfies(f -> assertThat((Object) at(f, "type", "kind")).isEqualTo("NON_NULL"));
    assertThat(centra.contractViolations()).isEmpty();
  }

  @Test
  void warehouseStockIsPagedWithItsNestedArguments() throws Exception {
    String q = "query WarehouseStock($id: Int!, $limit: Int, $page: Int) { warehouse(id: $id) { id"
        + " stock(limit: $limit, page: $page) { productSize { SKU } freeToAllocateQuantity } } }";

    var first = centra(centra, q, Map.of("id", warehouseId(LEEDS), "limit", 200, "page", 1));
    var last = centra(centra, q, Map.of("id", warehouseId(LEEDS), "limit", 200, "page", 3));
    var tooBig = centra(centra, q, Map.of("id", warehouseId(LEEDS), "limit", 201, "page", 1));

    assertThat((List<?>) at(first.json(), "data", "warehouse", "stock")).hasSize(200);
    assertThat((List<?>) at(last.json(), "data", "warehouse", "stock")).hasSize(100);
    assertThat((String) at(tooBig.json(), "errors", 0, "message")).contains("1 - 200");
  }

  @Test
  void orderConnectionPagesForwardWithCursors() throws Exception {
    for (int i = 0; i < 3; i++) {
      centra.placeOrder("GBP", Map.of(SKU, 1));
    }
    String q = "query OrderConnection($where: OrderFilter, $first: Int, $after: String) {"
        + " orderConnection(where: $where, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }"
        + " edges { cursor node { number } } } }";

    var page1 = centra(centra, q, Map.of("first", 2));
    String cursor = at(page1.json(), "data", "orderConnection", "pageInfo", "endCursor");
    var page2 = centra(centra, q, Map.of("first", 2, "after", cursor));

    assertThat((Object) at(page1.json(), "data", "orderConnection", "totalCount")).isEqualTo(BigDecimal.valueOf(3));
    assertThat((Object) at(page1.json(), "data", "orderConnection", "pageInfo", "hasNextPage")).isEqualTo(true);
    assertThat((List<?>) at(page2.json(), "data", "orderConnection", "edges")).hasSize(1);
    assertThat((Object) at(page2.json(), "data", "orderConnection", "pageInfo", "hasNextPage")).isEqualTo(false);
  }

  @Test
  void idConversionsAreSetOverwrittenAndLookedUpByExternalId() throws Exception {
    String set = "mutation SetIdConversions($input: [IdConversionSetInput!]!) { setIdConversions(input: $input) {"
        + " userErrors { message } userWarnings { message } } }";
    centra(centra, set, Map.of("input", List.of(Map.of("objectType", "ProductVariant", "internalId", 7, "externalId", "SAGE-1"))));
    centra(centra, set, Map.of("input", List.of(Map.of("objectType", "ProductVariant", "internalId", 7, "externalId", "SAGE-2"))));
    centra.expectContractViolations();
    var bad = centra(centra, set, Map.of("input", List.of(Map.of("objectType", "ProductVariant"))));

    var found = centra(centra, "query IdConversions($where: IdConversionFilter) { idConversions(where: $where) {"
        + " objectType internalId externalId } }", Map.of("where", Map.of("objectType", "ProductVariant",
            "externalId", Map.of("equals", "SAGE-2"))));

    assertThat(bad.status()).as("IdConversionSetInput.internalId and externalId are required").isEqualTo(400);
    assertThat((String) at(bad.json(), "errors", 0, "message")).contains("externalId");
    List<Object> entries = at(found.json(), "data", "idConversions");
    assertThat(entries).hasSize(1);
    assertThat((Object) at(entries, 0, "internalId")).isEqualTo(BigDecimal.valueOf(7));
  }

  @Test
  void orderCarriesItsFullShipments() throws Exception {
    CentraOrder order = centra.placeOrder("GBP", Map.of(SKU, 1));
    centra(centra, "mutation { createShipment(input: {order: {number: " + order.number() + "}, lines: [{orderLine: {id: "
        + order.lines().get(0).id() + "}, quantity: 1}]}) { shipment { id } } }", Map.of());

    var r = centra(centra, "query OrderShipments($id: String!) { order(id: $id) { id shipments { id number isShipped lines { quantity } } } }",
        Map.of("id", order.id()));

    assertThat((Object) at(r.json(), "data", "order", "shipments", 0, "number")).isEqualTo(order.number() + "-1");
    assertThat((Object) at(r.json(), "data", "order", "shipments", 0, "isShipped")).isEqualTo(false);
    assertThat((Object) at(r.json(), "data", "order", "shipments", 0, "lines", 0, "quantity")).isEqualTo(BigDecimal.ONE);
  }
}
