package io.github.centrasage.sage200;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.centrasage.sage200.model.NewSalesOrder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** slf4j-simple writes to System.err at TRACE for this library (see simplelogger.properties). */
class LoggingSecrecyTest extends WireMockTestBase {
  private static final String SECRET = "client-secret-do-not-log";
  private static final String REFRESH = "refresh-token-do-not-log";
  private static final String ROTATED = "rotated-refresh-do-not-log";
  private static final String ACCESS_1 = "access-token-one-do-not-log";
  private static final String ACCESS_2 = "access-token-two-do-not-log";

  @Test
  void nothingSecretReachesTheLogsAtTraceOrTheExceptions() {
    wm.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(okJson("{\"access_token\": \"" + ACCESS_1
        + "\", \"expires_in\": 480, \"refresh_token\": \"" + ROTATED + "\"}")));
    wm.stubFor(get(urlPathEqualTo(BASE + "/tax_codes/1")).withHeader("Authorization", equalTo("Bearer " + ACCESS_1))
        .willReturn(aResponse().withStatus(401)));
    wm.stubFor(get(urlPathEqualTo(BASE + "/tax_codes/1")).withHeader("Authorization", equalTo("Bearer " + ACCESS_2))
        .willReturn(okJson("{\"id\": 1, \"name\": \"Standard\"}")));
    wm.stubFor(post(urlPathEqualTo(BASE + "/sop_orders")).willReturn(aResponse().withStatus(400)
        .withBody("{\"Message\": \"Customer is on hold\"}")));
    SageIdTokenProvider tokens = SageIdTokenProvider.builder()
        .tokenUrl(wm.baseUrl() + "/oauth/token").allowPlainHttp(true)
        .credentials(SageIdCredentials.of("client-1", SECRET)).refreshToken(REFRESH)
        .onRefreshTokenRotated(t -> { })
        .clock(new MutableClock(Instant.parse("2025-03-01T10:00:00Z"))).refreshMargin(Duration.ZERO)
        .build();
    Sage200Client sage = builder().tokenProvider(tokens).build();

    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    Throwable orderFailure;
    Throwable readFailure;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      readFailure = catchThrowable(() -> sage.taxCodes().get(1)); // 401, refresh, 401 again
      orderFailure = catchThrowable(() -> sage.salesOrders().create(NewSalesOrder.builder().customerId(1).build()));
    } finally {
      System.setErr(original);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);

    // The capture works: the lines a user relies on are there, bodies included at TRACE.
    assertThat(logs).contains("GET /uk/sage200extra/accounts/v1/tax_codes/1 -> 401")
        .contains("POST /oauth/token -> 200")
        .contains("request body: {\"customer_id\":1}")
        .contains("Customer is on hold");
    for (String secret : new String[] {SECRET, REFRESH, ROTATED, ACCESS_1, "Bearer"}) {
      assertThat(logs).doesNotContain(secret);
      assertThat(String.valueOf(readFailure)).doesNotContain(secret);
      assertThat(String.valueOf(orderFailure)).doesNotContain(secret);
      assertThat(tokens.toString()).doesNotContain(secret);
      assertThat(sage.toString()).doesNotContain(secret);
    }
    assertThat(readFailure).isInstanceOf(Sage200AuthenticationException.class);
    assertThat(orderFailure).isInstanceOf(Sage200ValidationException.class);
  }
}
