package io.github.centrasage.sandbox;

import static io.github.centrasage.sandbox.Http.enc;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Sage sandbox survives any {@code $filter} it can receive: huge literals, long chains and deep
 * nesting answer as Sage would (rows, or a 400 naming the problem), never a 500 from its own stack.
 */
class Sage200SandboxHostileFilterTest {
  final Sage200Sandbox sandbox = Sage200Sandbox.start();

  @AfterEach
  void stop() {
    sandbox.close();
  }

  /** HTTP/1.1 only: a long URL is a long request line, not an HTTP/2 upgrade. */
  static final HttpClient HTTP11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  Http.Response customers(String filter) throws Exception {
    String url = sandbox.baseUrl() + "/customers?$filter=" + enc(filter);
    HttpResponse<String> r = HTTP11.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + sandbox.token()).header("X-Site", sandbox.siteId())
        .header("X-Company", String.valueOf(sandbox.companyId())).GET().build(), HttpResponse.BodyHandlers.ofString());
    return new Http.Response(r.statusCode(), r.body(), r.headers());
  }

  @Test
  void aTenThousandCharacterStringLiteralIsJustALiteral() throws Exception {
    for (String literal : List.of("x".repeat(10_000), "''".repeat(1_000), "\uD83D\uDE00".repeat(500))) {
      Http.Response r = customers("reference eq '" + literal + "'");
      assertThat(r.status()).as(r.body().length() > 300 ? r.body().substring(0, 300) : r.body()).isEqualTo(200);
      assertThat(r.array()).isEmpty();
    }
    Http.Response found = customers("reference eq 'WEBGBP' or name eq '" + "y".repeat(10_000) + "'");
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.array()).extracting(c -> c.get("reference")).containsExactly("WEBGBP");
  }

  @Test
  void longChainsAnswerAndDeepNestingIsRefusedWithAReason() throws Exception {
    List<String> terms = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      terms.add("reference eq 'R" + i + "'");
    }
    terms.add("reference eq 'WEBGBP'");
    Http.Response chain = customers(String.join(" or ", terms));
    assertThat(chain.status()).isEqualTo(200);
    assertThat(chain.array()).extracting(c -> c.get("reference")).containsExactly("WEBGBP");
    Http.Response ands = customers(String.join(" and ", List.of("id gt 0").stream()
        .flatMap(t -> java.util.stream.Stream.generate(() -> t).limit(600)).toList()));
    assertThat(ands.status()).isEqualTo(200);

    for (String deep : List.of("(".repeat(1_000) + "id eq 1" + ")".repeat(1_000), "not ".repeat(1_500) + "id eq 1",
        "tolower(".repeat(800) + "name" + ")".repeat(800) + " eq 'x'", "'unterminated", "id eq 1 ~")) {
      Http.Response r = customers(deep);
      assertThat(r.status()).as(deep.substring(0, Math.min(20, deep.length()))).isEqualTo(400);
      assertThat(r.body()).contains("$filter").hasSizeLessThan(2_000);
    }
  }
}
