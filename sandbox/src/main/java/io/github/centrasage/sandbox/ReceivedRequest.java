package io.github.centrasage.sandbox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request a sandbox received, as it arrived: the operation it was recognised as, the decoded
 * path and query options (so an OData {@code $filter} reads exactly as the client sent it) and the
 * body (a GraphQL document with its variables, or a Sage JSON payload). Headers are left out on
 * purpose: they carry the bearer token.
 *
 * <pre>{@code assertThat(sage.receivedRequests("GET /customer_emails")).extracting(r -> r.query().get("$filter"))
 *     .containsExactly("email eq 'o''hara@example.com'");}</pre>
 *
 * @param operation a Centra root field, or {@code "METHOD /path/{id}"} for Sage
 * @param method the HTTP method, upper case
 * @param path the decoded path
 * @param query the decoded query options, in the order received
 * @param body the request body; empty when there was none
 */
public record ReceivedRequest(String operation, String method, String path, Map<String, String> query, String body) {
  /** Copies {@code query}, so the journal cannot be changed through it. */
  public ReceivedRequest {
    query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    body = body == null ? "" : body;
  }
}
