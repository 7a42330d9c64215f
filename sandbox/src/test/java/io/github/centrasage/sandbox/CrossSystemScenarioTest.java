package io.github.centrasage.sandbox;

import static io.github.centrasage.sandbox.CentraSandboxTest.at;
import static io.github.centrasage.sandbox.Http.centra;
import static io.github.centrasage.sandbox.Http.enc;
import static io.github.centrasage.sandbox.Http.sage;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The journey the sync engine automates, driven by hand over plain HTTP: a web order is imported
 * into Sage once (looking up before creating, after a timeout that committed), despatched in Sage,
 * and the despatch is shipped in Centra. Both sides end with the same stock picture.
 */
@ExtendWith(SandboxExtension.class)
class CrossSystemScenarioTest {
  static final String SKU = "P00010-RST-S";
  static final String LEEDS = "Leeds DC";

  @Test
  void webOrderIsImportedOnceDespatchedInSageAndShippedInCentra(CentraSandbox centra, Sage200Sandbox sage) throws Exception {
    BigDecimal sageStockBefore = sage.holding(SKU, LEEDS).quantityInStock();
    BigDecimal centraStockBefore = centra.stock(SKU, LEEDS).physical();
    CentraOrder web = centra.placeOrder("GBP", Map.of(SKU, 2));
    String key = String.valueOf(web.number());
    Map<String, Object> order = Map.of("customer_id", sage.ids("customer").get("WEBGBP"), "customer_document_no", key,
        "lines", List.of(Map.of("line_type", "EnumLineTypeStandard", "product_id", sage.ids("product").get(SKU),
            "warehouse_id", sage.ids("warehouse").get(LEEDS), "line_quantity", 2,
            "selling_unit_price", web.lines().get(0).unitPrice())));

    // First attempt: the order is written but the answer is lost.
    sage.faults().inject(Fault.resetAfterCommit(), FaultScope.nextCalls(1).on("POST /sop_orders"));
    boolean lost = false;
    try {
      sage(sage, "POST", "/sop_orders", order);
    } catch (java.io.IOException expected) {
      lost = true;
    }
    // Second attempt looks up before it creates, and finds the first.
    var existing = sage(sage, "GET", "/sop_orders?$filter=" + enc("customer_document_no eq '" + key + "'"), null).array();
    if (existing.isEmpty()) {
      sage(sage, "POST", "/sop_orders", order);
    }

    assertThat(lost).isTrue();
    assertThat(sage.salesOrdersWithCustomerDocumentNo(key)).hasSize(1);
    SageSalesOrder imported = sage.salesOrdersWithCustomerDocumentNo(key).get(0);

    SageDespatch despatch = sage.despatch(imported.documentNo(), "1Z-SCENARIO");
    var views = sage(sage, "GET", "/sop_order_despatch_views?$filter="
        + enc("sop_order_customer_document_no eq '" + key + "'"), null).array();
    assertThat(views).singleElement().satisfies(v -> assertThat(v.get("sop_despatch_consignment_no")).isEqualTo("1Z-SCENARIO"));

    var shipment = centra(centra, "mutation C($input: ShipmentCreateInput!) { createShipment(input: $input) { shipment { id } userErrors { message } } }",
        Map.of("input", Map.of("order", Map.of("number", web.number()), "isPaid", true,
            "lines", List.of(Map.of("orderLine", Map.of("id", web.lines().get(0).id()), "quantity", 2)))));
    BigDecimal shipmentId = at(shipment.json(), "data", "createShipment", "shipment", "id");
    centra(centra, "mutation S($id: Int!, $input: ShipmentCompleteInput!) { completeShipment(id: $id, input: $input) { userErrors { message } } }",
        Map.of("id", shipmentId, "input", Map.of("shipmentInfo", Map.of("carrier", "DPD", "trackingNumber", despatch.consignmentNo()))));

    assertThat(sage.holding(SKU, LEEDS).quantityInStock()).isEqualByComparingTo(sageStockBefore.subtract(BigDecimal.valueOf(2)));
    assertThat(centra.stock(SKU, LEEDS).physical()).isEqualByComparingTo(centraStockBefore.subtract(BigDecimal.valueOf(2)));
    assertThat(centra.shipments(web.number())).singleElement()
        .satisfies(s -> assertThat(s.trackingNumber()).isEqualTo("1Z-SCENARIO"));
    assertThat(sage.requestCount("POST /sop_orders")).isEqualTo(1);
  }
}
