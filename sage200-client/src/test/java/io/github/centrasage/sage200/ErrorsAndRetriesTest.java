package io.github.centrasage.sage200;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sage200.model.NewSalesOrder;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class ErrorsAndRetriesTest extends WireMockTestBase {
  private static final NewSalesOrder ORDER = NewSalesOrder.builder().customerId(27006).customerDocumentNo("C-1").build();

  private void stubTaxCode(int status, String body) {
    wm.stubFor(get(urlPathEqualTo(BASE + "/tax_codes/1")).willReturn(aResponse().withStatus(status).withBody(body)));
  }

  @Test
  void aNotFoundNamesTheFullUrlSoAWrongBaseUrlShowsInTheMessage() {
    stubTaxCode(404, "");
    Sage200NotFoundException e = catchThrowableOfType(
        () -> client().taxCodes().get(1), Sage200NotFoundException.class);
    assertThat(e.getMessage()).startsWith("GET " + wm.baseUrl() + BASE + "/tax_codes/1 failed with 404");
  }

  @Test
  void badRequestBecomesValidationWithParsedMessageAndRawBody() {
    String body = "{\"Message\": \"The customer account is on hold.\", \"ExceptionType\": \"SageNullFieldException\"}";
    wm.stubFor(post(urlPathEqualTo(BASE + "/sop_orders")).willReturn(aResponse().withStatus(400).withBody(body)));
    Sage200ValidationException e = catchThrowableOfType(
        () -> client().salesOrders().create(ORDER), Sage200ValidationException.class);
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.sageMessage()).isEqualTo("The customer account is on hold.");
    assertThat(e.responseBody()).contains(body);
    assertThat(e.getMessage()).contains("POST " + wm.baseUrl() + BASE + "/sop_orders failed with 400")
        .contains("on hold");
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.requiresLookupBeforeRetry()).isFalse();
  }

  @Test
  void mapsEachStatusToItsException() {
    stubTaxCode(403, "{\"Message\": \"no access\"}");
    assertThatThrownBy(() -> client().taxCodes().get(1)).isInstanceOf(Sage200PermissionException.class)
        .hasMessageContaining("role has no access");
    stubTaxCode(404, "");
    assertThatThrownBy(() -> client().taxCodes().get(1)).isInstanceOfSatisfying(Sage200NotFoundException.class,
        e -> assertThat(e.getMessage()).contains("version does not have this endpoint"));
    stubTaxCode(200, "{\"name\": \"no id\"}");
    assertThatThrownBy(() -> client().taxCodes().get(1)).isInstanceOfSatisfying(Sage200DeserializationException.class,
        e -> assertThat(e.responseBody()).contains("{\"name\": \"no id\"}"));
    stubTaxCode(200, "<html>proxy page</html>");
    assertThatThrownBy(() -> client().taxCodes().get(1)).isInstanceOf(Sage200DeserializationException.class);
  }

  @Test
  void unauthorizedWithAStaticTokenIsNotRetried() {
    stubTaxCode(401, "{\"Message\": \"Authorization has been denied for this request.\"}");
    assertThatThrownBy(() -> client().taxCodes().get(1)).isInstanceOfSatisfying(Sage200AuthenticationException.class,
        e -> {
          assertThat(e.getMessage()).contains("Authorization has been denied").doesNotContain(TOKEN);
          assertThat(e.isRetryable()).isFalse();
        });
    wm.verify(1, getRequestedFor(urlPathEqualTo(BASE + "/tax_codes/1")));
  }

  @Test
  void recordLockOnTheSandboxShapeIsRecognised() {
    wm.stubFor(post(urlPathEqualTo(BASE + "/sop_orders")).willReturn(aResponse().withStatus(400).withBody(
        "{\"Message\": \"The sales order SO0000123 is in use by another user and is locked for editing.\"}")));
    Sage200RecordLockedException e = catchThrowableOfType(
        () -> client().salesOrders().create(ORDER), Sage200RecordLockedException.class);
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.statusCode()).isEqualTo(400);
    wm.verify(1, postRequestedFor(urlPathEqualTo(BASE + "/sop_orders")));
  }

  @Test
  void lockMatcherIsReplaceable() {
    stubTaxCode(409, "{\"Message\": \"RECORD HELD\"}");
    Sage200Client custom = builder().recordLockMatcher((status, body) -> body.contains("RECORD HELD")).build();
    assertThatThrownBy(() -> custom.taxCodes().get(1)).isInstanceOf(Sage200RecordLockedException.class);
    assertThatThrownBy(() -> client().taxCodes().get(1)).isExactlyInstanceOf(Sage200Exception.class);
  }

  @Test
  void defaultLockMatcherNeedsBothStatusAndWording() {
    RecordLockMatcher matcher = RecordLockMatcher.defaultMatcher();
    assertThat(matcher.isRecordLocked(409, "Record is BEING EDITED by Sam")).isTrue();
    assertThat(matcher.isRecordLocked(423, "locked")).isTrue();
    assertThat(matcher.isRecordLocked(500, "object in use")).isTrue();
    assertThat(matcher.isRecordLocked(404, "locked")).isFalse();
    assertThat(matcher.isRecordLocked(400, "invalid product")).isFalse();
  }

  @Test
  void readsAreRetriedOnServerErrorsWithJitteredBackoff() {
    wm.stubFor(get(urlPathEqualTo(BASE + "/tax_codes/1")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
    wm.stubFor(get(urlPathEqualTo(BASE + "/tax_codes/1")).inScenario("flaky").whenScenarioStateIs("second")
        .willReturn(aResponse().withStatus(504)).willSetStateTo("ok"));
    wm.stubFor(get(urlPathEqualTo(BASE + "/tax_codes/1")).inScenario("flaky").whenScenarioStateIs("ok")
        .willReturn(okJson("{\"id\": 1}")));

    assertThat(client().taxCodes().get(1).id()).isEqualTo(1L);

    wm.verify(3, getRequestedFor(urlPathEqualTo(BASE + "/tax_codes/1")));
    assertThat(sleeps).hasSize(2);
    assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(375), Duration.ofMillis(625));
    assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1250));
  }

  @Test
  void gatewayTimeoutOnAReadSurfacesAfterTheLastAttempt() {
    stubTaxCode(504, "");
    assertThatThrownBy(() -> client().taxCodes().get(1)).isInstanceOfSatisfying(Sage200ServerException.class, e -> {
      assertThat(e.isGatewayTimeout()).isTrue();
      assertThat(e.isRetryable()).isTrue();
      assertThat(e.requiresLookupBeforeRetry()).isFalse();
    });
    wm.verify(3, getRequestedFor(urlPathEqualTo(BASE + "/tax_codes/1")));
  }

  @Test
  void aPostAnsweredWithAServerErrorIsNotRetriedAndAsksForALookup() {
    wm.stubFor(post(urlPathEqualTo(BASE + "/sop_orders")).willReturn(aResponse().withStatus(500).withBody("oops")));
    Sage200ServerException e = catchThrowableOfType(
        () -> client().salesOrders().create(ORDER), Sage200ServerException.class);
    assertThat(e.requiresLookupBeforeRetry()).isTrue();
    wm.verify(1, postRequestedFor(urlPathEqualTo(BASE + "/sop_orders")));
  }

  @Test
  void aPostAnsweredWithSuccessButAnUnreadableBodyAsksForALookup() {
    wm.stubFor(post(urlPathEqualTo(BASE + "/sop_orders")).willReturn(aResponse().withStatus(201).withBody("{\"id\": 12")));
    Sage200DeserializationException e = catchThrowableOfType(
        () -> client().salesOrders().create(ORDER), Sage200DeserializationException.class);
    // 201 says the order exists; a blind retry would create it twice.
    assertThat(e.requiresLookupBeforeRetry()).isTrue();
    assertThat(e.isRetryable()).isFalse();
    stubTaxCode(200, "<html>proxy page</html>");
    assertThat(catchThrowableOfType(() -> client().taxCodes().get(1), Sage200DeserializationException.class)
        .requiresLookupBeforeRetry()).isFalse();
    wm.verify(1, postRequestedFor(urlPathEqualTo(BASE + "/sop_orders")));
  }

  @Test
  void aPostWhoseConnectionResetsIsSentOnceAndAsksForALookup() {
    wm.stubFor(post(urlPathEqualTo(BASE + "/sop_orders")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    Sage200Client sage = client();
    stubTaxCode(200, "{\"id\": 1}");
    sage.taxCodes().get(1); // a pooled connection, the case where OkHttp would retry on its own
    Sage200ConnectionException e = catchThrowableOfType(
        () -> sage.salesOrders().create(ORDER), Sage200ConnectionException.class);
    assertThat(e.mayHaveReachedServer()).isTrue();
    assertThat(e.requiresLookupBeforeRetry()).isTrue();
    assertThat(e.isRetryable()).isTrue();
    // Neither OkHttp's silent retry nor our policy re-sent it.
    wm.verify(1, postRequestedFor(urlPathEqualTo(BASE + "/sop_orders")));
  }

  /** An application interceptor as people write them: on an IOException, proceed again (up to three times). */
  static final Interceptor RETRY_ON_IO_EXCEPTION = chain -> {
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

  @Test
  void aUsersPlainOkHttpClientStillSendsAResetPostOnce() {
    wm.stubFor(post(urlPathEqualTo(BASE + "/sop_orders")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    Sage200Client sage = builder().okHttpClient(new OkHttpClient()).build();
    Sage200ConnectionException e = catchThrowableOfType(
        () -> sage.salesOrders().create(ORDER), Sage200ConnectionException.class);
    assertThat(e.requiresLookupBeforeRetry()).isTrue();
    wm.verify(1, postRequestedFor(urlPathEqualTo(BASE + "/sop_orders")));
  }

  @Test
  void aUsersInterceptorThatRepeatsAPostAfterAnIoExceptionIsRefusedAndTheCallAsksForALookup() {
    wm.stubFor(post(urlPathEqualTo(BASE + "/sop_orders")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    stubTaxCode(200, "{\"id\": 1}");
    Sage200Client sage = builder().okHttpClient(new OkHttpClient.Builder().addInterceptor(RETRY_ON_IO_EXCEPTION).build())
        .build();
    Sage200ConnectionException e = catchThrowableOfType(
        () -> sage.salesOrders().create(ORDER), Sage200ConnectionException.class);
    assertThat(e.mayHaveReachedServer()).isTrue();
    assertThat(e.requiresLookupBeforeRetry()).isTrue();
    wm.verify(1, postRequestedFor(urlPathEqualTo(BASE + "/sop_orders")));
    // reads are the interceptor's business: a GET it repeats still goes
    wm.stubFor(get(urlPathEqualTo(BASE + "/tax_codes/2")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    catchThrowableOfType(() -> builder().retrySettings(RetrySettings.none())
        .okHttpClient(new OkHttpClient.Builder().addInterceptor(RETRY_ON_IO_EXCEPTION).build()).build().taxCodes().get(2),
        Sage200ConnectionException.class);
    wm.verify(3, getRequestedFor(urlPathEqualTo(BASE + "/tax_codes/2")));
  }

  @Test
  void aPostThatNeverLeftIsRetriedAndSaysSo() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Sage200Client refused = builder().baseUrl("http://127.0.0.1:" + closedPort + BASE).build();
    Sage200ConnectionException e = catchThrowableOfType(
        () -> refused.salesOrders().create(ORDER), Sage200ConnectionException.class);
    assertThat(e.mayHaveReachedServer()).isFalse();
    assertThat(e.requiresLookupBeforeRetry()).isFalse();
    assertThat(e.getMessage()).contains("before the request was sent");
    assertThat(sleeps).hasSize(2); // three attempts
  }

  @Test
  void honoursRetryAfterInSeconds() {
    wm.stubFor(get(urlPathEqualTo(BASE + "/tax_codes/1")).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")).willSetStateTo("ok"));
    wm.stubFor(get(urlPathEqualTo(BASE + "/tax_codes/1")).inScenario("limited").whenScenarioStateIs("ok")
        .willReturn(okJson("{\"id\": 1}")));
    assertThat(client().taxCodes().get(1).id()).isEqualTo(1L);
    assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void honoursRetryAfterAsAnHttpDateAndRetriesAPostBecauseNothingWasProcessed() {
    Clock clock = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);
    wm.stubFor(post(urlPathEqualTo(BASE + "/sop_orders")).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "Sat, 01 Mar 2025 10:00:30 GMT"))
        .willSetStateTo("ok"));
    wm.stubFor(post(urlPathEqualTo(BASE + "/sop_orders")).inScenario("limited").whenScenarioStateIs("ok")
        .willReturn(okJson("{\"id\": 5, \"customer_id\": 27006}")));
    assertThat(builder().clock(clock).build().salesOrders().create(ORDER).id()).isEqualTo(5L);
    assertThat(sleeps).containsExactly(Duration.ofSeconds(30));
  }

  @Test
  void aRetryAfterBeyondTheLimitSurfacesTheRateLimit() {
    stubTaxCode(429, "");
    wm.stubFor(get(urlPathEqualTo(BASE + "/tax_codes/1"))
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
    Sage200RateLimitException e = catchThrowableOfType(
        () -> client().taxCodes().get(1), Sage200RateLimitException.class);
    assertThat(e.retryAfter()).contains(Duration.ofHours(1));
    assertThat(e.isRetryable()).isTrue();
    assertThat(sleeps).isEmpty();
  }

  @Test
  void anInterruptDuringTheWaitStopsAndRestoresTheFlag() {
    stubTaxCode(503, "");
    Sage200Client interrupting = builder().sleeper(d -> {
      throw new InterruptedException();
    }).build();
    try {
      Sage200ConnectionException e = catchThrowableOfType(
          () -> interrupting.taxCodes().get(1), Sage200ConnectionException.class);
      assertThat(e.wasInterrupted()).isTrue();
      assertThat(e.isRetryable()).isFalse();
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    wm.verify(1, getRequestedFor(urlPathEqualTo(BASE + "/tax_codes/1")));
  }

  @Test
  void eachCallHasItsOwnAttemptBudget() {
    stubTaxCode(503, "");
    Sage200Client sage = client();
    assertThatThrownBy(() -> sage.taxCodes().get(1)).isInstanceOf(Sage200ServerException.class);
    assertThatThrownBy(() -> sage.taxCodes().get(1)).isInstanceOf(Sage200ServerException.class);
    wm.verify(6, getRequestedFor(urlPathEqualTo(BASE + "/tax_codes/1")));
  }

  @Test
  void aUserSuppliedOkHttpClientLosesItsSilentRetry() {
    wm.stubFor(post(urlPathEqualTo(BASE + "/sop_orders")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    okhttp3.OkHttpClient shared = new okhttp3.OkHttpClient.Builder().retryOnConnectionFailure(true).build();
    Sage200Client sage = builder().okHttpClient(shared).build();
    // A pooled connection first: OkHttp retries silently when a reused connection fails.
    stubTaxCode(200, "{\"id\": 1}");
    sage.taxCodes().get(1);
    assertThatThrownBy(() -> sage.salesOrders().create(ORDER)).isInstanceOf(Sage200ConnectionException.class);
    wm.verify(1, postRequestedFor(urlPathEqualTo(BASE + "/sop_orders")));
  }

  @Test
  void anInterruptedCallerSendsNothing() {
    wm.stubFor(post(urlPathEqualTo(BASE + "/sop_orders")).willReturn(okJson("{\"id\": 5, \"customer_id\": 1}")));
    Sage200Client sage = client();
    Thread.currentThread().interrupt();
    try {
      Sage200ConnectionException e = catchThrowableOfType(
          () -> sage.salesOrders().create(ORDER), Sage200ConnectionException.class);
      assertThat(e.wasInterrupted()).isTrue();
      assertThat(e.mayHaveReachedServer()).isFalse();
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    wm.verify(0, postRequestedFor(urlPathEqualTo(BASE + "/sop_orders")));
  }

  @Test
  void aCallTimeoutIsARetryableTimeoutNotAnInterrupt() {
    wm.stubFor(get(urlPathEqualTo(BASE + "/tax_codes/1")).willReturn(okJson("{\"id\": 1}").withFixedDelay(400)));
    Sage200Client sage = builder().callTimeout(Duration.ofMillis(100)).build();

    Sage200ConnectionException e = catchThrowableOfType(() -> sage.taxCodes().get(1), Sage200ConnectionException.class);

    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(e.wasInterrupted()).isFalse();
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.mayHaveReachedServer()).isTrue();
    wm.verify(3, getRequestedFor(urlPathEqualTo(BASE + "/tax_codes/1")));
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void aCallersOkHttpClientKeepsItsOwnTimeoutsUnlessOneIsSetHere() {
    wm.stubFor(get(urlPathEqualTo(BASE + "/tax_codes/1")).willReturn(okJson("{\"id\": 1}").withFixedDelay(400)));
    OkHttpClient impatient = new OkHttpClient.Builder().callTimeout(Duration.ofMillis(100)).build();

    Sage200Client keepsIt = builder().okHttpClient(impatient).retrySettings(RetrySettings.none()).build();
    assertThatThrownBy(() -> keepsIt.taxCodes().get(1)).isInstanceOf(Sage200ConnectionException.class);

    Sage200Client overrides = builder().okHttpClient(impatient).callTimeout(Duration.ofSeconds(30))
        .retrySettings(RetrySettings.none()).build();
    assertThat(overrides.taxCodes().get(1).id()).isEqualTo(1);
  }

  @Test
  void aPostThatTimesOutIsSentOnceAndAsksForALookup() {
    wm.stubFor(post(urlPathEqualTo(BASE + "/sop_orders")).willReturn(okJson("{\"id\": 5}").withFixedDelay(400)));
    Sage200Client sage = builder().callTimeout(Duration.ofMillis(100)).build();

    Sage200ConnectionException e = catchThrowableOfType(
        () -> sage.salesOrders().create(ORDER), Sage200ConnectionException.class);

    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(e.wasInterrupted()).isFalse();
    assertThat(e.requiresLookupBeforeRetry()).isTrue();
    wm.verify(1, postRequestedFor(urlPathEqualTo(BASE + "/sop_orders")));
  }

  @Test
  void callersInterceptorsNeverSeeTheAuthorizationHeader() {
    stubTaxCode(200, "{\"id\": 1}");
    java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    okhttp3.OkHttpClient hosts = new okhttp3.OkHttpClient.Builder().addInterceptor(chain -> {
      seen.add(String.valueOf(chain.request().header("Authorization")));
      return chain.proceed(chain.request());
    }).build();

    builder().okHttpClient(hosts).build().taxCodes().get(1);

    assertThat(seen).containsExactly("null");
    wm.verify(1, getRequestedFor(urlPathEqualTo(BASE + "/tax_codes/1"))
        .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + TOKEN)));
  }
}
