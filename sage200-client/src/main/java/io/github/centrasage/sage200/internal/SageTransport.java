package io.github.centrasage.sage200.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Types;
import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.http.Sleeper;
import io.github.centrasage.http.internal.BearerToken;
import io.github.centrasage.http.internal.CallGuard;
import io.github.centrasage.http.internal.Retrier;
import io.github.centrasage.http.internal.RetryAfter;
import io.github.centrasage.http.internal.SendTracker;
import io.github.centrasage.sage200.RecordLockMatcher;
import io.github.centrasage.sage200.Sage200AuthenticationException;
import io.github.centrasage.sage200.Sage200ConnectionException;
import io.github.centrasage.sage200.Sage200DeserializationException;
import io.github.centrasage.sage200.Sage200Exception;
import io.github.centrasage.sage200.Sage200NotFoundException;
import io.github.centrasage.sage200.Sage200PermissionException;
import io.github.centrasage.sage200.Sage200RateLimitException;
import io.github.centrasage.sage200.Sage200RecordLockedException;
import io.github.centrasage.sage200.Sage200ServerException;
import io.github.centrasage.sage200.Sage200ValidationException;
import io.github.centrasage.sage200.TokenProvider;
import java.io.IOException;
import java.lang.reflect.Type;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;
import retrofit2.Response;
import retrofit2.Retrofit;

/**
 * Sends {@link SageRequest}s: headers, token refresh on 401, retries, error mapping and logging.
 * Thread-safe; every call has its own Failsafe execution and attempt count.
 */
public final class SageTransport {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.centrasage.sage200.http");
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final int MAX_MESSAGE_BODY = 500;

  private final HttpUrl baseUrl;
  private final String siteId;
  private final String companyId;
  private final TokenProvider tokens;
  private final SageService service;
  private final Retrier retrier;
  private final RecordLockMatcher lockMatcher;
  private final String userAgent;
  private final Clock clock;

  public SageTransport(HttpUrl baseUrl, String siteId, long companyId, TokenProvider tokens, OkHttpClient http,
      RetrySettings retry, Sleeper sleeper, RecordLockMatcher lockMatcher, String userAgent, Clock clock) {
    this.baseUrl = baseUrl;
    this.siteId = siteId;
    this.companyId = Long.toString(companyId);
    this.tokens = tokens;
    this.retrier = new Retrier(retry, sleeper);
    this.lockMatcher = lockMatcher;
    this.userAgent = userAgent;
    this.clock = clock;
    OkHttpClient client = CallGuard.install(http, "Sage", userAgent, LOG);
    this.service =
        new Retrofit.Builder().baseUrl(baseUrl).client(client).build().create(SageService.class);
  }

  /** Sends the request and decodes the body as {@code type}; {@code null} type ignores the body. */
  public <T> T execute(SageRequest request, Type type) {
    return retrier.run(() -> {
      if (Thread.currentThread().isInterrupted()) {
        // The caller wants to stop: send nothing (the flag stays set for the caller to see).
        throw new Sage200ConnectionException(describe(request) + " not sent: the thread is interrupted", false,
            !request.isRead(), true, null);
      }
      return this.<T>attemptWithAuth(request, type);
    },
        // A locked record is retryable on a schedule of its own (minutes), not in-line.
        failure -> Retrier.retryableAndNotApplied(failure) && !(failure instanceof Sage200RecordLockedException),
        interrupt -> new Sage200ConnectionException(describe(request) + " interrupted while waiting to retry", false,
            !request.isRead(), true, interrupt),
        (failure, attempts, delay) -> LOG.debug("{} retrying in {} ms", describe(request), delay.toMillis()));
  }

  public static Type listOf(Class<?> element) {
    return Types.newParameterizedType(java.util.List.class, element);
  }

  /** Encodes a body with the client's JSON rules. */
  @SuppressWarnings("unchecked")
  public String toJson(Object body) {
    JsonAdapter<Object> adapter = (JsonAdapter<Object>) SageJson.moshi().adapter(body.getClass());
    return adapter.toJson(body);
  }

  private <T> T attemptWithAuth(SageRequest request, Type type) {
    String token = accessToken(request);
    try {
      return attempt(request, type, token);
    } catch (Sage200AuthenticationException e) {
      // An expired or revoked token: refresh once and try once more; Sage never processed the call.
      if (tokens.invalidate(token)) {
        LOG.debug("{} got 401; refreshing the token and retrying once", describe(request));
        return attempt(request, type, accessToken(request));
      }
      throw e;
    }
  }

  /**
   * The token for this request. A token-endpoint connection failure "may have reached" Sage ID, but
   * the API request itself was never sent, so it is reported as not sent and may be retried.
   */
  private String accessToken(SageRequest request) {
    try {
      return tokens.accessToken();
    } catch (Sage200ConnectionException e) {
      throw new Sage200ConnectionException(describe(request) + " not sent: getting an access token failed: "
          + e.getMessage(), false, !request.isRead(), e.wasInterrupted(), e);
    }
  }

  /**
   * The method and the full URL without the query (an OData filter may hold a shopper's e-mail): a
   * wrong base URL or site shows in the message itself.
   */
  private String describe(SageRequest request) {
    return request.method + " " + baseUrl + String.join("/", request.path);
  }

  private <T> T attempt(SageRequest request, Type type, String token) {
    HttpUrl.Builder url = baseUrl.newBuilder();
    for (String segment : request.path) {
      url.addPathSegment(segment);
    }
    request.query.forEach(url::addQueryParameter);
    HttpUrl httpUrl = url.build();
    Map<String, String> headers = new LinkedHashMap<>();
    if (request.companyScoped) {
      headers.put("X-Site", siteId);
      headers.put("X-Company", companyId);
    }
    SendTracker state = new SendTracker(!request.isRead());
    BearerToken bearer = BearerToken.of(token, "the TokenProvider returned no access token");
    RequestBody body = request.jsonBody == null ? null : RequestBody.create(request.jsonBody, JSON);
    Call<ResponseBody> call;
    switch (request.method) {
      case "GET":
        call = service.get(httpUrl, headers, state, bearer);
        break;
      case "POST":
        call = service.post(httpUrl, headers, body, state, bearer);
        break;
      case "PUT":
        call = service.put(httpUrl, headers, body, state, bearer);
        break;
      default:
        throw new IllegalArgumentException("unsupported method " + request.method);
    }
    String target = request.method + " " + httpUrl.encodedPath()
        + (httpUrl.encodedQuery() == null ? "" : "?" + httpUrl.encodedQuery());
    if (request.jsonBody != null && LOG.isTraceEnabled()) {
      LOG.trace("{} request body: {}", target, request.jsonBody);
    }
    long started = System.nanoTime();
    Response<ResponseBody> response;
    String text;
    try {
      response = call.execute();
      ResponseBody raw = response.isSuccessful() ? response.body() : response.errorBody();
      text = raw == null ? "" : raw.string();
    } catch (IOException e) {
      long millis = (System.nanoTime() - started) / 1_000_000;
      LOG.debug("{} -> {} after {} ms", target, e.getClass().getSimpleName(), millis);
      throw connectionFailure(request, state, e);
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    LOG.debug("{} -> {} in {} ms", target, response.code(), millis);
    if (LOG.isTraceEnabled()) {
      LOG.trace("{} response body: {}", target, text);
    }
    if (!response.isSuccessful()) {
      throw failure(request, response.code(), text, response.headers().get("Retry-After"));
    }
    if (type == null || type == Void.class) {
      return null;
    }
    return decode(request, response.code(), text, type);
  }

  @SuppressWarnings("unchecked")
  private <T> T decode(SageRequest request, int status, String text, Type type) {
    try {
      Object value = SageJson.moshi().adapter(type).fromJson(text);
      if (value == null) {
        throw new JsonDataException("empty body");
      }
      return (T) value;
    } catch (IOException | JsonDataException | IllegalStateException | IllegalArgumentException e) {
      throw new Sage200DeserializationException(
          describe(request) + " answered " + status + " with a body that is not a valid " + typeName(type)
              + ": " + e.getMessage(), status, text, !request.isRead(), e);
    }
  }

  private static String typeName(Type type) {
    return type instanceof Class ? ((Class<?>) type).getSimpleName() : type.getTypeName();
  }

  private Sage200ConnectionException connectionFailure(SageRequest request, SendTracker state, IOException e) {
    // Only the thread's flag says "the caller interrupted": OkHttp's callTimeout also throws a plain
    // InterruptedIOException ("timeout"), which is a timeout like any other and may be retried.
    if (Thread.currentThread().isInterrupted()) {
      return new Sage200ConnectionException(describe(request) + " interrupted", state.wasSent(),
          !request.isRead(), true, e);
    }
    boolean mayHaveReached = state.mayHaveReachedServer(e);
    String what = mayHaveReached
        ? " failed after the request was sent (it may have reached Sage): "
        : " failed before the request was sent: ";
    return new Sage200ConnectionException(describe(request) + what + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), mayHaveReached, !request.isRead(), false, e);
  }

  Sage200Exception failure(SageRequest request, int status, String body, String retryAfterHeader) {
    String sageMessage = SageErrorBody.message(body);
    String prefix = describe(request) + " failed with " + status + ": ";
    boolean write = !request.isRead();
    if (lockMatcher.isRecordLocked(status, body)) {
      return new Sage200RecordLockedException(prefix + "record locked by another user: " + clip(sageMessage),
          status, body, write);
    }
    switch (status) {
      case 400:
        return new Sage200ValidationException(prefix + clip(sageMessage), status, body, sageMessage, write);
      case 401:
        return new Sage200AuthenticationException(prefix + "token rejected, or X-Site/X-Company wrong, or no access"
            + " to this site/company: " + clip(sageMessage), status, body, write);
      case 403:
        return new Sage200PermissionException(prefix + "the Sage user's role has no access to this module: "
            + clip(sageMessage), status, body, write);
      case 404:
        return new Sage200NotFoundException(prefix + "no such record, or this site's Sage 200 version does not"
            + " have this endpoint: " + clip(sageMessage), body, write);
      case 429:
        return new Sage200RateLimitException(prefix + "rate limited", body,
            RetryAfter.parse(retryAfterHeader, clock).orElse(null), write);
      default:
        if (status >= 500) {
          String hint = status == 504 ? "gateway timeout (the on-premises tunnel may be down)" : "server error";
          return new Sage200ServerException(prefix + hint + ": " + clip(sageMessage)
              + (write ? " (the write may have been applied; look it up before retrying)" : ""), status, body, write);
        }
        return new Sage200Exception(prefix + clip(sageMessage), status, body, write, null);
    }
  }

  private static String clip(String text) {
    if (text.length() <= MAX_MESSAGE_BODY) {
      return text;
    }
    // never through a surrogate pair: half an emoji is not text
    int end = Character.isHighSurrogate(text.charAt(MAX_MESSAGE_BODY - 1)) ? MAX_MESSAGE_BODY - 1 : MAX_MESSAGE_BODY;
    return text.substring(0, end) + "…";
  }
}
