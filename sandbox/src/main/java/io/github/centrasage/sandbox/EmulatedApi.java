package io.github.centrasage.sandbox;

import io.github.centrasage.sandbox.internal.ContractLedger;
import io.github.centrasage.sandbox.internal.EmulatorServer;
import io.github.centrasage.sandbox.internal.FaultRegistry;
import io.github.centrasage.sandbox.internal.HttpExchange;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** What both sandboxes share: the server, its clock, fault switchboard and request counts. */
abstract class EmulatedApi implements AutoCloseable {
  private final SandboxClock clock;
  private final SandboxFaults faults;
  private final EmulatorServer server;

  EmulatedApi(String name, Settings<?> settings, HttpExchange.Emulator emulator) {
    this.clock = settings.clock;
    FaultRegistry registry = new FaultRegistry(clock);
    this.faults = new SandboxFaults(registry);
    ContractLedger.Api api = name.equals("centra") ? ContractLedger.Api.CENTRA : ContractLedger.Api.SAGE;
    this.server = new EmulatorServer(name, api, settings.port, emulator, registry, clock);
  }

  /** The TCP port the sandbox listens on. */
  public int port() {
    return server.port();
  }

  /** The sandbox clock: record timestamps, and the time scale of {@link FaultScope#forDuration}. */
  public SandboxClock clock() {
    return clock;
  }

  /** Fault injection. */
  public SandboxFaults faults() {
    return faults;
  }

  /** Requests received for {@code operation} (a Centra root field, or {@code "METHOD /path/{id}"} for Sage). */
  public long requestCount(String operation) {
    return server.requestCount(operation);
  }

  /** Request counts of every operation seen. */
  public Map<String, Long> requestCounts() {
    return server.requestCounts();
  }

  /** Sets every request count back to zero (e.g. between a benchmark's warm-up and its measured run). */
  public void resetRequestCounts() {
    server.resetCounts();
  }

  /**
   * The requests received, oldest first (the newest 5,000), with decoded query options and bodies:
   * what a client really sent, e.g. to check that a crafted value stayed inside its OData literal
   * or GraphQL variable. Headers are not kept.
   */
  public List<ReceivedRequest> receivedRequests() {
    return server.journal();
  }

  /** The requests received for {@code operation}, oldest first. */
  public List<ReceivedRequest> receivedRequests(String operation) {
    return server.journal().stream().filter(r -> r.operation().equals(operation)).collect(Collectors.toList());
  }

  /** Forgets the requests received so far. */
  public void clearReceivedRequests() {
    server.clearJournal();
  }

  /**
   * Hostile data: from now on the body of every successful answer to {@code operation} is sent as
   * {@code rewrite} returns it (the state is not changed). A test uses it to serve what the state
   * model never produces (wrong JSON types, unknown enum values, negative quantities) for one record.
   *
   * <pre>{@code centra.rewriteAnswers("orders", body -> body.replace("\"quantity\":1", "\"quantity\":-1"));}</pre>
   */
  public void rewriteAnswers(String operation, UnaryOperator<String> rewrite) {
    server.rewriteAnswers(Objects.requireNonNull(operation, "operation"), Objects.requireNonNull(rewrite, "rewrite"));
  }

  /** Removes every answer rewrite. */
  public void clearAnswerRewrites() {
    server.clearRewrites();
  }

  /**
   * The requests this sandbox refused because the vendor's published contract does not allow them
   * (an unknown or read-only field, an unknown OData name, a GraphQL document that does not
   * validate), oldest first, each as {@code "operation: reason"}.
   */
  public List<String> contractViolations() {
    return server.violations();
  }

  /**
   * Declares that a test sends requests the contract forbids on purpose, to check that they are
   * refused: from now on they count as refused, not as violations, in the build's
   * {@code CONTRACT RESULT} line. Refusal itself is unchanged.
   */
  public void expectContractViolations() {
    server.expectViolations();
  }

  /** Stops the server. */
  @Override
  public void close() {
    server.close();
  }

  /** Options both sandboxes take; {@code T} is the concrete options type, for chaining. */
  abstract static class Settings<T extends Settings<T>> {
    int port;
    String token;
    SandboxCatalog catalog = SandboxCatalog.fashionShop();
    SandboxClock clock = SandboxClock.startingAt(SandboxClock.DEFAULT_START);

    Settings(String token) {
      this.token = token;
    }

    abstract T self();

    /** Listen port; 0 (the default) picks a free one. */
    public T port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0-65535, was " + port);
      }
      this.port = port;
      return self();
    }

    /** Bearer token to accept (a sandbox secret, kept out of {@code toString}). */
    public T token(String token) {
      this.token = notBlank(token, "token");
      return self();
    }

    /** Seed catalogue; give both sandboxes the same one so SKUs line up. */
    public T catalog(SandboxCatalog catalog) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      return self();
    }

    /** Clock; share one between both sandboxes for a coherent scenario. */
    public T clock(SandboxClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return self();
    }

    static String notBlank(String value, String name) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return value;
    }
  }
}
