package io.github.centrasage.sage200;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.centrasage.http.RetrySettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;

/**
 * One WireMock server on a free port for the whole test JVM (starting one per class cost more than
 * the tests), reset before each test, and a client pointed at it with a recording, non-waiting sleeper.
 */
abstract class WireMockTestBase {
  static final String BASE = "/uk/sage200extra/accounts/v1";
  static final String SITE = "5a1c7c4e-0000-4000-8000-00000000abcd";
  static final String TOKEN = "test-access-token-123";

  static final WireMockServer wm = startServer();

  private static WireMockServer startServer() {
    WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    return server;
  }

  @BeforeEach
  void resetServer() {
    wm.resetAll();
  }

  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  Sage200Client.Builder builder() {
    return Sage200Client.builder()
        .baseUrl(wm.baseUrl() + BASE)
        .allowPlainHttp(true)
        .siteId(SITE)
        .companyId(123)
        .tokenProvider(TokenProvider.staticToken(TOKEN))
        .sleeper(sleeps::add)
        .retrySettings(RetrySettings.builder().maxAttempts(3).build());
  }

  Sage200Client client() {
    return builder().build();
  }
}
