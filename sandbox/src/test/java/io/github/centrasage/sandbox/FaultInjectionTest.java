package io.github.centrasage.sandbox;

import static io.github.centrasage.sandbox.Http.centra;
import static io.github.centrasage.sandbox.Http.sage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.centrasage.sandbox.internal.BadRequest;
import io.github.centrasage.sandbox.internal.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
  static Sage200Sandbox sage;
  static CentraSandbox centra;

  @BeforeAll
  static void start() {
    sage = Sage200Sandbox.start();
    centra = CentraSandbox.start();
  }

  @AfterAll
  static void stop() {
    sage.close();
    centra.close();
  }

  @BeforeEach
  void noFaults() {
    sage.faults().clear();
    centra.faults().clear();
  }

  Map<String, Object> order(String customerDocumentNo) {
    return Map.of("customer_id", sage.ids("customer").get("WEBGBP"), "customer_document_no", customerDocumentNo,
        "lines", List.of(Map.of("line_type", "EnumLineTypeStandard", "product_id", sage.ids("product").get("P00002-NVY-S"),
            "warehouse_id", sage.ids("warehouse").get("Leeds DC"), "line_quantity", 1)));
  }

  @Test
  void httpErrorStatusAnswersWithoutApplyingTheWrite() throws Exception {
    for (int status : new int[] {500, 502, 504}) {
      sage.faults().inject(Fault.httpStatus(status), FaultScope.nextCalls(1).on("POST /sop_orders"));

      var r = sage(sage, "POST", "/sop_orders", order("ERR-" + status));

      assertThat(r.status()).isEqualTo(status);
      assertThat(sage.salesOrdersWithCustomerDocumentNo("ERR-" + status)).isEmpty();
    }
  }

  @Test
  void httpErrorStatusAfterCommitAppliesTheWriteThenAnswersTheError() throws Exception {
    sage.faults().inject(Fault.httpStatusAfterCommit(500), FaultScope.nextCalls(1).on("POST /sop_orders"));

    var r = sage(sage, "POST", "/sop_orders", order("ERR-AFTER"));

    assertThat(r.status()).isEqualTo(500);
    assertThat(sage.salesOrdersWithCustomerDocumentNo("ERR-AFTER")).hasSize(1);
    assertThat(Fault.httpStatusAfterCommit(502).appliesRequest()).isTrue();
  }

  @Test
  void faultsStrikeOnlyTheNextNCallsOfTheirOperation() throws Exception {
    var injected = sage.faults().inject(Fault.httpStatus(502), FaultScope.nextCalls(2).on("GET /warehouses"));

    var other = sage(sage, "GET", "/currencies", null);
    var first = sage(sage, "GET", "/warehouses", null);
    var second = sage(sage, "GET", "/warehouses", null);
    var third = sage(sage, "GET", "/warehouses", null);

    assertThat(List.of(other.status(), first.status(), second.status(), third.status())).containsExactly(200, 502, 502, 200);
    assertThat(injected.timesApplied()).isEqualTo(2);
    assertThat(sage.faults().active()).isEmpty();
    assertThat(sage.requestCount("GET /warehouses")).isEqualTo(3);
    sage.resetRequestCounts();
    assertThat(sage.requestCounts()).isEmpty();
  }

  @Test
  void durationScopedFaultEndsWhenTheSandboxClockMovesOn() throws Exception {
    sage.faults().inject(Fault.httpStatus(504), FaultScope.forDuration(Duration.ofMinutes(5)));

    var during = sage(sage, "GET", "/banks", null);
    sage.clock().advance(Duration.ofMinutes(5));
    var after = sage(sage, "GET", "/banks", null);

    assertThat(during.status()).isEqualTo(504);
    assertThat(after.status()).isEqualTo(200);
  }

  @Test
  void rateLimitSendsRetryAfterInSecondsOrAsADate() throws Exception {
    centra.faults().inject(Fault.rateLimited(Duration.ofSeconds(7)), FaultScope.nextCalls(1));
    centra.faults().inject(Fault.rateLimitedUntilDate(Duration.ofSeconds(30)), FaultScope.nextCalls(1));

    var seconds = centra(centra, "query { rateLimits { type } }", Map.of());
    var date = centra(centra, "query { rateLimits { type } }", Map.of());

    assertThat(seconds.status()).isEqualTo(429);
    assertThat(seconds.headers().firstValue("Retry-After")).hasValue("7");
    assertThat(date.status()).isEqualTo(429);
    ZonedDateTime until = ZonedDateTime.parse(date.headers().firstValue("Retry-After").orElseThrow(),
        DateTimeFormatter.RFC_1123_DATE_TIME);
    assertThat(until.toInstant()).isEqualTo(centra.clock().instant().plusSeconds(30));
  }

  @Test
  void connectionResetNeverReachesTheState() {
    centra.faults().inject(Fault.connectionReset(), FaultScope.nextCalls(1).on("setStock"));
    long variant = centra.ids("variant").get("P00003-ECR-L");
    BigDecimal before = centra.stock("P00003-ECR-L", "Leeds DC").physical();

    assertThatThrownBy(() -> centra(centra, "mutation S($input: StockSetInput!) { setStock(input: $input) { userErrors { message } } }",
        Map.of("input", Map.of("warehouse", Map.of("id", centra.ids("warehouse").get("Leeds DC")), "stockQuantityType", "PHYSICAL",
            "description", "count",
            "productVariants", List.of(Map.of("productVariant", Map.of("id", variant),
                "sizeStockLevels", List.of(Map.of("size", Map.of("name", "L"), "quantity", 999))))))))
        .isInstanceOf(IOException.class);
    assertThat(centra.stock("P00003-ECR-L", "Leeds DC").physical()).isEqualByComparingTo(before);
  }

  @Test
  void timeoutAfterCommitCreatesTheOrderButTheClientTimesOut() {
    sage.faults().inject(Fault.timeoutAfterCommit(Duration.ofSeconds(3)), FaultScope.nextCalls(1).on("POST /sop_orders"));

    assertThatThrownBy(() -> sage(sage, "POST", "/sop_orders", order("TAC-1"), Duration.ofMillis(500)))
        .isInstanceOf(HttpTimeoutException.class);
    // Under load the client may give up before the server even read the request; the write still lands.
    await().atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(sage.salesOrdersWithCustomerDocumentNo("TAC-1")).hasSize(1));
  }

  @Test
  void resetAfterCommitCreatesTheOrderButTheClientSeesAReset() {
    sage.faults().inject(Fault.resetAfterCommit(), FaultScope.nextCalls(1).on("POST /sop_orders"));

    assertThatThrownBy(() -> sage(sage, "POST", "/sop_orders", order("RAC-1"))).isInstanceOf(IOException.class);
    assertThat(sage.salesOrdersWithCustomerDocumentNo("RAC-1")).hasSize(1);
  }

  @Test
  void latencyDelaysTheAnswer() throws Exception {
    sage.faults().inject(Fault.latency(Duration.ofMillis(400)), FaultScope.nextCalls(1));

    long start = System.nanoTime();
    var r = sage(sage, "GET", "/currencies", null);
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(r.status()).isEqualTo(200);
    assertThat(elapsedMillis).isGreaterThanOrEqualTo(400);
  }

  @Test
  void malformedAndTruncatedBodiesAreNotJson() throws Exception {
    centra.faults().inject(Fault.malformedBody(), FaultScope.nextCalls(1));
    centra.faults().inject(Fault.truncatedBody(), FaultScope.nextCalls(1));

    var malformed = centra(centra, "query { currencies { code } }", Map.of());
    var truncated = centra(centra, "query { currencies { code } }", Map.of());

    assertThat(malformed.status()).isEqualTo(200);
    assertThatThrownBy(() -> Json.parse(malformed.body())).isInstanceOf(BadRequest.class);
    assertThat(truncated.status()).isEqualTo(200);
    assertThat(truncated.body()).startsWith("{\"data\"");
    assertThatThrownBy(() -> Json.parse(truncated.body())).isInstanceOf(BadRequest.class);
  }

  @Test
  void closingTheHandleRemovesAnUnlimitedFault() throws Exception {
    try (var injected = centra.faults().inject(Fault.httpStatus(503), FaultScope.always().on("currencies"))) {
      assertThat(centra(centra, "query { currencies { code } }", Map.of()).status()).isEqualTo(503);
      assertThat(centra(centra, "query { currencies { code } }", Map.of()).status()).isEqualTo(503);
      assertThat(injected.timesApplied()).isEqualTo(2);
    }
    assertThat(centra(centra, "query { currencies { code } }", Map.of()).status()).isEqualTo(200);
  }
}
