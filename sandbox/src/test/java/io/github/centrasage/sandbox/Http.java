package io.github.centrasage.sandbox;

import io.github.centrasage.sandbox.internal.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A plain-HTTP test client: what the real clients send, without depending on them. */
final class Http {
  static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  record Response(int status, String body, java.net.http.HttpHeaders headers) {
    Object json() {
      return Json.parse(body);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object() {
      return (Map<String, Object>) json();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> array() {
      return (List<Map<String, Object>>) json();
    }
  }

  static Response send(String method, String url, Map<String, String> headers, String body, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.body(), r.headers());
  }

  /** Sage request with the right headers; {@code path} is relative to the base URL and already encoded. */
  static Response sage(Sage200Sandbox sage, String method, String path, Object body) throws IOException, InterruptedException {
    return sage(sage, method, path, body, Duration.ofSeconds(10));
  }

  static Response sage(Sage200Sandbox sage, String method, String path, Object body, Duration timeout)
      throws IOException, InterruptedException {
    return send(method, sage.baseUrl() + path, Map.of("Authorization", "Bearer " + sage.token(), "X-Site", sage.siteId(),
        "X-Company", String.valueOf(sage.companyId())), body == null ? null : Json.write(body), timeout);
  }

  /** Centra GraphQL request: {@code query} plus variables. */
  static Response centra(CentraSandbox centra, String query, Map<String, Object> variables)
      throws IOException, InterruptedException {
    return centra(centra, query, variables, Duration.ofSeconds(10));
  }

  static Response centra(CentraSandbox centra, String query, Map<String, Object> variables, Duration timeout)
      throws IOException, InterruptedException {
    String body = Json.write(Map.of("query", query, "variables", variables));
    return send("POST", centra.graphqlUrl(), Map.of("Authorization", "Bearer " + centra.token()), body, timeout);
  }

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }

  private Http() {}
}
