package io.github.centrasage.centra.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.failsafe.RateLimiter;
import io.github.centrasage.centra.CentraAuthenticationException;
import io.github.centrasage.centra.CentraConnectionException;
import io.github.centrasage.centra.CentraException;
import io.github.centrasage.centra.CentraGraphQLError;
import io.github.centrasage.centra.CentraGraphQLException;
import io.github.centrasage.centra.CentraHttpException;
import io.github.centrasage.centra.CentraRateLimitException;
import io.github.centrasage.centra.CentraRateLimits;
import io.github.centrasage.centra.CentraResponseException;
import io.github.centrasage.centra.CentraServerException;
import io.github.centrasage.centra.CentraUserErrorException;
import io.github.centrasage.centra.CentraUserMessage;
import io.github.centrasage.centra.ImmutableCentraGraphQLError;
import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.http.Sleeper;
import io.github.centrasage.http.internal.BearerToken;
import io.github.centrasage.http.internal.CallGuard;
import io.github.centrasage.http.internal.Retrier;
import io.github.centrasage.http.internal.RetryAfter;
import io.github.centrasage.http.internal.SendTracker;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Response;
import retrofit2.Retrofit;

/**
 * Sends one operation: client-side rate limiting, the HTTP call, the three error layers, logging
 * and the retry policy. Thread-safe; every call has its own Failsafe execution state.
 */
public final class GraphQLTransport {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.centrasage.centra.CentraClient");
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final int MAX_BODY_IN_MESSAGE = 300;
  /** Appended to "token is required: " when the token is missing. */
  public static final String WHERE_TO_GET_A_TOKEN = "create an Integration API token in the Centra AMS";

  private final GraphQLService service;
  private final Moshi moshi;
  private final Supplier<String> tokenSource;
  private final RateLimiter<Object> requestLimiter;
  private final RateLimiter<Object> mutationLimiter;
  private final Duration limiterMaxWait;
  private final Clock clock;
  private final Retrier retrier;
  private final Set<String> deprecationsLogged = ConcurrentHashMap.newKeySet();
  private final JsonAdapter<Map<String, Object>> mapAdapter;
  private final JsonAdapter<List<CentraUserMessage>> messagesAdapter;

  /** Everything the transport needs; built and validated by {@code CentraClient.Builder}. */
  public GraphQLTransport(HttpUrl baseUrl, Supplier<String> tokenSource, OkHttpClient userClient, String userAgent,
      RetrySettings retrySettings, CentraRateLimits rateLimits, Clock clock, Sleeper sleeper, Moshi moshi) {
    this.tokenSource = tokenSource;
    this.retrier = new Retrier(retrySettings, sleeper);
    this.clock = clock;
    this.moshi = moshi;
    OkHttpClient client = CallGuard.install(userClient, "Centra", userAgent, LOG);
    this.service = new Retrofit.Builder().baseUrl(baseUrl).client(client).build().create(GraphQLService.class);
    if (rateLimits != null) {
      this.requestLimiter = RateLimiter.burstyBuilder(rateLimits.requestsPerPeriod(), rateLimits.period()).build();
      this.mutationLimiter = RateLimiter.burstyBuilder(rateLimits.mutationsPerPeriod(), rateLimits.period()).build();
      this.limiterMaxWait = rateLimits.maxWait();
    } else {
      this.requestLimiter = null;
      this.mutationLimiter = null;
      this.limiterMaxWait = Duration.ZERO;
    }
    this.mapAdapter = moshi.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
    this.messagesAdapter = moshi.adapter(Types.newParameterizedType(List.class, CentraUserMessage.class));
  }

  /** What one operation returned: the decoded value (null when Centra returned null) and the warnings. */
  public static final class Result<T> {
    private final T value;
    private final List<CentraUserMessage> warnings;

    Result(T value, List<CentraUserMessage> warnings) {
      this.value = value;
      this.warnings = List.copyOf(warnings);
    }

    public T value() {
      return value;
    }

    public List<CentraUserMessage> warnings() {
      return warnings;
    }
  }

  /** Runs the operation with retries. Variables must be JSON-ready (maps, lists, strings, numbers, booleans). */
  public <T> Result<T> execute(Operation<T> operation, Map<String, Object> variables) {
    return execute(operation, variables, Integer.MAX_VALUE);
  }

  /** {@link #execute(Operation, Map)} with at most {@code maxAttempts} attempts (1: no retry; never more than the retry settings allow). */
  public <T> Result<T> execute(Operation<T> operation, Map<String, Object> variables, int maxAttempts) {
    Map<String, Object> frozen = new LinkedHashMap<>(variables);
    return retrier.run(() -> attempt(operation, frozen), Retrier::retryableAndNotApplied,
        // The previous attempt failed with a response or a connection error; whether it reached
        // Centra is what the last failure said, so a mutation is reported as possibly sent.
        interrupt -> new CentraConnectionException("Interrupted while waiting to retry " + operation.name(),
            operation.name(), operation.isMutation(), true, true, interrupt),
        (failure, attempts, delay) -> LOG.debug("Centra {} attempt {} failed ({}); retrying in {} ms",
            operation.name(), attempts, failure.getClass().getSimpleName(), delay.toMillis()),
        maxAttempts);
  }

  private <T> Result<T> attempt(Operation<T> operation, Map<String, Object> variables) {
    String name = operation.name();
    boolean mutation = operation.isMutation();
    if (Thread.currentThread().isInterrupted()) {
      throw new CentraConnectionException("Interrupted before sending " + name, name, mutation, false, true, null);
    }
    // Read per attempt, so a rotated token (Centra tokens expire) is picked up without a new client.
    BearerToken token = BearerToken.of(tokenSource.get(), WHERE_TO_GET_A_TOKEN);
    // The scarcer mutation permit first: failing to get it must not burn a request permit.
    if (mutation) {
      acquirePermit(mutationLimiter, operation, "mutation");
    }
    acquirePermit(requestLimiter, operation, "request");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("operationName", name);
    body.put("query", operation.document());
    body.put("variables", variables);
    Buffer buffer = new Buffer();
    try {
      mapAdapter.toJson(buffer, body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    if (LOG.isTraceEnabled()) {
      LOG.trace("Centra {} request body: {}", name, redact(buffer.clone().readUtf8(), token));
    }
    SendTracker tracker = new SendTracker(mutation);
    long started = System.nanoTime();
    Response<ResponseBody> response;
    String text;
    try {
      response = service.execute(RequestBody.create(buffer.readByteString(), JSON), tracker, token).execute();
      ResponseBody raw = response.isSuccessful() ? response.body() : response.errorBody();
      text = raw == null ? "" : raw.string();
    } catch (IOException e) {
      // Only the thread's flag says "the caller interrupted": OkHttp's callTimeout also throws a plain
      // InterruptedIOException ("timeout"), which is a timeout like any other and may be retried.
      boolean interrupted = Thread.currentThread().isInterrupted();
      boolean reached = tracker.mayHaveReachedServer(e);
      LOG.debug("Centra {} failed after {} ms without response: {} (sent: {})",
          name, elapsedMs(started), e.getClass().getSimpleName(), reached);
      throw new CentraConnectionException(
          "No response from Centra for " + name + " (" + e.getClass().getSimpleName() + "); the request "
              + (reached ? "may have reached Centra" : "did not reach Centra"),
          name, mutation, reached, interrupted, e);
    }
    int status = response.code();
    if (LOG.isTraceEnabled()) {
      LOG.trace("Centra {} response {} body: {}", name, status, redact(text, token));
    }
    if (status < 200 || status > 299) {
      LOG.debug("Centra {} status={} durationMs={}", name, status, elapsedMs(started));
      throw httpFailure(operation, status, response.headers().get("Retry-After"), redact(text, token));
    }
    return decode(operation, text, status, started, token);
  }

  private void acquirePermit(RateLimiter<Object> limiter, Operation<?> operation, String budget) {
    if (limiter == null) {
      return;
    }
    boolean acquired;
    try {
      acquired = limiter.tryAcquirePermit(limiterMaxWait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CentraConnectionException("Interrupted while waiting for a " + budget + " permit for "
          + operation.name(), operation.name(), operation.isMutation(), false, true, e);
    }
    if (!acquired) {
      throw new CentraRateLimitException("Client-side " + budget + " budget exhausted for " + operation.name()
          + " (waited " + limiterMaxWait.toMillis() + " ms)", operation.name(), operation.isMutation(), null, true);
    }
  }

  private CentraException httpFailure(Operation<?> operation, int status, String retryAfter, String body) {
    String name = operation.name();
    boolean mutation = operation.isMutation();
    String message = "Centra answered HTTP " + status + " to " + name + bodyExcerpt(body);
    if (status == 401) {
      return new CentraAuthenticationException(message + " (check the API token; Centra tokens expire)", name, mutation);
    }
    if (status == 403) {
      // Centra's error-handling page: 403 = the token is invalid or expired (a missing permission is a
      // GraphQL error with category "authorization", not an HTTP status).
      return new CentraAuthenticationException(message + " (the API token is invalid or expired: rotate it)", name,
          mutation, 403);
    }
    if (status == 429) {
      Duration wait = RetryAfter.parse(retryAfter, clock).orElse(null);
      return new CentraRateLimitException(message + (wait == null ? "" : " (retry after " + wait.toMillis() + " ms)"),
          name, mutation, wait, false);
    }
    if (status >= 500) {
      return new CentraServerException(message, name, mutation, status);
    }
    return new CentraHttpException(message, name, mutation, status);
  }

  private String bodyExcerpt(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String oneLine = body.replaceAll("\\s+", " ").trim();
    return ": " + (oneLine.length() > MAX_BODY_IN_MESSAGE ? oneLine.substring(0, cutAt(oneLine, MAX_BODY_IN_MESSAGE)) + "…" : oneLine);
  }

  /** A server or proxy might echo the Authorization header; the token never leaves in logs or messages. */
  private static String redact(String text, BearerToken token) {
    return text.replace(token.value(), "[REDACTED]");
  }

  @SuppressWarnings("unchecked")
  private <T> Result<T> decode(Operation<T> operation, String text, int status, long started, BearerToken token) {
    String name = operation.name();
    boolean mutation = operation.isMutation();
    // Mutations that select no payload (only userErrors/userWarnings) have no result adapter.
    JsonAdapter<T> resultAdapter = mutation && operation.payloadField() == null ? null : moshi.adapter(operation.resultType());
    T value = null;
    boolean dataSeen = false;
    List<CentraUserMessage> userErrors = List.of();
    List<CentraUserMessage> userWarnings = List.of();
    List<Map<String, Object>> errors = List.of();
    Map<String, Object> extensions = Map.of();
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text))) {
      reader.beginObject();
      while (reader.hasNext()) {
        switch (reader.nextName()) {
          case "data":
            if (reader.peek() == JsonReader.Token.NULL) {
              reader.nextNull();
              break;
            }
            reader.beginObject();
            while (reader.hasNext()) {
              if (!reader.nextName().equals(operation.rootField())) {
                reader.skipValue();
                continue;
              }
              dataSeen = true;
              if (!mutation || reader.peek() == JsonReader.Token.NULL) {
                value = mutation ? (T) reader.nextNull() : resultAdapter.fromJson(reader);
                continue;
              }
              if ("".equals(operation.payloadField())) {
                // The payload is the mutation's whole result object (several fields, e.g. captureShipment).
                value = resultAdapter.fromJson(reader.peekJson());
              }
              reader.beginObject();
              while (reader.hasNext()) {
                String field = reader.nextName();
                if (field.equals("userErrors")) {
                  userErrors = orEmpty(messagesAdapter.fromJson(reader));
                } else if (field.equals("userWarnings")) {
                  userWarnings = orEmpty(messagesAdapter.fromJson(reader));
                } else if (field.equals(operation.payloadField())) {
                  value = resultAdapter.fromJson(reader);
                } else {
                  reader.skipValue();
                }
              }
              reader.endObject();
            }
            reader.endObject();
            break;
          case "errors":
            errors = (List<Map<String, Object>>) reader.readJsonValue();
            break;
          case "extensions":
            Object ext = reader.readJsonValue();
            if (ext instanceof Map) {
              extensions = (Map<String, Object>) ext;
            }
            break;
          default:
            reader.skipValue();
        }
      }
      reader.endObject();
    } catch (IOException | JsonDataException | IllegalStateException | ClassCastException e) {
      LOG.debug("Centra {} status={} durationMs={} undecodable body", name, status, elapsedMs(started));
      throw new CentraResponseException("Cannot read Centra's response to " + name + ": "
          + redact(String.valueOf(e.getMessage()), token), name, mutation, e);
    }
    Object complexity = extensions.get("complexity");
    LOG.debug("Centra {} status={} durationMs={} complexity={}", name, status, elapsedMs(started), complexity);
    logDeprecations(name, extensions.get("deprecatedFieldsUsed"));
    if (errors != null && !errors.isEmpty()) {
      List<CentraGraphQLError> parsed = errors.stream().map(GraphQLTransport::toError).collect(Collectors.toList());
      throw new CentraGraphQLException("Centra reported " + parsed.size() + " GraphQL error(s) for " + name + ": "
          + parsed.stream().map(e -> redact(e.message(), token) + (e.path().isEmpty() ? "" : " at " + String.join(".", e.path())))
              .collect(Collectors.joining("; ")), name, mutation, parsed);
    }
    if (!dataSeen) {
      throw new CentraResponseException("Centra's response to " + name + " has no data." + operation.rootField(),
          name, mutation, null);
    }
    if (!userWarnings.isEmpty()) {
      LOG.warn("Centra {} returned user warnings: {}", name, render(userWarnings, token));
    }
    if (!userErrors.isEmpty()) {
      throw new CentraUserErrorException("Centra refused " + name + ": " + render(userErrors, token), name, userErrors, userWarnings);
    }
    return new Result<>(value, userWarnings);
  }

  private static <E> List<E> orEmpty(List<E> list) {
    return list == null ? List.of() : list;
  }

  private static String render(List<CentraUserMessage> messages, BearerToken token) {
    return messages.stream()
        .map(m -> redact(m.message(), token) + (m.path().isEmpty() ? "" : " at " + String.join(".", m.path())))
        .collect(Collectors.joining("; "));
  }

  @SuppressWarnings("unchecked")
  private static CentraGraphQLError toError(Map<String, Object> raw) {
    ImmutableCentraGraphQLError.Builder error = ImmutableCentraGraphQLError.builder()
        .message(String.valueOf(raw.getOrDefault("message", "(no message)")));
    Object path = raw.get("path");
    if (path instanceof List) {
      for (Object element : (List<Object>) path) {
        // Moshi reads list indexes as doubles; print 2.0 as 2.
        error.addPath(element instanceof Double && ((Double) element) == Math.rint((Double) element)
            ? String.valueOf(((Double) element).longValue()) : String.valueOf(element));
      }
    }
    Object extensions = raw.get("extensions");
    if (extensions instanceof Map && ((Map<String, Object>) extensions).get("category") != null) {
      error.category(String.valueOf(((Map<String, Object>) extensions).get("category")));
    }
    return error.build();
  }

  @SuppressWarnings("unchecked")
  private void logDeprecations(String operationName, Object deprecated) {
    if (!(deprecated instanceof List)) {
      return;
    }
    for (Object entry : (List<Object>) deprecated) {
      String key = entry instanceof Map ? String.valueOf(firstNonNull((Map<String, Object>) entry, "field", "name", "path"))
          : String.valueOf(entry);
      if (deprecationsLogged.add(key)) {
        LOG.warn("Centra reports deprecated field {} used by {}: {}", key, operationName, entry);
      }
    }
  }

  private static Object firstNonNull(Map<String, Object> map, String... keys) {
    for (String k : keys) {
      if (map.get(k) != null) {
        return map.get(k);
      }
    }
    return map;
  }

  private static long elapsedMs(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
  }

  @Override
  public String toString() {
    return "GraphQLTransport[token=[REDACTED]]";
  }


  /** Where to cut {@code text} to at most {@code max} units without splitting a surrogate pair (half an emoji). */
  static int cutAt(String text, int max) {
    return max > 0 && Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
  }

}
