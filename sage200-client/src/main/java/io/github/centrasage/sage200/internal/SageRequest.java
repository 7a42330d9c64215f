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
  /** A GET that changes state on the server (takes a record lock), so it is not a safe read. */
  final boolean sideEffect;

  private SageRequest(String method, List<String> path, Map<String, String> query, String jsonBody,
      boolean companyScoped) {
    this(method, path, query, jsonBody, companyScoped, false);
  }

  private SageRequest(String method, List<String> path, Map<String, String> query, String jsonBody,
      boolean companyScoped, boolean sideEffect) {
    this.method = method;
    this.path = List.copyOf(path);
    this.query = Collections.unmodifiableMap(new LinkedHashMap<>(query)); // keeps $filter, $orderby… in order
    this.jsonBody = jsonBody;
    this.companyScoped = companyScoped;
    this.sideEffect = sideEffect;
  }

  public static SageRequest get(List<String> path, Map<String, String> query) {
    return new SageRequest("GET", path, query, null, true);
  }

  /** {@code GET /sites}: the one call made before a site and company are known. */
  public static SageRequest unscopedGet(List<String> path) {
    return new SageRequest("GET", path, Map.of(), null, false);
  }

  /**
   * A GET that takes a lock ({@code $expand=is_to_lock}): if its response is lost, the record may be
   * locked under a lock id this client never saw, so it is retried only when surely never sent.
   */
  public static SageRequest lockingGet(List<String> path, Map<String, String> query) {
    return new SageRequest("GET", path, query, null, true, true);
  }

  public static SageRequest post(List<String> path, String jsonBody) {
    return new SageRequest("POST", path, Map.of(), jsonBody, true);
  }

  public static SageRequest put(List<String> path, String jsonBody) {
    return new SageRequest("PUT", path, Map.of(), jsonBody, true);
  }

  /** True for a safe read: sending it twice changes nothing on the server. */
  boolean isRead() {
    return method.equals("GET") && !sideEffect;
  }

  String describe() {
    return method + " /" + String.join("/", path);
  }
}
