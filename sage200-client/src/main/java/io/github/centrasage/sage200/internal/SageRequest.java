package io.github.centrasage.sage200.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One API call as the resources describe it; the transport turns it into HTTP. */
public final class SageRequest {
  final String method;
  final List<String> path;
  final Map<String, String> query;
  final String jsonBody;
  final boolean companyScoped;

  private SageRequest(String method, List<String> path, Map<String, String> query, String jsonBody,
      boolean companyScoped) {
    this.method = method;
    this.path = List.copyOf(path);
    this.query = Collections.unmodifiableMap(new LinkedHashMap<>(query)); // keeps $filter, $orderby… in order
    this.jsonBody = jsonBody;
    this.companyScoped = companyScoped;
  }

  public static SageRequest get(List<String> path, Map<String, String> query) {
    return new SageRequest("GET", path, query, null, true);
  }

  /** {@code GET /sites}: the one call made before a site and company are known. */
  public static SageRequest unscopedGet(List<String> path) {
    return new SageRequest("GET", path, Map.of(), null, false);
  }

  public static SageRequest post(List<String> path, String jsonBody) {
    return new SageRequest("POST", path, Map.of(), jsonBody, true);
  }

  public static SageRequest put(List<String> path, String jsonBody) {
    return new SageRequest("PUT", path, Map.of(), jsonBody, true);
  }

  boolean isRead() {
    return method.equals("GET");
  }

  String describe() {
    return method + " /" + String.join("/", path);
  }
}
