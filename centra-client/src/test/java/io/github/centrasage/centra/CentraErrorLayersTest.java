package io.github.centrasage.centra;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.centrasage.http.RetrySettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class CentraErrorLayersTest extends CentraWireMockTest {

  private static final SetStockRequest SET_STOCK = SetStockRequest.builder().warehouseId(1)
      .addLevels(SizeStockLevel.ofSizeName(1445, "XL", 10)).build();

  private void answer(int status) {
    stub(post(urlEqualTo("/graphql")), aResponse().withStatus(status).withBody("{\"message\":\"nope\"}"));
  }

  @Test
  void unauthorizedIsAnAuthenticationFailureAndNotRetried() {
    answer(401);

    CentraAuthenticationException e = catchThrowableOfType(CentraAuthenticationException.class, () -> client.rateLimits());

    assertThat(e.statusCode()).isEqualTo(401);
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.operationName()).contains("RateLimits");
    assertThat(e.getMessage()).contains("401").contains("RateLimits").doesNotContain(TOKEN);
    assertThat(requests()).hasSize(1);
  }

  @Test
  void forbiddenIsAnInvalidOrExpiredTokenAsCentrasErrorPageSays() {
    answer(403);

    CentraAuthenticationException e = catchThrowableOfType(CentraAuthenticationException.class, () -> client.rateLimits());

    assertThat(e.statusCode()).isEqualTo(403);
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getMessage()).contains("invalid or expired").doesNotContain("permission").doesNotContain(TOKEN);
  }

  @Test
  void otherClientErrorsAreHttpExceptionsWithTheStatus() {
    answer(400);

    CentraHttpException e = catchThrowableOfType(CentraHttpException.class, () -> client.rateLimits());

    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.getMessage()).contains("nope");
  }

  @Test
  void echoedTokenIsRedactedFromExceptionMessages() {
    stub(post(urlEqualTo("/graphql")), aResponse().withStatus(400).withBody("bad header Bearer " + TOKEN));

    CentraHttpException e = catchThrowableOfType(CentraHttpException.class, () -> client.rateLimits());

    assertThat(e.getMessage()).doesNotContain(TOKEN).contains("[REDACTED]");
  }

  @Test
  void queryIsRetriedAfter429WithRetryAfterSecondsAndThenSucceeds() {
    wm.stubFor(post(urlEqualTo("/graphql")).inScenario("rl").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")).willSetStateTo("ok"));
    wm.stubFor(post(urlEqualTo("/graphql")).inScenario("rl").whenScenarioStateIs("ok")
        .willReturn(ok("{\"data\":{\"rateLimits\":[]}}")));

    assertThat(client.rateLimits()).isEmpty();
    assertThat(requests()).hasSize(2);
  }

  @Test
  void rateLimitExceptionCarriesRetryAfterInSecondsForm() {
    client = clientBuilder().retrySettings(RetrySettings.none()).build();
    stub(post(urlEqualTo("/graphql")), aResponse().withStatus(429).withHeader("Retry-After", "7"));

    CentraRateLimitException e = catchThrowableOfType(CentraRateLimitException.class, () -> client.rateLimits());

    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(e.isClientSide()).isFalse();
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.requiresLookupBeforeRetry()).isFalse();
  }

  @Test
  void rateLimitExceptionCarriesRetryAfterInHttpDateForm() {
    Clock clock = Clock.fixed(Instant.parse("2024-03-01T10:00:00Z"), ZoneOffset.UTC);
    client = clientBuilder().retrySettings(RetrySettings.none()).clock(clock).build();
    stub(post(urlEqualTo("/graphql")),
        aResponse().withStatus(429).withHeader("Retry-After", "Fri, 01 Mar 2024 10:00:42 GMT"));

    CentraRateLimitException e = catchThrowableOfType(CentraRateLimitException.class, () -> client.rateLimits());

    assertThat(e.retryAfter()).contains(Duration.ofSeconds(42));
  }

  @Test
  void retryAfterLongerThanTheConfiguredMaximumIsSurfacedWithoutWaiting() {
    stub(post(urlEqualTo("/graphql")), aResponse().withStatus(429).withHeader("Retry-After", "3600"));

    CentraRateLimitException e = catchThrowableOfType(CentraRateLimitException.class, () -> client.rateLimits());

    assertThat(e.retryAfter()).contains(Duration.ofHours(1));
    assertThat(requests()).hasSize(1);
  }

  @Test
  void mutationIsRetriedAfter429BecauseCentraDidNotExecuteIt() {
    wm.stubFor(post(urlEqualTo("/graphql")).inScenario("rl").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")).willSetStateTo("ok"));
    wm.stubFor(post(urlEqualTo("/graphql")).inScenario("rl").whenScenarioStateIs("ok")
        .willReturn(ok("{\"data\":{\"setStock\":{\"stockChanges\":[{\"id\":5}]," + Fixtures.userMessages() + "}}}")));

    assertThat(client.stock().set(SET_STOCK).value()).containsExactly(5L);
    assertThat(requests()).hasSize(2);
  }

  @Test
  void aStockWriteWithoutRetryReportsThe429AtOnceAndSendsNothingMore() {
    wm.stubFor(post(urlEqualTo("/graphql")).inScenario("rl").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")).willSetStateTo("ok"));
    wm.stubFor(post(urlEqualTo("/graphql")).inScenario("rl").whenScenarioStateIs("ok")
        .willReturn(ok("{\"data\":{\"setStock\":{\"stockChanges\":[{\"id\":5}]," + Fixtures.userMessages() + "}}}")));

    CentraRateLimitException e = catchThrowableOfType(CentraRateLimitException.class,
        () -> client.stock().setWithoutRetry(SET_STOCK));

    assertThat(e.isRetryable()).as("the caller may write again, with levels it computes afresh").isTrue();
    assertThat(requests()).as("the client did not repeat the old levels").hasSize(1);
  }

  @Test
  void serverErrorsOnQueriesAreRetriedUpToMaxAttempts() {
    answer(503);

    CentraServerException e = catchThrowableOfType(CentraServerException.class, () -> client.rateLimits());

    assertThat(e.statusCode()).isEqualTo(503);
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.requiresLookupBeforeRetry()).isFalse();
    assertThat(requests()).hasSize(3);
  }

  @Test
  void serverErrorOnMutationIsNotRetriedAndAsksForALookupFirst() {
    answer(502);

    CentraServerException e = catchThrowableOfType(CentraServerException.class, () -> client.stock().set(SET_STOCK));

    assertThat(e.isWrite()).isTrue();
    assertThat(e.requiresLookupBeforeRetry()).isTrue();
    assertThat(requests()).hasSize(1);
  }

  @Test
  void connectionResetOnMutationReachesTheServerOnceEvenWithACallersRetryingOkHttpClient() {
    client = clientBuilder().okHttpClient(new OkHttpClient.Builder().retryOnConnectionFailure(true).build()).build();
    stub(post(urlEqualTo("/graphql")), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    CentraConnectionException e = catchThrowableOfType(CentraConnectionException.class, () -> client.stock().set(SET_STOCK));

    assertThat(e.mayHaveReachedServer()).isTrue();
    assertThat(e.requiresLookupBeforeRetry()).isTrue();
    assertThat(e.getMessage()).contains("may have reached Centra");
    assertThat(requests()).hasSize(1);
  }

  @Test
  void aCallersInterceptorThatRepeatsAMutationAfterAnIoExceptionIsRefused() {
    okhttp3.Interceptor retryOnIoException = chain -> {
      IOException last = null;
      for (int i = 0; i < 3; i++) {
        try {
          return chain.proceed(chain.request());
        } catch (IOException e) {
          last = e;
        }
      }
      throw last;
    };
    client = clientBuilder().okHttpClient(new OkHttpClient.Builder().addInterceptor(retryOnIoException).build()).build();
    stub(post(urlEqualTo("/graphql")), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    CentraConnectionException e = catchThrowableOfType(CentraConnectionException.class, () -> client.stock().set(SET_STOCK));

    assertThat(e.mayHaveReachedServer()).isTrue();
    assertThat(e.requiresLookupBeforeRetry()).isTrue();
    assertThat(requests()).as("the interceptor's repeats were refused").hasSize(1);
  }

  @Test
  void connectionResetOnQueryIsRetried() {
    stub(post(urlEqualTo("/graphql")), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    CentraConnectionException e = catchThrowableOfType(CentraConnectionException.class, () -> client.rateLimits());

    assertThat(e.requiresLookupBeforeRetry()).isFalse();
    assertThat(requests()).hasSize(3);
  }

  @Test
  void refusedConnectionOnMutationIsRetriedBecauseNothingWasSent() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    AtomicInteger calls = new AtomicInteger();
    OkHttpClient counting = new OkHttpClient.Builder().eventListener(new EventListener() {
      @Override
      public void callStart(Call call) {
        calls.incrementAndGet();
      }
    }).build();
    client = clientBuilder().baseUrl("http://localhost:" + closedPort).okHttpClient(counting).build();

    CentraConnectionException e = catchThrowableOfType(CentraConnectionException.class, () -> client.stock().set(SET_STOCK));

    assertThat(e.mayHaveReachedServer()).isFalse();
    assertThat(e.requiresLookupBeforeRetry()).isFalse();
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.getMessage()).contains("did not reach Centra");
    assertThat(calls).hasValue(3);
  }

  @Test
  void graphQLErrorsCarryMessagePathAndCategory() {
    stub(post(urlEqualTo("/graphql")), ok("""
        {"data": null, "errors": [{"message": "You need Order:read permission to access orderConnection.",
          "locations": [{"line": 2, "column": 3}], "path": ["orders", 0, "id"],
          "extensions": {"category": "authorization"}}]}"""));

    CentraGraphQLException e = catchThrowableOfType(CentraGraphQLException.class, () -> client.orders().byNumber(1));

    assertThat(e.errors()).singleElement().satisfies(err -> {
      assertThat(err.message()).startsWith("You need Order:read");
      assertThat(err.path()).containsExactly("orders", "0", "id");
      assertThat(err.category()).contains("authorization");
    });
    assertThat(e.getMessage()).contains("You need Order:read").contains("orders.0.id");
    assertThat(e.isRetryable()).isFalse();
    assertThat(requests()).hasSize(1);
  }

  @Test
  void userErrorsFailTheMutationWithEveryMessageAndPath() {
    stub(post(urlEqualTo("/graphql")), ok("""
        {"data": {"setStock": {"stockChanges": null,
          "userErrors": [{"message": "Unknown size", "path": ["input", "productVariants", "0", "sizeStockLevels", "0"]},
                         {"message": "Warehouse is not external", "path": ["input", "warehouse"]}],
          "userWarnings": [{"message": "Description trimmed", "path": ["input", "description"]}]}}}"""));

    CentraUserErrorException e = catchThrowableOfType(CentraUserErrorException.class, () -> client.stock().set(SET_STOCK));

    assertThat(e.userErrors()).extracting(CentraUserMessage::message).containsExactly("Unknown size", "Warehouse is not external");
    assertThat(e.userErrors().get(1).path()).containsExactly("input", "warehouse");
    assertThat(e.userWarnings()).extracting(CentraUserMessage::message).containsExactly("Description trimmed");
    assertThat(e.getMessage()).contains("Unknown size").contains("Warehouse is not external");
    assertThat(e.isRetryable()).isFalse();
    assertThat(requests()).hasSize(1);
  }

  @Test
  void userWarningsAreReturnedWithTheResult() {
    stub(post(urlEqualTo("/graphql")), ok("""
        {"data": {"setStock": {"stockChanges": [{"id": 8}], "userErrors": [],
          "userWarnings": [{"message": "Row 2 skipped", "path": ["input", "productVariants", "1"]}]}}}"""));

    CentraMutationResult<List<Long>> result = client.stock().set(SET_STOCK);

    assertThat(result.value()).containsExactly(8L);
    assertThat(result.warnings()).singleElement().satisfies(w -> {
      assertThat(w.message()).isEqualTo("Row 2 skipped");
      assertThat(w.path()).containsExactly("input", "productVariants", "1");
    });
  }

  @Test
  void malformedBodyIsAResponseExceptionThatAsksMutationsForALookup() {
    stub(post(urlEqualTo("/graphql")), ok("<html>gateway</html>"));

    CentraResponseException e = catchThrowableOfType(CentraResponseException.class, () -> client.stock().set(SET_STOCK));

    assertThat(e.requiresLookupBeforeRetry()).isTrue();
  }

  @Test
  void missingRequiredFieldIsAResponseExceptionNamingTheField() {
    stubData("{\"orders\": [{\"id\": \"x\", \"status\": \"CONFIRMED\"}]}");

    CentraResponseException e = catchThrowableOfType(CentraResponseException.class, () -> client.orders().byNumber(1));

    assertThat(e.getMessage()).contains("Order").contains("number");
  }

  @Test
  void interruptedCallerSendsNothingAndKeepsItsInterruptFlag() {
    stubData("{\"rateLimits\": []}");
    Thread.currentThread().interrupt();
    try {
      CentraConnectionException e = catchThrowableOfType(CentraConnectionException.class, () -> client.rateLimits());

      assertThat(e.wasInterrupted()).isTrue();
      assertThat(e.isRetryable()).isFalse();
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(requests()).isEmpty();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void clientSideMutationBudgetRefusesWithoutSending() {
    client = clientBuilder()
        .rateLimits(CentraRateLimits.builder().requestsPerPeriod(10).mutationsPerPeriod(1)
            .period(Duration.ofHours(1)).maxWait(Duration.ZERO).build())
        .retrySettings(RetrySettings.none())
        .build();
    stubData("{\"setStock\": {\"stockChanges\": [{\"id\": 1}], \"userErrors\": [], \"userWarnings\": []}}");

    client.stock().set(SET_STOCK);
    CentraRateLimitException e = catchThrowableOfType(CentraRateLimitException.class, () -> client.stock().set(SET_STOCK));

    assertThat(e.isClientSide()).isTrue();
    assertThat(e.getMessage()).contains("mutation budget");
    assertThat(requests()).hasSize(1);
    // Queries use the request budget only, which still has permits.
    stubData("{\"rateLimits\": []}");
    assertThat(client.rateLimits()).isEmpty();
  }
}
