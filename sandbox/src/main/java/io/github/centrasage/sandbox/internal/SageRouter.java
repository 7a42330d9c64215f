package io.github.centrasage.sandbox.internal;

import io.github.centrasage.sandbox.internal.HttpExchange.Answer;
import io.github.centrasage.sandbox.internal.HttpExchange.Request;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Maps a Sage request to the route that answers it. A request path becomes an operation name the
 * way the contract spells them ({@code GET /sop_orders/{id}/sop_order_lines}: every numeric segment
 * is {@code {id}}), and the operation is looked up in the table the route families filled. The
 * operation name is also what fault scopes, the request journal and the contract check key on.
 */
final class SageRouter {
  private static final Pattern NUMERIC = Pattern.compile("\\d+");

  /** Answers one request; {@code id} is the path's first numeric segment (0 when it has none). */
  @FunctionalInterface
  interface Route {
    Answer answer(Request request, long id);
  }

  /** A request matched to its operation and route. */
  static final class Match {
    final String operation;
    final Route route;
    final long id;

    private Match(String operation, Route route, long id) {
      this.operation = operation;
      this.route = route;
      this.id = id;
    }

    Answer answer(Request request) {
      return route.answer(request, id);
    }
  }

  private final String basePath;
  private final Map<String, Route> routes = new TreeMap<>();

  SageRouter(String basePath) {
    this.basePath = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
  }

  SageRouter get(String pattern, Route route) {
    return add("GET", pattern, route);
  }

  SageRouter post(String pattern, Route route) {
    return add("POST", pattern, route);
  }

  SageRouter put(String pattern, Route route) {
    return add("PUT", pattern, route);
  }

  SageRouter delete(String pattern, Route route) {
    return add("DELETE", pattern, route);
  }

  private SageRouter add(String method, String pattern, Route route) {
    String operation = method + " " + pattern;
    if (routes.putIfAbsent(operation, route) != null) {
      // two families answering one operation is a wiring mistake, not something to settle by order
      throw new IllegalStateException(operation + " has two routes");
    }
    return this;
  }

  /** The operations this router answers, in name order. */
  Set<String> operations() {
    return routes.keySet();
  }

  /** The route for {@code request}; a 404 in Sage's words when no route answers it. */
  Match match(Request request) {
    String path = request.path();
    if (!path.startsWith(basePath + "/")) {
      throw notFound(request);
    }
    StringBuilder pattern = new StringBuilder(request.method()).append(' ');
    long firstId = 0;
    boolean sawId = false;
    for (String s : path.substring(basePath.length() + 1).split("/")) {
      if (NUMERIC.matcher(s).matches()) {
        pattern.append("/{id}");
        long id = Long.parseLong(s);
        if (!sawId) {
          firstId = id;
          sawId = true;
        }
      } else {
        pattern.append('/').append(s);
      }
    }
    String operation = pattern.toString();
    Route route = routes.get(operation);
    if (route == null) {
      throw notFound(request);
    }
    return new Match(operation, route, firstId);
  }

  static BadRequest notFound(Request request) {
    return new BadRequest(404, "No HTTP resource was found that matches the request URI '" + request.path() + "'.");
  }
}
