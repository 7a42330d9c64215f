package io.github.centrasage.centra;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.centrasage.http.RetrySettings;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Timeouts versus interrupts, recorded retry waits, missing warehouses and the client-side limiter. */
class CentraReviewedFailuresTest extends CentraWireMockTest {

  @Test
  void aCallTimeoutIsARetryableTimeoutNotAnInterrupt() {
    stub(post(urlEqualTo("/graphql")), ok("{\"data\": {\"orders\": []}}").withFixedDelay(400));
    client = clientBuilder().callTimeout(Duration.ofMillis(100)).build();

    CentraConnectionException e = catchThrowableOfType(() -> client.orders().byNumber(1),
        CentraConnectionException.class);

    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.mayHaveReachedServer()).isTrue();
    awaitJournal(3);
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void aMutationThatTimesOutIsSentOnceAndAsksForALookup() {
    stub(post(urlEqualTo("/graphql")),
        ok("{\"data\": {\"confirmEvents\": {" + Fixtures.userMessages() + "}}}").withFixedDelay(400));
    client = clientBuilder().callTimeout(Duration.ofMillis(100)).build();

    CentraConnectionException e = catchThrowableOfType(() -> client.events().confirm(List.of(1L)),
        CentraConnectionException.class);

    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(e.requiresLookupBeforeRetry()).isTrue();
    awaitJournal(1);
  }

  @Test
  void retryWaitsGoThroughTheSleeperWithRetryAfterAndBackoff() {
    wm.stubFor(post(urlEqualTo("/graphql")).inScenario("r").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")).willSetStateTo("5xx"));
    wm.stubFor(post(urlEqualTo("/graphql")).inScenario("r").whenScenarioStateIs("5xx")
        .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
    wm.stubFor(post(urlEqualTo("/graphql")).inScenario("r").whenScenarioStateIs("ok")
        .willReturn(ok("{\"data\": {\"orders\": []}}")));
    client = clientBuilder().retrySettings(RetrySettings.builder().maxAttempts(3)
        .initialDelay(Duration.ofSeconds(4)).maxDelay(Duration.ofSeconds(60)).build()).build();

    assertThat(client.orders().byNumber(1)).isEmpty();

    assertThat(sleeps).hasSize(2);
    assertThat(sleeps.get(0)).isEqualTo(Duration.ofSeconds(7));
    // the second backoff step, 4 s × 2, spread by the default ± 25 % jitter
    assertThat(sleeps.get(1)).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(10));
  }

  @Test
  void anInterruptDuringARetryWaitStopsAndRestoresTheFlag() {
    stub(post(urlEqualTo("/graphql")), aResponse().withStatus(503));
    client = clientBuilder().sleeper(d -> {
      throw new InterruptedException();
    }).build();
    try {
      CentraConnectionException e = catchThrowableOfType(() -> client.orders().byNumber(1),
          CentraConnectionException.class);
      assertThat(e.isRetryable()).isFalse();
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    wm.verify(1, postRequestedFor(urlEqualTo("/graphql")));
  }

  @Test
  void aMissingWarehouseIsACentraNotFound() {
    stubData("{\"warehouse\": null}");

    assertThatThrownBy(() -> client.stock().warehouseStock(404).collect(Collectors.toList()))
        .isInstanceOfSatisfying(CentraNotFoundException.class, e -> {
          assertThat(e.isRetryable()).isFalse();
          assertThat(e.getMessage()).contains("404");
        });
  }

  @Test
  void aRefusedMutationPermitDoesNotSpendARequestPermit() {
    stubData("{\"confirmEvents\": {" + Fixtures.userMessages() + "}, \"orders\": []}");
    client = clientBuilder().rateLimits(CentraRateLimits.builder().requestsPerPeriod(2).mutationsPerPeriod(1)
        .period(Duration.ofHours(1)).maxWait(Duration.ZERO).build()).build();

    client.events().confirm(List.of(1L));
    CentraRateLimitException refused = catchThrowableOfType(() -> client.events().confirm(List.of(2L)),
        CentraRateLimitException.class);
    assertThat(refused.getMessage()).contains("mutation budget");

    // The second request permit is still there for a query.
    assertThat(client.orders().byNumber(1)).isEmpty();
    wm.verify(2, postRequestedFor(urlEqualTo("/graphql")));
  }

  /**
   * WireMock adds a request to its journal when the (delayed) response has been written, which can
   * be after the client gave up on it: wait, bounded, for the count instead of racing the server.
   */
  private void awaitJournal(int expected) {
    await().atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> wm.verify(expected, postRequestedFor(urlEqualTo("/graphql"))));
  }
}
