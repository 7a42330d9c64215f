package io.github.centrasage.sandbox.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.centrasage.sandbox.Fault;
import io.github.centrasage.sandbox.ReceivedRequest;
import io.github.centrasage.sandbox.internal.HttpExchange.Answer;
import io.github.centrasage.sandbox.internal.HttpExchange.Call;
import io.github.centrasage.sandbox.internal.HttpExchange.Emulator;
import io.github.centrasage.sandbox.internal.HttpExchange.Request;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WireMock server that answers every request from an {@link Emulator}, counting requests per
 * operation and applying injected faults. One catch-all stub plus a transformer: the emulator's
 * state model, not WireMock's stub matching, decides the answer.
 */
public final class EmulatorServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmulatorServer.class);

  private final WireMockServer server;
  private final Emulator emulator;
  private final FaultRegistry faults;
  private final Clock clock;
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  /** The newest {@link #JOURNAL_SIZE} requests, oldest first; bounded so a long soak cannot fill the heap. */
  private final Deque<ReceivedRequest> journal = new ArrayDeque<>();
  private final Map<String, UnaryOperator<String>> rewrites = new ConcurrentHashMap<>();
  static final int JOURNAL_SIZE = 5_000;

  private final ContractLedger.Api api;
  private final List<String> violations = new ArrayList<>();
  private volatile boolean violationsExpected;

  public EmulatorServer(String name, ContractLedger.Api api, int port, Emulator emulator, FaultRegistry faults,
      Clock clock) {
    this.api = api;
    this.emulator = emulator;
    this.faults = faults;
    this.clock = clock;
    WireMockConfiguration config = WireMockConfiguration.options()
        .bindAddress("127.0.0.1")
        // Delays (latency, timeout after commit) are scheduled rather than slept on a Jetty thread.
        .asynchronousResponseEnabled(true)
        .asynchronousResponseThreads(4)
        .containerThreads(24)
        .jettyStopTimeout(0L)
        .disableRequestJournal()
        .stubRequestLoggingDisabled(true)
        .notifier(new ConsoleNotifier(false))
        .extensions(new Transformer(name));
    config = port == 0 ? config.dynamicPort() : config.port(port);
    this.server = new WireMockServer(config);
    server.stubFor(any(anyUrl()).willReturn(ok()));
    server.start();
  }

  public int port() {
    return server.port();
  }

  public long requestCount(String operation) {
    LongAdder adder = counts.get(operation);
    return adder == null ? 0 : adder.sum();
  }

  public Map<String, Long> requestCounts() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  public void resetCounts() {
    counts.clear();
  }

  /** The requests received (the newest {@value #JOURNAL_SIZE}), oldest first. */
  public List<ReceivedRequest> journal() {
    synchronized (journal) {
      return List.copyOf(journal);
    }
  }

  public void clearJournal() {
    synchronized (journal) {
      journal.clear();
    }
  }

  /** From now on every 2xx answer to {@code operation} is sent as {@code rewrite} turns its body. */
  public void rewriteAnswers(String operation, UnaryOperator<String> rewrite) {
    rewrites.put(operation, rewrite);
  }

  public void clearRewrites() {
    rewrites.clear();
  }

  /** From now on this server's contract violations are provoked on purpose (a test of the refusal). */
  public void expectViolations() {
    violationsExpected = true;
  }

  /** The contract violations this server refused, oldest first (the first {@value #JOURNAL_SIZE}). */
  public List<String> violations() {
    synchronized (violations) {
      return List.copyOf(violations);
    }
  }

  private Answer refuse(String operation, BadRequest e) {
    if (e instanceof ContractViolation) {
      ContractLedger.violation(api, operation, e.getMessage(), violationsExpected);
      synchronized (violations) {
        if (violations.size() < JOURNAL_SIZE) {
          violations.add(operation + ": " + e.getMessage());
        }
      }
    }
    return emulator.error(e);
  }

  private void record(String operation, Request request) {
    ReceivedRequest received = new ReceivedRequest(operation, request.method(), request.path(), request.query(),
        request.body());
    synchronized (journal) {
      if (journal.size() == JOURNAL_SIZE) {
        journal.removeFirst();
      }
      journal.addLast(received);
    }
  }

  @Override
  public void close() {
    server.stop();
  }

  private final class Transformer implements ResponseDefinitionTransformerV2 {
    private final String name;

    Transformer(String name) {
      this.name = name;
    }

    @Override
    public String getName() {
      return name + "-emulator";
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
      com.github.tomakehurst.wiremock.http.Request wm = serveEvent.getRequest();
      Map<String, String> headers = new LinkedHashMap<>();
      for (HttpHeader h : wm.getHeaders().all()) {
        headers.put(h.key(), h.firstValue());
      }
      Call call;
      try {
        Request request = Request.of(wm.getMethod().getName(), wm.getUrl(), headers, wm.getBodyAsString());
        ContractLedger.request(api);
        call = emulator.recognise(request);
        record(call.operation(), request);
      } catch (BadRequest e) {
        return toDefinition(refuse(wm.getMethod().getName() + " " + wm.getUrl(), e)).build();
      }
      counts.computeIfAbsent(call.operation(), k -> new LongAdder()).increment();
      Fault fault = faults.strike(call.operation());
      if (fault == null) {
        return toDefinition(run(call)).build();
      }
      LOG.debug("{}: injecting {} into {}", name, fault, call.operation());
      switch (fault.kind()) {
        case CONNECTION_RESET:
          return new ResponseDefinitionBuilder().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER).build();
        case HTTP_STATUS:
          return toDefinition(emulator.injectedStatus(fault.status())).build();
        case RATE_LIMITED:
          return rateLimited(fault);
        case LATENCY:
          return toDefinition(run(call)).withFixedDelay(delayMillis(fault)).build();
        case TIMEOUT_AFTER_COMMIT:
          return toDefinition(run(call)).withFixedDelay(delayMillis(fault)).build();
        case HTTP_STATUS_AFTER_COMMIT:
          run(call);
          return toDefinition(emulator.injectedStatus(fault.status())).build();
        case RESET_AFTER_COMMIT:
          run(call);
          return new ResponseDefinitionBuilder().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER).build();
        case MALFORMED_BODY:
          run(call);
          return new ResponseDefinitionBuilder().withStatus(200)
              .withHeader("Content-Type", "application/json; charset=utf-8")
              .withBody("<html><body>502 Bad Gateway</body></html>").build();
        case TRUNCATED_BODY: {
          Answer answer = run(call);
          String body = answer.body() == null ? "" : answer.body();
          return new ResponseDefinitionBuilder().withStatus(200)
              .withHeader("Content-Type", "application/json; charset=utf-8")
              .withBody(body.substring(0, body.length() / 2)).build();
        }
        default:
          throw new IllegalStateException("unhandled fault " + fault);
      }
    }

    private Answer run(Call call) {
      try {
        Answer answer = call.run();
        UnaryOperator<String> rewrite = rewrites.get(call.operation());
        if (rewrite == null || answer.status() / 100 != 2 || answer.body() == null) {
          return answer;
        }
        return new Answer(answer.status(), answer.headers(), rewrite.apply(answer.body()));
      } catch (BadRequest e) {
        return refuse(call.operation(), e);
      } catch (RuntimeException e) {
        LOG.warn("{}: {} failed inside the sandbox", name, call.operation(), e);
        return emulator.error(new BadRequest(500, "sandbox failure: " + e));
      }
    }

    private ResponseDefinition rateLimited(Fault fault) {
      String retryAfter = fault.retryAfterAsDate()
          ? DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plus(fault.retryAfter()).atOffset(ZoneOffset.UTC))
          : String.valueOf(Math.max(1, (fault.retryAfter().toMillis() + 999) / 1000));
      Answer body = emulator.injectedStatus(429);
      return toDefinition(body).withHeader("Retry-After", retryAfter).build();
    }
  }

  private static int delayMillis(Fault fault) {
    long min = fault.minDelay().toMillis();
    long max = fault.maxDelay().toMillis();
    long delay = min == max ? min : ThreadLocalRandom.current().nextLong(min, max + 1);
    return (int) Math.min(Integer.MAX_VALUE, delay);
  }

  private static ResponseDefinitionBuilder toDefinition(Answer answer) {
    ResponseDefinitionBuilder b = new ResponseDefinitionBuilder().withStatus(answer.status());
    answer.headers().forEach(b::withHeader);
    if (answer.body() != null) {
      b.withBody(answer.body());
    }
    return b;
  }
}
