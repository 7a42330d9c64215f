package io.github.centrasage.examples.reliability;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for Sage ID's token endpoint: each refresh issues a short-lived access token (the
 * sandbox's, which is the only one it accepts) and rotates the refresh token. The refresh token
 * just replaced is still honoured once more, so a client killed between the rotation and saving
 * the new one can go on (see docs/known-unknowns.md).
 */
final class SageIdEndpoint implements AutoCloseable {
  static final String CLIENT_ID = "reliability-client";
  static final String CLIENT_SECRET = "client-SECRET-5d1e2b";
  static final String FIRST_REFRESH_TOKEN = "refresh-SECRET-0";

  private final HttpServer server;
  private final AtomicInteger refreshes = new AtomicInteger();
  private final AtomicInteger rejected = new AtomicInteger();
  private volatile String current = FIRST_REFRESH_TOKEN;
  private volatile String previous = "";

  SageIdEndpoint(String accessToken, int expiresInSeconds) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/oauth/token", exchange -> {
      Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      String body;
      int status;
      synchronized (this) {
        String presented = form.getOrDefault("refresh_token", "");
        if (!CLIENT_SECRET.equals(form.get("client_secret")) || !"refresh_token".equals(form.get("grant_type"))
            || !(presented.equals(current) || presented.equals(previous))) {
          rejected.incrementAndGet();
          status = 400;
          body = "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token not valid\"}";
        } else {
          previous = presented;
          current = "refresh-SECRET-" + refreshes.incrementAndGet();
          status = 200;
          body = "{\"access_token\":\"" + accessToken + "\",\"expires_in\":" + expiresInSeconds
              + ",\"token_type\":\"Bearer\",\"refresh_token\":\"" + current + "\"}";
        }
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
  }

  String tokenUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth/token";
  }

  int refreshes() {
    return refreshes.get();
  }

  int rejected() {
    return rejected.get();
  }

  /** Every refresh token issued so far (all of them secrets). */
  java.util.List<String> issuedRefreshTokens() {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i <= refreshes.get(); i++) {
      out.add("refresh-SECRET-" + i);
    }
    return out;
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
