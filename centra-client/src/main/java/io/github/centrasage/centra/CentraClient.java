package io.github.centrasage.centra;

import io.github.centrasage.centra.internal.BearerToken;
import io.github.centrasage.centra.internal.CentraOperations;
import io.github.centrasage.centra.internal.GraphQLTransport;
import io.github.centrasage.centra.internal.Operation;
import io.github.centrasage.centra.internal.ScalarAdapters;
import io.github.centrasage.centra.internal.Variables;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Client for the Centra GraphQL Integration API ({@code POST {baseUrl}/graphql} with a Bearer token).
 * Build one per tenant environment and share it across threads; operations are grouped by topic.
 *
 * <pre>{@code
 * CentraClient centra = CentraClient.builder().baseUrl("https://mybrand.centra.com").token(token).build();
 * Optional<Order> order = centra.orders().byNumber(1234);
 * }</pre>
 */
public final class CentraClient {
  private final GraphQLTransport transport;
  private final String baseUrl;
  private final CentraOrders orders;
  private final CentraEvents events;
  private final CentraStock stock;
  private final CentraShipments shipments;
  private final CentraReturns returns;
  private final CentraCatalog catalog;
  private final CentraIdConversions idConversions;

  private CentraClient(Builder b, HttpUrl url) {
    this.baseUrl = url.toString();
    OkHttpClient.Builder http = (b.okHttpClient != null ? b.okHttpClient : new OkHttpClient()).newBuilder();
    boolean own = b.okHttpClient == null;
    // Timeouts: explicit settings win; a caller's own client keeps its timeouts otherwise.
    if (b.connectTimeout != null || own) {
      http.connectTimeout(orDefault(b.connectTimeout, Duration.ofSeconds(10)));
    }
    if (b.readTimeout != null || own) {
      http.readTimeout(orDefault(b.readTimeout, Duration.ofSeconds(30)));
      http.writeTimeout(orDefault(b.readTimeout, Duration.ofSeconds(30)));
    }
    if (b.callTimeout != null || own) {
      http.callTimeout(orDefault(b.callTimeout, Duration.ofSeconds(60)));
    }
    String userAgent = "centra-sage200/" + version() + (b.userAgentSuffix == null ? "" : " " + b.userAgentSuffix);
    this.transport = new GraphQLTransport(url, b.tokenSource, http.build(), userAgent, b.retrySettings, b.rateLimits,
        b.clock, b.sleeper, ScalarAdapters.moshi());
    this.orders = new CentraOrders(transport);
    this.events = new CentraEvents(transport);
    this.stock = new CentraStock(transport);
    this.shipments = new CentraShipments(transport);
    this.returns = new CentraReturns(transport);
    this.catalog = new CentraCatalog(transport);
    this.idConversions = new CentraIdConversions(transport);
  }

  private static Duration orDefault(Duration value, Duration fallback) {
    return value != null ? value : fallback;
  }

  private static String version() {
    String v = CentraClient.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  public static Builder builder() {
    return new Builder();
  }

  public CentraOrders orders() {
    return orders;
  }

  public CentraEvents events() {
    return events;
  }

  public CentraStock stock() {
    return stock;
  }

  public CentraShipments shipments() {
    return shipments;
  }

  public CentraReturns returns() {
    return returns;
  }

  public CentraCatalog catalog() {
    return catalog;
  }

  public CentraIdConversions idConversions() {
    return idConversions;
  }

  /** The {@code rateLimits} query: the state of every bucket (it costs a request itself). */
  public List<RateLimit> rateLimits() {
    List<RateLimit> limits = transport.execute(CentraOperations.RATE_LIMITS, Variables.of().build()).value();
    return limits == null ? List.of() : limits;
  }

  /**
   * Runs a read-only GraphQL query the library does not ship ({@code __schema} introspection,
   * {@code eventListeners}, {@code warehouses}…) with the client's token, retries and rate limits,
   * and returns its root field as plain JSON values (maps, lists, strings, numbers, booleans; null
   * when Centra answers null). For checks such as the go-live doctor; flows use the typed calls.
   *
   * @throws IllegalArgumentException unless the document is one named query ({@code query Name {…}})
   * @throws CentraGraphQLException when Centra answers with {@code errors[]}
   */
  public Object readQuery(String document, String rootField) {
    return transport.execute(Operation.adHocQuery(document, rootField), Variables.of().build()).value();
  }

  /** Every GraphQL document the client sends, by operation name, as sent (fragments expanded). */
  public static Map<String, String> shippedDocuments() {
    return Operation.shippedDocuments();
  }

  /** The tenant's base URL as the client uses it (no credentials in it). */
  public String baseUrl() {
    return baseUrl;
  }

  @Override
  public String toString() {
    return "CentraClient[" + baseUrl + "]";
  }

  /**
   * Configures a {@link CentraClient}; {@link #build()} validates everything at once.
   *
   * <pre>{@code
   * CentraClient.builder().baseUrl("https://mybrand.centra.com").token(token).rateLimits(CentraRateLimits.growthPlan()).build();
   * }</pre>
   */
  public static final class Builder {
    private String baseUrl;
    private Supplier<String> tokenSource;
    private boolean tokenIsConstant;
    private boolean allowPlainHttp;
    private Duration connectTimeout;
    private Duration readTimeout;
    private Duration callTimeout;
    private OkHttpClient okHttpClient;
    private CentraRetrySettings retrySettings = CentraRetrySettings.defaults();
    private CentraRateLimits rateLimits;
    private String userAgentSuffix;
    private Clock clock = Clock.systemUTC();
    private CentraSleeper sleeper = CentraSleeper.threadSleeper();

    private Builder() {}

    /** The tenant root, such as {@code https://mybrand.centra.com} (without {@code /graphql}). */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /** The Integration API token (AMS: System → API Tokens). Never logged or printed. */
    public Builder token(String token) {
      this.tokenSource = () -> token;
      this.tokenIsConstant = true;
      return this;
    }

    /**
     * Where to read the token before every attempt, for rotation without rebuilding the client
     * (Centra tokens expire, 30 days by default). A blank value fails the call with an
     * {@link IllegalArgumentException}.
     */
    public Builder tokenSupplier(Supplier<String> tokenSupplier) {
      this.tokenSource = Objects.requireNonNull(tokenSupplier, "tokenSupplier");
      this.tokenIsConstant = false;
      return this;
    }

    /** Allows {@code http://} base URLs: only for a local sandbox or tests (the same switch as {@code Sage200Client}'s). */
    public Builder allowPlainHttp(boolean allow) {
      this.allowPlainHttp = allow;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** Read and write timeout of one attempt. */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, "readTimeout");
      return this;
    }

    /** Whole-call timeout of one attempt. */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = positive(timeout, "callTimeout");
      return this;
    }

    /**
     * An OkHttp client to share connection pools and dispatchers with; it is copied with
     * {@code newBuilder()} and {@code retryOnConnectionFailure(false)}, the original is not changed.
     */
    public Builder okHttpClient(OkHttpClient client) {
      this.okHttpClient = Objects.requireNonNull(client, "okHttpClient");
      return this;
    }

    public Builder retrySettings(CentraRetrySettings settings) {
      this.retrySettings = Objects.requireNonNull(settings, "retrySettings");
      return this;
    }

    /** Enables the client-side limiter; off by default (Centra's 429 is still honoured). */
    public Builder rateLimits(CentraRateLimits limits) {
      this.rateLimits = Objects.requireNonNull(limits, "rateLimits");
      return this;
    }

    /** Appended to the User-Agent, for example {@code "acme-sync/1.4"}. */
    public Builder userAgentSuffix(String suffix) {
      this.userAgentSuffix = suffix;
      return this;
    }

    /** How the client waits between retries (tests pass one that records the delay and returns at once). */
    public Builder sleeper(CentraSleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Clock used to read {@code Retry-After} dates; tests pass a fixed one. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the client.
     *
     * @throws IllegalStateException naming every problem with the settings at once (as
     *     {@code Sage200Client.Builder.build()} does)
     */
    public CentraClient build() {
      List<String> problems = new ArrayList<>();
      HttpUrl url = null;
      if (baseUrl == null || baseUrl.isBlank()) {
        problems.add("baseUrl is missing: the tenant root, for example https://mybrand.centra.com");
      } else {
        url = HttpUrl.parse(baseUrl.trim());
        if (url == null) {
          problems.add("baseUrl is not an http(s) URL: '" + baseUrl + "'");
        } else {
          if (!url.isHttps() && !allowPlainHttp) {
            problems.add("baseUrl must use https (call allowPlainHttp(true) only for a local sandbox): " + url.scheme()
                + "://" + url.host());
          }
          if (url.query() != null || url.fragment() != null) {
            problems.add("baseUrl must not have a query or fragment: " + url.host());
          }
          List<String> segments = url.pathSegments();
          String last = segments.get(segments.size() - 1).isEmpty() && segments.size() > 1
              ? segments.get(segments.size() - 2) : segments.get(segments.size() - 1);
          if (last.equals("graphql")) {
            problems.add("baseUrl must be the tenant root without /graphql (the client adds it): " + url);
          }
          if (!url.encodedPath().endsWith("/")) {
            url = url.newBuilder().addPathSegment("").build();
          }
        }
      }
      if (tokenSource == null) {
        problems.add("token is missing: create an Integration API token in the Centra AMS, then token(…) or"
            + " tokenSupplier(…)");
      } else if (tokenIsConstant) {
        try {
          BearerToken.of(tokenSource.get()); // fail at build time, not on the first call
        } catch (IllegalArgumentException e) {
          problems.add(e.getMessage());
        }
      }
      if (userAgentSuffix != null && userAgentSuffix.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
        problems.add("userAgentSuffix must be printable ASCII: '" + userAgentSuffix + "'");
      }
      if (!problems.isEmpty()) {
        throw new IllegalStateException("CentraClient cannot be built: " + String.join("; ", problems));
      }
      return new CentraClient(this, url);
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }

    @Override
    public String toString() {
      return "CentraClient.Builder[baseUrl=" + baseUrl + ", token=" + (tokenSource == null ? "unset" : "[REDACTED]") + "]";
    }
  }
}
