package io.github.centrasage.sandbox.internal;

import io.github.centrasage.sage200.internal.SageContract;
import io.github.centrasage.sage200.internal.SageContract.Endpoint;
import io.github.centrasage.sandbox.internal.HttpExchange.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Holds the Sage sandbox to the contract sage200-client ships ({@link SageContract}): a request body
 * with a field the record does not define or defines as read-only (at any depth), or a
 * {@code $filter}/{@code $select}/{@code $orderby}/{@code $expand} name the resource does not define,
 * is a {@link ContractViolation}, answered 400 with Sage's message shape. Where Sage's own behaviour
 * is unknown (it may silently drop an unknown field), refusing is the safe reading: a field Sage does
 * not define is data that would be lost.
 */
final class SageContractCheck {
  private final SageContract contract;

  SageContractCheck(SageContract contract) {
    this.contract = contract;
  }

  /** The operations the contract marks inferred (Sage's published files lack them). */
  Set<String> inferredOperations() {
    return contract.inferredOperations();
  }

  /** Throws a {@link ContractViolation} when {@code request} to {@code operation} breaks the contract. */
  void check(String operation, Request request) {
    Endpoint endpoint = contract.endpoint(operation).orElseThrow(() -> new ContractViolation(404,
        "No HTTP resource was found that matches the request URI '" + request.path()
            + "' (" + operation + " is not in the Sage 200 contract)."));
    List<String> problems = new ArrayList<>();
    checkQuery(endpoint, request.query(), problems);
    if (endpoint.request().isPresent() && request.body() != null && !request.body().isBlank()) {
      Object body;
      try {
        body = Json.parse(request.body());
      } catch (BadRequest notJson) {
        body = null; // the route answers a body that is not JSON as Sage does
      }
      if (body != null) {
        problems.addAll(contract.requestProblems(endpoint.request().get().toString(), body, request.method().equals("PUT")));
      }
    } else if (endpoint.request().isEmpty() && request.body() != null && !request.body().isBlank()) {
      problems.add(operation + " takes no request body");
    }
    if (!problems.isEmpty()) {
      throw new ContractViolation("The request is invalid. " + String.join("; ", problems) + ".");
    }
  }

  /**
   * Throws {@link IllegalStateException} (the sandbox answers 500) when the emulator's own answer to
   * {@code operation} has a field the contract's response record does not define: the sandbox must
   * answer in Sage's shapes, or the client is tested against names Sage never sends.
   */
  void checkAnswer(String operation, String body) {
    Endpoint endpoint = contract.endpoint(operation).orElse(null);
    if (endpoint == null || body == null || body.isBlank()) {
      return;
    }
    List<String> problems = contract.responseProblems(endpoint, Json.parse(body));
    if (!problems.isEmpty()) {
      throw new IllegalStateException("the sandbox's answer to " + operation + " breaks the Sage 200 contract: "
          + String.join("; ", problems.subList(0, Math.min(5, problems.size()))));
    }
  }

  private void checkQuery(Endpoint endpoint, Map<String, String> query, List<String> problems) {
    String filter = query.get("$filter");
    if (filter != null) {
      for (String name : filterNames(filter)) {
        requireQueryable(endpoint, "$filter", name, problems);
      }
    }
    for (String option : List.of("$select", "$orderby")) {
      String value = query.get(option);
      if (value == null) {
        continue;
      }
      for (String part : HttpExchange.splitTrim(value, ',')) {
        String name = part.split("\\s+")[0];
        if (!name.isEmpty()) {
          requireQueryable(endpoint, option, name, problems);
        }
      }
    }
    String expand = query.get("$expand");
    if (expand != null) {
      for (String name : HttpExchange.splitTrim(expand, ',')) {
        if (!name.isEmpty() && !contract.expandable(endpoint, name)) {
          problems.add("$expand names '" + name + "', which " + endpoint.operation() + " does not define");
        }
      }
    }
  }

  private void requireQueryable(Endpoint endpoint, String option, String name, List<String> problems) {
    if (!contract.queryable(endpoint, name)) {
      problems.add(option + " names '" + name + "', which " + endpoint.operation() + " does not define");
    }
  }

  /** The field names a $filter expression uses (not its literals, keywords or function names). */
  static List<String> filterNames(String filter) {
    return ODataFilter.fieldNames(filter);
  }
}
