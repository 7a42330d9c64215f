package io.github.centrasage.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.CentraSandbox;
import io.github.centrasage.sandbox.Sage200Sandbox;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobAttempt;
import io.github.centrasage.sync.spi.JobState;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard served by the sample application itself, at {@code /centra-sage200} on the
 * application's port: a person signs in with the token, sees a parked order and replays it, and the
 * same guards as the standalone dashboard hold (the form's CSRF value, the token).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // the engine stops with the class: it would go on polling the sandboxes it closed
class DashboardInTheApplicationTest {
  private static final String TOKEN = Sandboxes.DASHBOARD_TOKEN;
  @RegisterExtension static final Sandboxes sandboxes = Sandboxes.start();
  private static final CentraSandbox centra = sandboxes.centra;
  private static final Sage200Sandbox sage = sandboxes.sage;

  @LocalServerPort int port;
  @Autowired SyncEngine engine;

  private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    sandboxes.register(registry);
  }

  @Test
  void aPersonSignsInSeesTheParkedOrderAndReplaysItThroughTheGuards() throws Exception {
    Sandboxes.awaitFirstOrderDiscovery(engine);
    // the sample maps GBP only: a euro order parks for a person
    CentraOrder order = centra.placeOrder("EUR", Map.of(centra.catalogItems().get(2).sku(), 1));
    String number = String.valueOf(order.number());
    Job parked = await().atMost(Duration.ofSeconds(60)).until(
        () -> engine.parkedJobs(OrderImport.NAME, 10).stream().filter(j -> j.reference().contains(number))
            .findFirst().orElse(null), j -> j != null);

    // nothing is shown before signing in: the app's port is reachable beyond this machine
    HttpResponse<String> anonymous = get("/centra-sage200/");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).contains("Sign in", "action=\"/centra-sage200/login\"")
        .doesNotContain(number);
    assertThat(get("/centra-sage200/api/status").statusCode()).isEqualTo(401);
    assertThat(post("/centra-sage200/login", form("csrf", csrfOf(anonymous.body()), "token", "not-the-token-at-all"))
        .statusCode()).isEqualTo(403);

    HttpResponse<String> signedIn = post("/centra-sage200/login",
        form("csrf", csrfOf(get("/centra-sage200/login").body()), "token", TOKEN));
    assertThat(signedIn.statusCode()).isEqualTo(303);
    assertThat(signedIn.headers().firstValue("Location")).hasValue("/centra-sage200/");

    HttpResponse<String> page = get("/centra-sage200/");
    String action = "/centra-sage200/api/jobs/" + parked.id() + "/replay";
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(number, "action=\"" + action + "\"",
        "href=\"/centra-sage200/assets/dashboard.css\"").doesNotContain(TOKEN, centra.token(), sage.token());
    assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString().contains("frame-ancestors 'none'");
    String csrf = csrfOf(page.body());

    // the form without its CSRF value is refused, and the job stays parked
    HttpResponse<String> noCsrf = post(action, form("token", TOKEN));
    assertThat(noCsrf.statusCode()).isEqualTo(403);
    assertThat(noCsrf.body()).contains("reload it and try again");
    assertThat(engine.store().job(parked.id())).get().extracting(Job::state).isEqualTo(JobState.PARKED);
    assertThat(outcomes(parked.id())).doesNotContain(JobAttempt.Outcome.REPLAYED);

    // with it, the job goes back in the queue
    HttpResponse<String> replayed = post(action, form("csrf", csrf, "token", TOKEN));
    assertThat(replayed.statusCode()).isEqualTo(303);
    assertThat(replayed.headers().firstValue("Location")).hasValue("/centra-sage200/jobs/" + parked.id() + "?done=replay");
    assertThat(outcomes(parked.id())).contains(JobAttempt.Outcome.REPLAYED);

    // scripts read the JSON API with the token header; its JSON is the standalone dashboard's
    HttpResponse<String> status = http.send(HttpRequest.newBuilder(url("/centra-sage200/api/status"))
        .header("X-Dashboard-Token", TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.body()).startsWith("{\"generatedAt\":").contains("\"flow\":\"OrderImport\"");
  }

  private List<JobAttempt.Outcome> outcomes(long jobId) {
    return engine.store().history(jobId).stream().map(JobAttempt::outcome).toList();
  }

  private URI url(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(url(path)).header("Content-Type", "application/x-www-form-urlencoded")
        .header("Origin", "http://localhost:" + port).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String form(String... pairs) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      b.append(i == 0 ? "" : "&").append(pairs[i]).append('=')
          .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return b.toString();
  }

  private static String csrfOf(String page) {
    Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
    assertThat(m.find()).as("the page has a form with a CSRF value").isTrue();
    return m.group(1);
  }
}
