package io.github.centrasage.sage200;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Types;
import io.github.centrasage.http.internal.ClientSettings;
import io.github.centrasage.http.internal.RetryAfter;
import io.github.centrasage.sage200.internal.SageJson;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth2 refresh-token provider for Sage ID ({@code POST https://id.sage.com/oauth/token}).
 *
 * <p>Caches the access token until {@link Builder#refreshMargin shortly before} {@code expires_in};
 * refreshes single-flight (many threads needing a token at once cause one token request); hands
 * every rotated refresh token to {@link Builder#onRefreshTokenRotated} before anyone uses it, so the
 * host can persist it; treats Sage ID's "access_token not expired" answer as keep-the-current-token.
 * The client secret and tokens never appear in logs, {@code toString} or exception messages.
 *
 * <p>Usage: {@code SageIdTokenProvider.builder().credentials(SageIdCredentials.of(id, secret))
 * .refreshToken(stored).onRefreshTokenRotated(store::save).build()}
 */
public final class SageIdTokenProvider implements TokenProvider {
  /** Sage ID's token endpoint. */
  public static final HttpUrl SAGE_ID_TOKEN_URL = HttpUrl.get("https://id.sage.com/oauth/token");

  private static final Logger LOG = LoggerFactory.getLogger(SageIdTokenProvider.class);
  private static final JsonAdapter<Map<String, Object>> JSON =
      SageJson.moshi().adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
  /** If Sage ID refuses a refresh because the token is still valid, ask again after this. */
  private static final Duration NOT_EXPIRED_BACKOFF = Duration.ofSeconds(30);

  private final HttpUrl tokenUrl;
  private final SageIdCredentials credentials;
  private final Consumer<String> onRefreshTokenRotated;
  private final OkHttpClient http;
  private final Clock clock;
  private final Duration refreshMargin;
  private final ReentrantLock refreshLock = new ReentrantLock();

  private volatile String refreshToken;
  private volatile CachedToken current;
  /** The last token Sage ID issued, kept even after a 401 so "not expired" can fall back to it. */
  private volatile CachedToken lastIssued;

  private SageIdTokenProvider(Builder b) {
    this.tokenUrl = b.tokenUrl;
    this.credentials = b.credentials;
    this.refreshToken = b.refreshToken;
    this.onRefreshTokenRotated = b.onRefreshTokenRotated;
    this.clock = b.clock;
    this.refreshMargin = b.refreshMargin;
    OkHttpClient base = b.http != null ? b.http : new OkHttpClient();
    // Same rule as the API client: only our code decides whether a POST is sent again.
    this.http =
        base.newBuilder()
            .retryOnConnectionFailure(false)
            .connectTimeout(b.timeout)
            .readTimeout(b.timeout)
            .callTimeout(b.timeout.multipliedBy(2))
            .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String accessToken() {
    CachedToken token = current;
    if (token != null && token.freshAt(clock.instant(), refreshMargin)) {
      return token.value;
    }
    refreshLock.lock();
    try {
      token = current; // another thread may have refreshed while this one waited
      if (token != null && token.freshAt(clock.instant(), refreshMargin)) {
        return token.value;
      }
      return refresh().value;
    } finally {
      refreshLock.unlock();
    }
  }

  @Override
  public boolean invalidate(String rejectedToken) {
    refreshLock.lock();
    try {
      CachedToken token = current;
      if (token != null && token.value.equals(rejectedToken)) {
        current = null;
      }
      return true;
    } finally {
      refreshLock.unlock();
    }
  }

  private CachedToken refresh() {
    Request request =
        new Request.Builder()
            .url(tokenUrl)
            .post(
                new FormBody.Builder()
                    .add("grant_type", "refresh_token")
                    .add("refresh_token", refreshToken)
                    .add("client_id", credentials.clientId())
                    .add("client_secret", credentials.clientSecret())
                    .build())
            .header("Accept", "application/json")
            .build();
    long started = System.nanoTime();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      String text = body == null ? "" : body.string();
      LOG.debug("POST {} -> {} in {} ms", tokenUrl.encodedPath(), response.code(),
          (System.nanoTime() - started) / 1_000_000);
      if (response.isSuccessful()) {
        return accept(parse(text, response.code()));
      }
      Map<String, Object> error = parseQuietly(text);
      String description = String.valueOf(error.getOrDefault("error_description", ""));
      CachedToken previous = lastIssued;
      if (description.contains("access_token not expired") && previous != null) {
        // Sage ID will not issue a new token while the last one lives: keep using it for a while.
        LOG.debug("Sage ID says the access token has not expired; keeping the current one");
        CachedToken kept = new CachedToken(previous.value,
            clock.instant().plus(refreshMargin).plus(NOT_EXPIRED_BACKOFF));
        current = kept;
        return kept;
      }
      if (description.contains("access_token not expired")) {
        // Nothing cached (a restart, or the token was rejected before): Sage ID still counts the
        // last token as live and will not issue another until it expires. Waiting helps; the
        // credentials are fine, so this is a retryable rate limit, not an authentication failure.
        Duration wait = retryAfter(response.header("Retry-After"));
        throw new Sage200RateLimitException("Sage ID will not issue a new access token while the last one"
            + " is still valid (none is cached here); retry after " + wait.toSeconds() + " s", null, wait);
      }
      String reason = "Sage ID refused the token refresh with " + response.code()
          + describe(error);
      if (response.code() >= 500) {
        throw new Sage200ServerException(reason, response.code(), null, false);
      }
      throw new Sage200AuthenticationException(reason, response.code(), null);
    } catch (IOException e) {
      // Only the thread's flag means "interrupted"; OkHttp's callTimeout throws a plain InterruptedIOException.
      boolean interrupted = Thread.currentThread().isInterrupted();
      throw new Sage200ConnectionException(
          "token refresh at " + tokenUrl.host() + " failed: " + e.getClass().getSimpleName(),
          true, false, interrupted, e);
    }
  }

  /** The server's wait when it gave a usable one, otherwise the default back-off. */
  private Duration retryAfter(String header) {
    return RetryAfter.parse(header, clock).filter(d -> !d.isZero()).orElse(NOT_EXPIRED_BACKOFF);
  }

  private static String describe(Map<String, Object> error) {
    Object code = error.get("error");
    Object description = error.get("error_description");
    // Error codes and descriptions from Sage ID carry no secrets; the request body is never echoed.
    return (code == null ? "" : " " + code) + (description == null ? "" : ": " + description);
  }

  private CachedToken accept(Map<String, Object> json) {
    Object accessToken = json.get("access_token");
    if (!(accessToken instanceof String) || ((String) accessToken).isEmpty()) {
      throw new Sage200DeserializationException("Sage ID token response has no access_token", 200, null, null);
    }
    Object expiresIn = json.get("expires_in");
    long seconds = expiresIn instanceof Number ? ((Number) expiresIn).longValue()
        : expiresIn instanceof String ? Long.parseLong((String) expiresIn) : 3600L;
    Object rotated = json.get("refresh_token");
    if (rotated instanceof String && !((String) rotated).isEmpty() && !rotated.equals(refreshToken)) {
      refreshToken = (String) rotated;
      // Under the refresh lock: the host has persisted the new token before anyone refreshes again.
      onRefreshTokenRotated.accept((String) rotated);
    }
    CachedToken token = new CachedToken((String) accessToken, clock.instant().plusSeconds(seconds));
    current = token;
    lastIssued = token;
    return token;
  }

  private static Map<String, Object> parse(String text, int status) {
    try {
      Map<String, Object> json = JSON.fromJson(text);
      if (json == null) {
        throw new IOException("empty body");
      }
      return json;
    } catch (IOException | RuntimeException e) {
      throw new Sage200DeserializationException("Sage ID token response is not valid JSON", status, null, e);
    }
  }

  private static Map<String, Object> parseQuietly(String text) {
    try {
      Map<String, Object> json = JSON.fromJson(text);
      return json == null ? Map.of() : json;
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
  }

  @Override
  public String toString() {
    return "SageIdTokenProvider{tokenUrl=" + tokenUrl + ", credentials=" + credentials + ", refreshToken=***}";
  }

  private static final class CachedToken {
    final String value;
    final Instant expiresAt;

    CachedToken(String value, Instant expiresAt) {
      this.value = value;
      this.expiresAt = expiresAt;
    }

    boolean freshAt(Instant now, Duration margin) {
      return now.isBefore(expiresAt.minus(margin));
    }

    @Override
    public String toString() {
      return "CachedToken{***, expiresAt=" + expiresAt + "}";
    }
  }

  /** Configures a {@link SageIdTokenProvider}; {@link #build()} names every problem at once. */
  public static final class Builder {
    private HttpUrl tokenUrl = SAGE_ID_TOKEN_URL;
    /** A token URL that did not parse: reported by {@link #build()} with the others. */
    private String unparsableTokenUrl;
    private SageIdCredentials credentials;
    private String refreshToken;
    private Consumer<String> onRefreshTokenRotated;
    private OkHttpClient http;
    private Clock clock = Clock.systemUTC();
    private Duration refreshMargin = Duration.ofSeconds(60);
    private Duration timeout = Duration.ofSeconds(30);
    private boolean allowPlainHttp;

    private Builder() {}

    /** Overrides Sage ID's token URL (tests, the sandbox). */
    public Builder tokenUrl(String url) {
      HttpUrl parsed = HttpUrl.parse(Objects.requireNonNull(url, "tokenUrl").trim());
      this.tokenUrl = parsed == null ? tokenUrl : parsed;
      this.unparsableTokenUrl = parsed == null ? url : null;
      return this;
    }

    /** The client id and secret Sage issued for this integration. */
    public Builder credentials(SageIdCredentials credentials) {
      this.credentials = credentials;
      return this;
    }

    /** The refresh token the host stored after the authorization-code exchange or the last rotation. */
    public Builder refreshToken(String refreshToken) {
      this.refreshToken = refreshToken;
      return this;
    }

    /** Receives each new refresh token Sage ID issues; persist it, the old one may stop working. */
    public Builder onRefreshTokenRotated(Consumer<String> callback) {
      this.onRefreshTokenRotated = callback;
      return this;
    }

    /** Shares connection pools with the host; the provider still disables OkHttp's silent retries. */
    public Builder okHttpClient(OkHttpClient http) {
      this.http = http;
      return this;
    }

    /** The clock that decides expiry (tests use a settable one). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long before {@code expires_in} the token is refreshed; default 60 seconds. */
    public Builder refreshMargin(Duration margin) {
      this.refreshMargin = margin;
      return this;
    }

    /** Connect and read timeout of the token request (the call may take twice as long); default 30 s. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** Allows an {@code http://} token URL (tests and sandbox only). */
    public Builder allowPlainHttp(boolean allow) {
      this.allowPlainHttp = allow;
      return this;
    }

    /**
     * Validates and builds, with the clients' builder rules (one exception naming every problem; a
     * URL is never echoed with what stands before its host).
     *
     * @throws IllegalStateException naming every missing or wrong setting
     */
    public SageIdTokenProvider build() {
      ClientSettings settings = new ClientSettings("SageIdTokenProvider");
      settings.required("credentials", credentials, "SageIdCredentials.of(clientId, clientSecret)");
      settings.required("refreshToken", refreshToken == null || refreshToken.isBlank() ? null : refreshToken,
          "request the offline_access scope to get one");
      settings.required("onRefreshTokenRotated", onRefreshTokenRotated,
          "Sage ID rotates refresh tokens; the host must persist them");
      settings.required("timeout", timeout, "a positive duration");
      settings.positiveIfSet("timeout", timeout);
      if (refreshMargin == null || refreshMargin.isNegative()) {
        settings.problem("refreshMargin must be zero or positive, was " + refreshMargin);
      }
      if (unparsableTokenUrl != null) {
        settings.problem("tokenUrl is not an http(s) URL: '" + ClientSettings.withoutUserInfo(unparsableTokenUrl) + "'");
      } else if (!tokenUrl.isHttps() && !allowPlainHttp) {
        settings.problem("tokenUrl must use https (call allowPlainHttp(true) only for a local sandbox): "
            + tokenUrl.scheme() + "://" + tokenUrl.host());
      }
      settings.check();
      return new SageIdTokenProvider(this);
    }
  }
}
