package io.github.centrasage.sandbox;

import static io.github.centrasage.sandbox.Http.centra;
import static io.github.centrasage.sandbox.Http.sage;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The request journal (what a client really sent) and answer rewrites (hostile data for one operation). */
@ExtendWith(SandboxExtension.class)
class RequestJournalAndRewritesTest {
  static Sage200Sandbox sage;
  static CentraSandbox centra;

  @BeforeAll
  static void start(Sage200Sandbox sageSandbox, CentraSandbox centraSandbox) {
    sage = sageSandbox;
    centra = centraSandbox;
  }

  @BeforeEach
  void clean() {
    for (EmulatedApi api : List.of(sage, centra)) {
      api.clearReceivedRequests();
      api.clearAnswerRewrites();
    }
  }

  @Test
  void theJournalKeepsDecodedQueryOptionsAndBodiesButNoHeaders() throws Exception {
    String filter = "reference eq 'O''HARA'";
    sage(sage, "GET", "/customers?$filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20"), null);
    centra(centra, "query($n: Int!) { orders(where: {number: [$n]}) { number } }", Map.of("n", 1));

    List<ReceivedRequest> sageRequests = sage.receivedRequests("GET /customers");
    assertThat(sageRequests).hasSize(1);
    assertThat(sageRequests.get(0).query()).containsEntry("$filter", filter);
    assertThat(sageRequests.get(0).method()).isEqualTo("GET");
    assertThat(sageRequests.get(0).toString()).doesNotContain(sage.token());
    List<ReceivedRequest> centraRequests = centra.receivedRequests("orders");
    assertThat(centraRequests).hasSize(1);
    assertThat(centraRequests.get(0).body()).contains("\"variables\"").contains("\"n\":1");
    assertThat(centra.receivedRequests()).hasSize(1);

    sage.clearReceivedRequests();
    assertThat(sage.receivedRequests()).isEmpty();
  }

  @Test
  void aRewriteChangesSuccessfulAnswersOfItsOperationOnly() throws Exception {
    sage.rewriteAnswers("GET /customers", body -> body.replace("\"WEBGBP\"", "\"HOSTILE\""));

    String customers = sage(sage, "GET", "/customers", null).body();
    String warehouses = sage(sage, "GET", "/warehouses", null).body();

    assertThat(customers).contains("\"HOSTILE\"").doesNotContain("\"WEBGBP\"");
    assertThat(warehouses).doesNotContain("HOSTILE");
    // an error answer is sent as it is
    Http.Response refused = sage(sage, "GET", "/customers?$top=many", null);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).doesNotContain("HOSTILE");
    sage.clearAnswerRewrites();
    assertThat(sage(sage, "GET", "/customers", null).body()).contains("\"WEBGBP\"");
  }

  @Test
  void editObjectsChangesTheMatchingRecordOnlyAndKeepsNullsAndNumbers() throws Exception {
    String sku = SandboxCatalog.fashionShop().items().get(0).sku();
    CentraOrder first = centra.placeOrder("GBP", Map.of(sku, 1));
    CentraOrder second = centra.placeOrder("GBP", Map.of(sku, 1));
    centra.rewriteAnswers("orders", AnswerRewrites.editObjects(
        o -> new java.math.BigDecimal(second.number()).equals(o.get("number")), o -> o.put("status", "TELEPORTED")));

    Http.Response answer = centra(centra, "{ orders(where: {number: [" + first.number() + ", " + second.number() + "]})"
        + " { number status internalComment grandTotal { value } } }", Map.of());

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> orders = (List<Map<String, Object>>) ((Map<String, Object>) answer.object().get("data"))
        .get("orders");
    Map<Object, Object> statusByNumber = new java.util.HashMap<>();
    orders.forEach(o -> statusByNumber.put(((java.math.BigDecimal) o.get("number")).intValueExact(), o.get("status")));
    assertThat(statusByNumber).containsEntry(first.number(), first.status()).containsEntry(second.number(), "TELEPORTED");
    assertThat(orders).allSatisfy(o -> assertThat(o).containsEntry("internalComment", null));
    assertThat(answer.body()).as("money keeps its two decimals").containsPattern("\"value\":\\d+\\.\\d\\d[,}]");
    assertThat(centra.orders().stream().filter(o -> o.number() == second.number()).findFirst().orElseThrow().status())
        .as("the state is not changed").isNotEqualTo("TELEPORTED");
  }
}
