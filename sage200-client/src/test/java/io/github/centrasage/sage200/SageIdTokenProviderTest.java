package io.github.centrasage.sage200;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SageIdTokenProviderTest extends WireMockTestBase {
  static final String SECRET = "client-secret-s3cr3t";
  static final String REFRESH = "refresh-token-r1";

  final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
  final List<String> rotated = new CopyOnWriteArrayList<>();

  SageIdTokenProvider provider() {
    return SageIdTokenProvider.builder()
        .tokenUrl(wm.baseUrl() + "/oauth/token").allowPlainHttp(true)
        .credentials(SageIdCredentials.of("client-1", SECRET)).refreshToken(REFRESH)
        .onRefreshTokenRotated(rotated::add)
        .clock(clock).refreshMargin(Duration.ofSeconds(60))
        .build();
  }

  static String tokenJson(String access, String refresh) {
    return "{\"access_token\": \"" + access + "\", \"token_type\": \"Bearer\", \"expires_in\": 480,"
        + " \"refresh_token\": \"" + refresh + "\", \"scope\": \"openid profile email offline_access\"}";
  }

  @Test
  void refreshesWithTheDocumentedFormAndCachesUntilShortlyBeforeExpiry() {
    wm.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(okJson(tokenJson("access-1", REFRESH))));
    SageIdTokenProvider tokens = provider();

    assertThat(tokens.accessToken()).isEqualTo("access-1");
    clock.advance(Duration.ofSeconds(419)); // 480 s lifetime minus 60 s margin: still fresh
    assertThat(tokens.accessToken()).isEqualTo("access-1");
    wm.verify(1, postRequestedFor(urlPathEqualTo("/oauth/token"))
        .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
        .withRequestBody(containing("grant_type=refresh_token"))
        .withRequestBody(containing("refresh_token=" + REFRESH))
        .withRequestBody(containing("client_id=client-1"))
        .withRequestBody(containing("client_secret=" + SECRET)));

    clock.advance(Duration.ofSeconds(2));
    tokens.accessToken();
    wm.verify(2, postRequestedFor(urlPathEqualTo("/oauth/token")));
  }

  @Test
  void handsEachRotatedRefreshTokenToTheCallbackAndUsesIt() {
    wm.stubFor(post(urlPathEqualTo("/oauth/token")).withRequestBody(containing("refresh_token=" + REFRESH))
        .willReturn(okJson(tokenJson("access-1", "refresh-token-r2"))));
    wm.stubFor(post(urlPathEqualTo("/oauth/token")).withRequestBody(containing("refresh_token=refresh-token-r2"))
        .willReturn(okJson(tokenJson("access-2", "refresh-token-r3"))));
    SageIdTokenProvider tokens = provider();

    assertThat(tokens.accessToken()).isEqualTo("access-1");
    clock.advance(Duration.ofMinutes(10));
    assertThat(tokens.accessToken()).isEqualTo("access-2");

    assertThat(rotated).containsExactly("refresh-token-r2", "refresh-token-r3");
  }

  @Test
  void eightThreadsNeedingATokenAtOnceCauseExactlyOneTokenRequest() throws Exception {
    // The delay keeps the first refresh in flight while the other threads arrive.
    wm.stubFor(post(urlPathEqualTo("/oauth/token"))
        .willReturn(okJson(tokenJson("access-1", REFRESH)).withFixedDelay(300)));
    SageIdTokenProvider tokens = provider();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return tokens.accessToken();
        }));
      }
      start.countDown();
      for (Future<String> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("access-1");
      }
    } finally {
      pool.shutdownNow();
    }
    wm.verify(1, postRequestedFor(urlPathEqualTo("/oauth/token")));
  }

  @Test
  void keepsTheCurrentTokenWhenSageIdSaysItHasNotExpired() {
    wm.stubFor(post(urlPathEqualTo("/oauth/token")).inScenario("t").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(okJson(tokenJson("access-1", REFRESH))).willSetStateTo("limited"));
    wm.stubFor(post(urlPathEqualTo("/oauth/token")).inScenario("t").whenScenarioStateIs("limited")
        .willReturn(aResponse().withStatus(429).withBody(
            "{\"error\": \"too_many_requests\", \"error_description\": \"Rate limit exceeded: access_token not expired\"}")));
    SageIdTokenProvider tokens = provider();
    tokens.accessToken();
    clock.advance(Duration.ofSeconds(430));

    assertThat(tokens.accessToken()).isEqualTo("access-1");
    assertThat(tokens.accessToken()).isEqualTo("access-1"); // not asked again straight away
    wm.verify(2, postRequestedFor(urlPathEqualTo("/oauth/token")));
  }

  @Test
  void notExpiredWithNothingCachedIsARetryableRateLimit() {
    wm.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(aResponse().withStatus(429).withBody(
        "{\"error\": \"too_many_requests\", \"error_description\": \"Rate limit exceeded: access_token not expired\"}")));

    assertThatThrownBy(() -> provider().accessToken()).isInstanceOfSatisfying(Sage200RateLimitException.class, e -> {
      assertThat(e.isRetryable()).isTrue();
      assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
    });
  }

  @Test
  void notExpiredWithNothingCachedIsWaitedOutAndTheCallSucceeds() {
    wm.stubFor(post(urlPathEqualTo("/oauth/token")).inScenario("t").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "12").withBody(
            "{\"error_description\": \"access_token not expired\"}")).willSetStateTo("ok"));
    wm.stubFor(post(urlPathEqualTo("/oauth/token")).inScenario("t").whenScenarioStateIs("ok")
        .willReturn(okJson(tokenJson("access-1", REFRESH))));
    wm.stubFor(post(urlPathEqualTo(BASE + "/sop_orders")).willReturn(okJson("{\"id\": 5, \"customer_id\": 1}")));

    builder().tokenProvider(provider()).build().salesOrders()
        .create(io.github.centrasage.sage200.model.NewSalesOrder.builder().customerId(1).build());

    assertThat(sleeps).containsExactly(Duration.ofSeconds(12));
    wm.verify(1, postRequestedFor(urlPathEqualTo(BASE + "/sop_orders")));
  }

  @Test
  void aTokenRefreshConnectionFailureLetsThePostItPrecededBeRetried() {
    wm.stubFor(post(urlPathEqualTo("/oauth/token")).inScenario("t").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER))
        .willSetStateTo("ok"));
    wm.stubFor(post(urlPathEqualTo("/oauth/token")).inScenario("t").whenScenarioStateIs("ok")
        .willReturn(okJson(tokenJson("access-1", REFRESH))));
    wm.stubFor(post(urlPathEqualTo(BASE + "/sop_orders")).willReturn(okJson("{\"id\": 5, \"customer_id\": 1}")));

    assertThat(builder().tokenProvider(provider()).build().salesOrders()
        .create(io.github.centrasage.sage200.model.NewSalesOrder.builder().customerId(1).build()).id()).isEqualTo(5L);

    assertThat(sleeps).hasSize(1);
    wm.verify(2, postRequestedFor(urlPathEqualTo("/oauth/token")));
    wm.verify(1, postRequestedFor(urlPathEqualTo(BASE + "/sop_orders")));
  }

  @Test
  void aTokenRefreshTimeoutIsNotAnInterrupt() {
    wm.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(okJson(tokenJson("a", REFRESH)).withFixedDelay(400)));
    SageIdTokenProvider slow = SageIdTokenProvider.builder()
        .tokenUrl(wm.baseUrl() + "/oauth/token").allowPlainHttp(true)
        .credentials(SageIdCredentials.of("client-1", SECRET)).refreshToken(REFRESH)
        .onRefreshTokenRotated(rotated::add).timeout(Duration.ofMillis(100)).build();

    assertThatThrownBy(slow::accessToken).isInstanceOfSatisfying(Sage200ConnectionException.class, e -> {
      assertThat(e.getCause()).isInstanceOf(java.io.InterruptedIOException.class);
      assertThat(e.wasInterrupted()).isFalse();
      assertThat(e.isRetryable()).isTrue();
    });
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void aRefusedRefreshIsAnAuthenticationFailureWithoutSecrets() {
    wm.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(aResponse().withStatus(403)
        .withBody("{\"error\": \"invalid_grant\", \"error_description\": \"Unknown or invalid refresh token.\"}")));
    assertThatThrownBy(() -> provider().accessToken()).isInstanceOfSatisfying(Sage200AuthenticationException.class,
        e -> assertThat(e.getMessage()).contains("invalid_grant").doesNotContain(SECRET).doesNotContain(REFRESH));
  }

  @Test
  void unauthorizedCallRefreshesOnceAndRetriesOnce() {
    wm.stubFor(post(urlPathEqualTo("/oauth/token")).inScenario("t").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(okJson(tokenJson("access-1", REFRESH))).willSetStateTo("second"));
    wm.stubFor(post(urlPathEqualTo("/oauth/token")).inScenario("t").whenScenarioStateIs("second")
        .willReturn(okJson(tokenJson("access-2", REFRESH))));
    wm.stubFor(get(urlPathEqualTo(BASE + "/tax_codes/1")).withHeader("Authorization", equalTo("Bearer access-1"))
        .willReturn(aResponse().withStatus(401).withBody("{\"Message\": \"Authorization has been denied for this request.\"}")));
    wm.stubFor(get(urlPathEqualTo(BASE + "/tax_codes/1")).withHeader("Authorization", equalTo("Bearer access-2"))
        .willReturn(okJson("{\"id\": 1}")));
    Sage200Client sage = builder().tokenProvider(provider()).build();

    assertThat(sage.taxCodes().get(1).id()).isEqualTo(1L);

    wm.verify(2, postRequestedFor(urlPathEqualTo("/oauth/token")));
    wm.verify(2, getRequestedFor(urlPathEqualTo(BASE + "/tax_codes/1")));
  }

  @Test
  void aSecond401AfterRefreshSurfaces() {
    wm.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(okJson(tokenJson("access-x", REFRESH))));
    wm.stubFor(get(urlPathEqualTo(BASE + "/tax_codes/1")).willReturn(aResponse().withStatus(401)));
    Sage200Client sage = builder().tokenProvider(provider()).build();
    assertThatThrownBy(() -> sage.taxCodes().get(1)).isInstanceOf(Sage200AuthenticationException.class);
    wm.verify(2, getRequestedFor(urlPathEqualTo(BASE + "/tax_codes/1")));
  }

  @Test
  void builderNamesEveryMissingSettingAndRedactsToString() {
    assertThatThrownBy(() -> SageIdTokenProvider.builder().build())
        .hasMessageContaining("credentials")
        .hasMessageContaining("refreshToken").hasMessageContaining("onRefreshTokenRotated");
    assertThatThrownBy(() -> SageIdTokenProvider.builder().tokenUrl("http://id.example/oauth/token")
        .credentials(SageIdCredentials.of("c", "s")).refreshToken("r").onRefreshTokenRotated(t -> { }).build())
        .hasMessageContaining("https");
    assertThatThrownBy(() -> SageIdTokenProvider.builder().tokenUrl("htps://user:pw@id.example/oauth/token")
        .timeout(Duration.ZERO).refreshMargin(Duration.ofSeconds(-1)).build())
        .as("every problem in one exception, the URL without its user info")
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("SageIdTokenProvider cannot be built: ")
        .hasMessageContaining("credentials is missing").hasMessageContaining("timeout must be positive")
        .hasMessageContaining("refreshMargin must be zero or positive")
        .hasMessageContaining("tokenUrl is not an http(s) URL: 'htps://…@id.example/oauth/token'")
        .hasMessageNotContaining("pw@");
    assertThat(provider().toString()).doesNotContain(SECRET).doesNotContain(REFRESH).contains("client-1");
    assertThat(SageIdCredentials.of("id", SECRET).toString()).doesNotContain(SECRET).contains("***");
  }
}
