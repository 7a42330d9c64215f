package io.github.centrasage.centra;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.github.centrasage.http.RetrySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/** A WireMock Centra on a free port, a client pointed at it, and helpers to read what it received. */
abstract class CentraWireMockTest {
  static final String TOKEN = "test-token-7f3a9c";
  private static final JsonAdapter<Map<String, Object>> MAP =
      new Moshi.Builder().build().adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  /** One server for the whole test JVM (starting Jetty is the slow part); reset before every test. */
  private static final WireMockServer SERVER = startServer();

  WireMockServer wm;
  CentraClient client;
  /** Every retry wait the client asked for; the recording sleeper returns at once. */
  final List<Duration> sleeps = new java.util.concurrent.CopyOnWriteArrayList<>();

  private static WireMockServer startServer() {
    WireMockServer server = new WireMockServer(options().dynamicPort());
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    return server;
  }

  @BeforeEach
  void resetServer() {
    wm = SERVER;
    wm.resetAll();
    client = clientBuilder().build();
  }

  CentraClient.Builder clientBuilder() {
    return CentraClient.builder()
        .baseUrl(wm.baseUrl())
        .allowPlainHttp(true)
        .token(TOKEN)
        .sleeper(sleeps::add)
        .retrySettings(RetrySettings.builder().maxAttempts(3).initialDelay(Duration.ofMillis(1))
            .maxDelay(Duration.ofMillis(2)).build());
  }

  /** Answers every POST /graphql with {@code {"data": <data>}}. */
  void stubData(String dataJson) {
    stub(post(urlEqualTo("/graphql")), ok("{\"data\":" + dataJson + "}"));
  }

  void stub(MappingBuilder mapping, ResponseDefinitionBuilder response) {
    wm.stubFor(mapping.willReturn(response));
  }

  static ResponseDefinitionBuilder ok(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
  }

  /** Request bodies in the order they arrived. */
  List<Map<String, Object>> requests() {
    List<ServeEvent> events = new ArrayList<>(wm.getAllServeEvents());
    Collections.reverse(events);
    List<Map<String, Object>> bodies = new ArrayList<>();
    for (ServeEvent e : events) {
      bodies.add(json(e.getRequest().getBodyAsString()));
    }
    return bodies;
  }

  Map<String, Object> onlyRequest() {
    List<Map<String, Object>> all = requests();
    if (all.size() != 1) {
      throw new AssertionError("expected exactly one request, got " + all.size());
    }
    return all.get(0);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> variables(Map<String, Object> request) {
    return (Map<String, Object>) request.get("variables");
  }

  static Map<String, Object> json(String text) {
    try {
      return MAP.fromJson(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
