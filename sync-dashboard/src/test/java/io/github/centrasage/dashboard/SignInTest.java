package io.github.centrasage.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.dashboard.internal.DashboardRequest;
import io.github.centrasage.dashboard.internal.DashboardResponse;
import io.github.centrasage.dashboard.internal.DashboardRuntime;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobState;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard as a host serves it to more than this machine (DashboardServlet): mounted under a
 * path, reading needs the token (a sign-in for people, a header for scripts), and every link,
 * form, redirect and cookie stays under the mount path. Requests go straight to the server-neutral
 * core, as both adapters send them.
 */
class SignInTest {
  private static final String TOKEN = "sign-in-token-0123456789";
  private static final String BASE = "/ops/sync";

  private final TestShop shop = new TestShop();
  private final DashboardRuntime runtime = SyncDashboard.runtime(shop.engine,
      DashboardOptions.builder().token(TOKEN).build(), TOKEN, "test", true, "sign-in-test-charts");
  /** The browser's cookies. */
  private final Map<String, String> cookies = new HashMap<>();

  @AfterEach
  void stop() {
    runtime.close();
    shop.close();
  }

  @Test
  void nothingIsShownBeforeSigningInExceptTheSignInPageAndItsAssets() {
    shop.orders.broken.put("1001", "No Sage currency is mapped for EUR");
    shop.importOrders("1001");

    DashboardResponse page = send("GET", "/", null);
    assertThat(page.status()).isEqualTo(401);
    assertThat(text(page)).contains("Sign in", "action=\"" + BASE + "/login\"", "href=\"" + BASE + "/assets/dashboard.css\"")
        .doesNotContain("1001");
    assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
    for (String path : List.of("/jobs/1", "/orders/1001", "/api/jobs/1", "/api/orders/1001")) {
      DashboardResponse r = send("GET", path, null);
      assertThat(r.status()).as(path).isEqualTo(401);
      assertThat(text(r)).as(path).doesNotContain("1001");
    }
    assertThat(text(send("GET", "/api/status", null))).contains("X-Dashboard-Token");
    assertThat(send("GET", "/assets/dashboard.css", null).status()).isEqualTo(200);
    // a replay without signing in is refused before anything else is looked at
    assertThat(send("POST", "/api/jobs/1/replay", form("token", TOKEN)).status()).isEqualTo(401);
    assertThat(shop.store.job(1).orElseThrow().state()).isEqualTo(JobState.PARKED);
  }

  @Test
  void aScriptReadsWithTheTokenHeader() {
    DashboardResponse r = core(new DashboardRequest("GET", BASE, "/api/status", null,
        name -> name.equalsIgnoreCase("Host") ? List.of("ops.example") : name.equalsIgnoreCase("X-Dashboard-Token")
            ? List.of(TOKEN) : List.of(), new ByteArrayInputStream(new byte[0]), "test", false));
    assertThat(r.status()).isEqualTo(200);
    assertThat(text(r)).startsWith("{\"generatedAt\":");

    DashboardResponse wrong = core(new DashboardRequest("GET", BASE, "/api/status", null,
        name -> name.equalsIgnoreCase("Host") ? List.of("ops.example") : name.equalsIgnoreCase("X-Dashboard-Token")
            ? List.of(TOKEN + "x") : List.of(), new ByteArrayInputStream(new byte[0]), "test", false));
    assertThat(wrong.status()).isEqualTo(401);
  }

  @Test
  void aPersonSignsInWithTheTokenThenReplaysUnderTheMountPath() {
    shop.orders.broken.put("1002", "No Sage currency is mapped for EUR");
    Job parked = shop.importOrders("1002").get(0);
    String csrf = csrfOf(text(send("GET", "/login", null)));

    DashboardResponse wrongToken = send("POST", "/login", form("csrf", csrf, "token", "a-wrong-token-of-length"));
    assertThat(wrongToken.status()).isEqualTo(403);
    assertThat(text(wrongToken)).contains("The dashboard token is wrong").doesNotContain("a-wrong-token-of-length");
    assertThat(send("POST", "/login", form("csrf", "abc.def", "token", TOKEN)).status()).isEqualTo(403);
    assertThat(send("GET", "/", null).status()).isEqualTo(401);

    DashboardResponse signedIn = send("POST", "/login", form("csrf", csrf, "token", TOKEN));
    assertThat(signedIn.status()).isEqualTo(303);
    assertThat(signedIn.header("Location")).isEqualTo(BASE + "/");
    assertThat(signedIn.headers()).anySatisfy(h -> assertThat(h.getValue())
        .startsWith("sync_dashboard_session_test=").contains("; Path=" + BASE + ";", "HttpOnly", "SameSite=Strict")
        .doesNotContain(TOKEN));

    DashboardResponse page = send("GET", "/", null);
    assertThat(page.status()).isEqualTo(200);
    String action = BASE + "/api/jobs/" + parked.id() + "/replay";
    assertThat(text(page)).contains("1002", "action=\"" + action + "\"", "href=\"" + BASE + "/jobs/" + parked.id() + "\"",
        "action=\"" + BASE + "/orders\"").doesNotContain("href=\"/jobs");

    // signed in, a replay still needs the form's CSRF value and the token
    assertThat(send("POST", "/api/jobs/" + parked.id() + "/replay", form("token", TOKEN)).status()).isEqualTo(403);
    shop.orders.broken.clear();
    DashboardResponse replayed = send("POST", "/api/jobs/" + parked.id() + "/replay", form("csrf", csrf, "token", TOKEN));
    assertThat(replayed.status()).isEqualTo(303);
    assertThat(replayed.header("Location")).isEqualTo(BASE + "/jobs/" + parked.id() + "?done=replay");
    assertThat(shop.store.job(parked.id()).orElseThrow().state()).isEqualTo(JobState.QUEUED);
  }

  private DashboardResponse send(String method, String path, String formBody) {
    List<String> cookieHeader = cookies.isEmpty() ? List.of() : List.of(String.join("; ",
        cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
    Map<String, List<String>> headers = new HashMap<>();
    headers.put("host", List.of("ops.example"));
    headers.put("cookie", cookieHeader);
    if (formBody != null) {
      headers.put("content-type", List.of("application/x-www-form-urlencoded"));
    }
    int q = path.indexOf('?');
    DashboardResponse r = core(new DashboardRequest(method, BASE, q < 0 ? path : path.substring(0, q),
        q < 0 ? null : path.substring(q + 1), name -> headers.getOrDefault(name.toLowerCase(), List.of()),
        new ByteArrayInputStream(formBody == null ? new byte[0] : formBody.getBytes(StandardCharsets.UTF_8)),
        "test", false));
    for (Map.Entry<String, String> h : r.headers()) {
      if (h.getKey().equalsIgnoreCase("Set-Cookie")) {
        String pair = h.getValue().split(";")[0];
        cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
      }
    }
    return r;
  }

  private DashboardResponse core(DashboardRequest request) {
    return runtime.core().handle(request);
  }

  private static String text(DashboardResponse r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  private static String form(String... pairs) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      parts.add(pairs[i] + "=" + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return String.join("&", parts);
  }

  private static String csrfOf(String page) {
    Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
    assertThat(m.find()).as("the page has a form with a CSRF value").isTrue();
    return m.group(1);
  }
}
