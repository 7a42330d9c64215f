package io.github.centrasage.centra;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.http.RetrySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class CentraConcurrencyTest extends CentraWireMockTest {

  @Test
  void oneClientServesManyThreadsEachGettingItsOwnResult() throws Exception {
    for (int n = 1; n <= 8; n++) {
      stub(post(urlEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.variables.where.number", equalTo(String.valueOf(n)))),
          ok("{\"data\": {\"orders\": [" + Fixtures.order(n) + "]}}"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Long>> results = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        for (long n = 1; n <= 8; n++) {
          long number = n;
          results.add(pool.submit(() -> client.orders().byNumber(number).orElseThrow().number()));
        }
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i % 8 + 1L);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(requests()).hasSize(24);
  }

  @Test
  void interruptDuringBackoffStopsRetryingAndRestoresTheFlag() throws Exception {
    stub(post(urlEqualTo("/graphql")), aResponse().withStatus(503));
    CountDownLatch firstResponse = new CountDownLatch(1);
    OkHttpClient signalling = new OkHttpClient.Builder().eventListener(new EventListener() {
      @Override
      public void responseHeadersEnd(Call call, Response response) {
        firstResponse.countDown();
      }
    }).build();
    // The backoff must really wait (until interrupted): with the base class's recording sleeper the
    // retries could all finish before the interrupt arrives, which made this test flaky under load.
    CountDownLatch never = new CountDownLatch(1);
    client = clientBuilder().okHttpClient(signalling)
        .sleeper(delay -> never.await())
        .retrySettings(RetrySettings.builder().maxAttempts(5).initialDelay(Duration.ofMinutes(5))
            .maxDelay(Duration.ofMinutes(5)).build())
        .build();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> flagAfter = new AtomicReference<>();
    Thread worker = new Thread(() -> {
      try {
        client.rateLimits();
      } catch (Throwable t) {
        thrown.set(t);
      }
      flagAfter.set(Thread.currentThread().isInterrupted());
    });

    worker.start();
    assertThat(firstResponse.await(30, TimeUnit.SECONDS)).isTrue();
    worker.interrupt();
    worker.join(30_000);

    assertThat(worker.isAlive()).isFalse();
    assertThat(thrown.get()).isInstanceOfSatisfying(CentraConnectionException.class,
        e -> assertThat(e.wasInterrupted()).isTrue());
    assertThat(flagAfter.get()).isTrue();
    assertThat(requests()).hasSize(1);
  }
}
