package io.github.centrasage.centra;

import io.github.centrasage.centra.internal.CentraOperations;
import io.github.centrasage.centra.internal.GraphQLTransport;
import io.github.centrasage.centra.internal.Operation;
import io.github.centrasage.centra.internal.ScalarAdapters;
import io.github.centrasage.centra.internal.Variables;
import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.http.Sleeper;
import io.github.centrasage.http.internal.BearerToken;
import io.github.centrasage.http.internal.ClientSettings;
import java.time.Clock;
import java.time.Duration;
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

  private CentraClient(Builder b, HttpUrl url, String userAgent) {
    this.baseUrl = url.toString();
    // Timeouts: explicit settings win; a caller's own client keeps its timeouts otherwise.
    OkHttpClient http = ClientSettings.withTimeouts(b.okHttpClient, b.connectTimeout, b.readTimeout, b.callTimeout,
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60));
    this.transport = new GraphQLTransport(url, b.tokenSource, http, userAgent, b.retrySettings, b.rateLimits,
        b.clock, b.sleeper, ScalarAdapters.moshi());
    this.orders = new CentraOrders(transport);
    this.events = new CentraEvents(transport);
    this.stock = new CentraStock(transport);
    this.shipments = new CentraShipments(transport);
    this.returns = new CentraReturns(transport);
    this.catalog = new CentraCatalog(transport);
    this.idConversions = new CentraIdConversions(transport);
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
    private RetrySettings retrySettings = RetrySettings.defaults();
    private CentraRateLimits rateLimits;
    private String userAgentSuffix;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.threadSleeper();

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

    /** Allows {@code http://} base URLs: only for a local sandbox or tests (the same rule as {@code Sage200Client}'s). */
    public Builder allowPlainHttp(boolean allow) {
      this.allowPlainHttp = allow;
      return this;
    }

    /** Connect timeout; default 10 s, or the {@link #okHttpClient(OkHttpClient) caller's client}'s own. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /** Read and write timeout of one attempt; default 30 s, or the caller's client's own. */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    /** Whole-call timeout of one attempt; default 60 s, or the caller's client's own. */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = timeout;
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

    /** How failed calls are repeated in-line; {@link RetrySettings#none()} turns retries off. */
    public Builder retrySettings(RetrySettings settings) {
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
    public Builder sleeper(Sleeper sleeper) {
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
      ClientSettings settings = new ClientSettings("CentraClient");
      HttpUrl url = settings.baseUrl(baseUrl, allowPlainHttp, "the tenant root, for example https://mybrand.centra.com");
      if (url != null) {
        List<String> segments = url.pathSegments();
        String last = segments.get(segments.size() - 1).isEmpty() && segments.size() > 1
            ? segments.get(segments.size() - 2) : segments.get(segments.size() - 1);
        if (last.equals("graphql")) {
          settings.problem("baseUrl must be the tenant root without /graphql (the client adds it): " + url);
        }
      }
      if (tokenSource == null) {
        settings.problem("token is missing: create an Integration API token in the Centra AMS, then token(…) or"
            + " tokenSupplier(…)");
      } else if (tokenIsConstant) {
        try {
          BearerToken.of(tokenSource.get(), GraphQLTransport.WHERE_TO_GET_A_TOKEN); // fail at build time, not on the first call
        } catch (IllegalArgumentException e) {
          settings.problem(e.getMessage());
        }
      }
      settings.positiveIfSet("connectTimeout", connectTimeout);
      settings.positiveIfSet("readTimeout", readTimeout);
      settings.positiveIfSet("callTimeout", callTimeout);
      String userAgent = settings.userAgent(version(), userAgentSuffix);
      settings.check();
      return new CentraClient(this, url, userAgent);
    }

    @Override
    public String toString() {
      return "CentraClient.Builder[baseUrl=" + baseUrl + ", token=" + (tokenSource == null ? "unset" : "[REDACTED]") + "]";
    }
  }
}
