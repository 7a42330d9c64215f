package io.github.centrasage.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.sandbox.CentraSandbox;
import io.github.centrasage.sandbox.Sage200Sandbox;
import io.github.centrasage.sync.SyncEngine;
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
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard inside an application that has Spring Security: reading is the application's
 * security's to allow (and anonymous requests are refused even where a rule lets them through),
 * the page's forms carry Spring Security's CSRF token next to the dashboard's own, and a replay
 * still needs the dashboard's token.
 */
@SpringBootTest(classes = DashboardBehindSpringSecurityTest.SecuredApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardBehindSpringSecurityTest {
  private static final String TOKEN = "secured-dashboard-token-01";
  private static final String OPS = "Basic " + Base64.getEncoder().encodeToString("ops:ops-password"
      .getBytes(StandardCharsets.UTF_8));
  /** A signed-in user of the application without the dashboard's reader role (a shop's customer). */
  private static final String SHOPPER = "Basic " + Base64.getEncoder().encodeToString("shopper:shopper-password"
      .getBytes(StandardCharsets.UTF_8));
  private static final CentraSandbox centra = CentraSandbox.start();
  private static final Sage200Sandbox sage = Sage200Sandbox.start();

  @LocalServerPort int port;
  @Autowired SyncEngine engine;

  private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class SecuredApp {
    @Bean
    DataSource dataSource() throws Exception {
      JdbcDataSource ds = new JdbcDataSource();
      ds.setURL("jdbc:h2:file:" + Files.createTempDirectory("secured-app").resolve("sync"));
      return ds;
    }

    @Bean
    CentraSage200AutoConfigurationTest.AlwaysParks alwaysParks() {
      return new CentraSage200AutoConfigurationTest.AlwaysParks();
    }

    @Bean
    InMemoryUserDetailsManager users() {
      return new InMemoryUserDetailsManager(User.withUsername("ops").password("{noop}ops-password").roles("OPS").build(),
          User.withUsername("shopper").password("{noop}shopper-password").roles("CUSTOMER").build());
    }

    /** A rule that forgets the dashboard's status address: the dashboard must still refuse it. */
    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
      // /error too, so that a refusal reaches the client as 403 rather than as the error page's 401
      return http.authorizeHttpRequests(a -> a.requestMatchers("/centra-sage200/api/status", "/error").permitAll()
              .anyRequest().authenticated())
          .httpBasic(Customizer.withDefaults()).build();
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    for (String property : CentraSage200AutoConfigurationTest.sandboxProperties(centra, sage)) {
      int eq = property.indexOf('=');
      registry.add(property.substring(0, eq), () -> property.substring(eq + 1));
    }
    registry.add("centra-sage200.flows.order-import.enabled", () -> "false");
    registry.add("centra-sage200.flows.stock-publish.enabled", () -> "false");
    registry.add("centra-sage200.dashboard.token", () -> TOKEN);
    registry.add("centra-sage200.dashboard.reading", () -> "application-security");
    registry.add("centra-sage200.dashboard.reader-role", () -> "OPS");
  }

  @AfterAll
  static void stopSandboxes() {
    centra.close();
    sage.close();
  }

  @Test
  void theApplicationsSecurityGuardsReadingAndItsCsrfTokenTravelsWithTheForms() throws Exception {
    engine.runOnce("AlwaysParks");
    Job parked = engine.parkedJobs("AlwaysParks", 5).get(0);

    assertThat(send(get("/centra-sage200/")).statusCode()).isEqualTo(401);
    HttpResponse<String> letThrough = send(get("/centra-sage200/api/status"));
    assertThat(letThrough.statusCode()).as("refused although the rule lets it through").isEqualTo(401);
    assertThat(letThrough.body()).doesNotContain("AlwaysParks");
    HttpResponse<String> shopper = send(get("/centra-sage200/api/status").header("Authorization", SHOPPER));
    assertThat(shopper.statusCode()).as("a signed-in user without the reader role").isEqualTo(403);
    assertThat(shopper.body()).doesNotContain("AlwaysParks");

    HttpResponse<String> page = send(get("/centra-sage200/").header("Authorization", OPS));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("R1", "name=\"_csrf\"").doesNotContain("Sign in");
    String dashboardCsrf = field(page.body(), "csrf");
    String springCsrf = field(page.body(), "_csrf");
    String action = "/centra-sage200/api/jobs/" + parked.id() + "/replay";

    // Spring Security stops a form without its token, before the dashboard sees it
    assertThat(send(post(action, form("csrf", dashboardCsrf, "token", TOKEN))).statusCode()).isEqualTo(403);
    // the dashboard stops a form without its own CSRF value, and one without the token
    HttpResponse<String> noDashboardCsrf = send(post(action, form("_csrf", springCsrf, "token", TOKEN)));
    assertThat(noDashboardCsrf.statusCode()).isEqualTo(403);
    assertThat(noDashboardCsrf.body()).contains("reload it and try again");
    HttpResponse<String> noToken = send(post(action, form("_csrf", springCsrf, "csrf", dashboardCsrf)));
    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat(noToken.body()).contains("The dashboard token is wrong");
    assertThat(engine.store().job(parked.id())).get().extracting(Job::state).isEqualTo(JobState.PARKED);

    HttpResponse<String> replayed = send(post(action, form("_csrf", springCsrf, "csrf", dashboardCsrf, "token", TOKEN)));
    assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(303);
    assertThat(engine.store().job(parked.id())).get().extracting(Job::state).isEqualTo(JobState.QUEUED);
    assertThat(engine.store().history(parked.id())).extracting(JobAttempt::outcome).contains(JobAttempt.Outcome.REPLAYED);
  }

  private HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
  }

  private HttpRequest.Builder post(String path, String body) {
    return get(path).header("Authorization", OPS).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String form(String... pairs) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      b.append(i == 0 ? "" : "&").append(pairs[i]).append('=')
          .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return b.toString();
  }

  private static String field(String page, String name) {
    Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]+)\"").matcher(page);
    assertThat(m.find()).as("the page's form has " + name).isTrue();
    return m.group(1);
  }
}
