package io.github.centrasage.centra;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.centrasage.http.RetrySettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** slf4j-simple writes to System.out at TRACE for this package (see simplelogger.properties). */
class CentraLoggingTest extends CentraWireMockTest {

  private String captureLogs(Runnable action) {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setOut(original);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Test
  void traceLogsBodiesAndDebugLogsOperationStatusDurationAndComplexityButNeverTheToken() {
    stub(post(urlEqualTo("/graphql")), ok("{\"data\": {\"rateLimits\": []}, \"extensions\": {\"complexity\": 123}}"));

    String logs = captureLogs(() -> client.rateLimits());

    assertThat(logs).contains("Centra RateLimits request body").contains("\"operationName\":\"RateLimits\"");
    assertThat(logs).contains("Centra RateLimits response 200 body");
    assertThat(logs).containsPattern("Centra RateLimits status=200 durationMs=\\d+ complexity=123");
    assertThat(logs).doesNotContain(TOKEN);
  }

  @Test
  void tokenEchoedByTheServerIsRedactedInTraceLogsAndMessages() {
    stub(post(urlEqualTo("/graphql")), aResponse().withStatus(500).withBody("{\"debug\": \"Authorization: Bearer " + TOKEN + "\"}"));
    client = clientBuilder().retrySettings(RetrySettings.none()).build();

    String[] message = new String[1];
    String logs = captureLogs(() -> message[0] = catchThrowable(() -> client.rateLimits()).getMessage());

    assertThat(logs).contains("[REDACTED]").doesNotContain(TOKEN);
    assertThat(message[0]).doesNotContain(TOKEN);
    assertThat(client.toString()).doesNotContain(TOKEN);
    assertThat(clientBuilder().toString()).doesNotContain(TOKEN);
  }

  @Test
  void deprecatedFieldsAreLoggedAtWarnOncePerField() {
    stub(post(urlEqualTo("/graphql")), ok("""
        {"data": {"rateLimits": []}, "extensions": {"deprecatedFieldsUsed": [
          {"field": "ProductSize.GTIN", "reason": "use EAN", "removalDate": "2025-01-01"}]}}"""));

    String logs = captureLogs(() -> {
      client.rateLimits();
      client.rateLimits();
    });

    assertThat(logs.lines().filter(l -> l.contains("WARN") && l.contains("deprecated field ProductSize.GTIN"))).hasSize(1);
  }

  @Test
  void userWarningsAreLoggedAtWarn() {
    stub(post(urlEqualTo("/graphql")), ok("""
        {"data": {"confirmEvents": {"userErrors": [], "userWarnings": [{"message": "Event 5 already confirmed", "path": []}]}}}"""));

    String logs = captureLogs(() -> client.events().confirm(java.util.List.of(5L)));

    assertThat(logs).contains("WARN").contains("Event 5 already confirmed");
  }
}
