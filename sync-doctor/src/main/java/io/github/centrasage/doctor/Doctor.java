package io.github.centrasage.doctor;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.doctor.internal.CentraContractCheck;
import io.github.centrasage.doctor.internal.IdentityCheck;
import io.github.centrasage.doctor.internal.MappingsCheck;
import io.github.centrasage.doctor.internal.MasterDataCheck;
import io.github.centrasage.doctor.internal.SageContractCheck;
import io.github.centrasage.doctor.internal.SetupCheck;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.TokenProvider;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.spi.SyncFlow;
import io.github.centrasage.sync.store.SyncStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The go-live doctor: given the same clients, mappings, flows and store a host application runs
 * the engine with, it checks read-only that the two systems, the mappings and the master data fit
 * before the first write, and returns a {@link DoctorReport}. Checks (ids in docs/doctor.md):
 * {@code contract} (the client's GraphQL documents against the tenant's live schema, Sage
 * resources against the client's models), {@code identity} (the store belongs to this tenant and
 * company), {@code mappings} (every id and code resolves to a usable Sage record; every Centra
 * market, currency, warehouse and payment method in use is mapped), {@code masterdata} (every
 * sellable SKU has a stocked Sage product) and {@code setup} (event listeners, tokens, store schema,
 * clocks).
 *
 * <pre>{@code
 * DoctorReport report = Doctor.builder().integration(shop)
 *     .flows(new OrderImport(shop), new StockPublish(shop)).build().run();
 * System.out.println(report.summaryLine());
 * }</pre>
 */
public final class Doctor {
  private static final Logger log = LoggerFactory.getLogger(Doctor.class);

  final CentraClient centra;
  final Sage200Client sage;
  final Mappings mappings;
  final SyncStateStore store;
  final List<SyncFlow> flows;
  final TokenProvider sageTokens;
  final Clock clock;
  final Consumer<String> progress;
  final Supplier<Object> centraIntrospection;
  final Duration orderSampleWindow;
  final int orderSampleSize;
  final int maxFindingsPerId;
  private final List<DoctorCheck> checks;

  private Doctor(Builder b) {
    this.centra = b.centra;
    this.sage = b.sage;
    this.mappings = b.mappings;
    this.store = b.store;
    this.flows = List.copyOf(b.flows);
    this.sageTokens = b.sageTokens;
    this.clock = b.clock;
    this.progress = b.progress;
    this.centraIntrospection = b.centraIntrospection;
    this.orderSampleWindow = b.orderSampleWindow;
    this.orderSampleSize = b.orderSampleSize;
    this.maxFindingsPerId = b.maxFindingsPerId;
    Map<String, DoctorCheck> byName = new LinkedHashMap<>();
    // identity first: a store of another company makes every later answer suspect
    for (DoctorCheck c : List.of(new IdentityCheck(), new CentraContractCheck(), new SageContractCheck(),
        new MappingsCheck(), new MasterDataCheck(), new SetupCheck())) {
      byName.put(c.name(), c);
    }
    b.extra.forEach(c -> byName.put(c.name(), c));
    this.checks = List.copyOf(byName.values());
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The names of the checks this doctor runs, in order. */
  public List<String> checkNames() {
    return checks.stream().map(DoctorCheck::name).toList();
  }

  /** Runs every check (read-only) and returns the report. Never throws for what it finds. */
  public DoctorReport run() {
    Instant started = clock.instant();
    DoctorContext ctx = new DoctorContext(this);
    for (DoctorCheck check : checks) {
      progress.accept("doctor: " + check.name() + "…");
      try {
        check.run(ctx);
      } catch (RuntimeException e) {
        log.debug("doctor check {} failed", check.name(), e);
        ctx.checked();
        ctx.error(check.name() + ".failed", "the " + check.name() + " check could not finish: "
                + e.getClass().getSimpleName() + ": " + e.getMessage(),
            "fix the connection or permission named above and run the doctor again");
      }
    }
    return ctx.report(started, clock.instant());
  }

  /**
   * Configures a {@link Doctor}. Centra and Sage clients and the mappings are required; everything
   * else makes more checks possible.
   */
  public static final class Builder {
    private CentraClient centra;
    private Sage200Client sage;
    private Mappings mappings;
    private SyncStateStore store;
    private final List<SyncFlow> flows = new ArrayList<>();
    private TokenProvider sageTokens;
    private Clock clock = Clock.systemUTC();
    private Consumer<String> progress = DoctorContext.silent();
    private Supplier<Object> centraIntrospection;
    private Duration orderSampleWindow = Duration.ofDays(30);
    private int orderSampleSize = 500;
    private int maxFindingsPerId = 50;
    private final List<DoctorCheck> extra = new ArrayList<>();

    private Builder() {}

    /** The Centra client the host uses. */
    public Builder centra(CentraClient centra) {
      this.centra = Objects.requireNonNull(centra, "centra");
      return this;
    }

    /** The Sage 200 client the host uses. */
    public Builder sage(Sage200Client sage) {
      this.sage = Objects.requireNonNull(sage, "sage");
      return this;
    }

    /**
     * The host's {@link Integration}: its clients, mappings and store, as {@link #centra}, {@link #sage},
     * {@link #mappings} and {@link #store} would set them.
     *
     * @throws IllegalStateException if the integration lacks the Centra or the Sage client (the doctor checks both)
     */
    public Builder integration(Integration integration) {
      centra(integration.centra());
      sage(integration.sage());
      mappings(integration.mappings());
      return store(integration.store());
    }

    /** The host's mappings. */
    public Builder mappings(Mappings mappings) {
      this.mappings = Objects.requireNonNull(mappings, "mappings");
      return this;
    }

    /** The host's state store (identity and schema checks; only read). */
    public Builder store(SyncStateStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The flows the host's engine runs: they choose which resources, events and mappings are checked. */
    public Builder flows(SyncFlow... flows) {
      for (SyncFlow f : flows) {
        this.flows.add(Objects.requireNonNull(f, "flow"));
      }
      return this;
    }

    /** The flows the host's engine runs. */
    public Builder flows(List<? extends SyncFlow> flows) {
      return flows(flows.toArray(SyncFlow[]::new));
    }

    /** The Sage token provider, for the token checks. */
    public Builder sageTokens(TokenProvider tokens) {
      this.sageTokens = Objects.requireNonNull(tokens, "tokens");
      return this;
    }

    /** The host's clock (default system UTC), compared with both systems' clocks. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where progress lines go (default nowhere; the command line prints them on stderr). */
    public Builder progress(Consumer<String> progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /**
     * The tenant's schema as an introspection answer (the value of {@code __schema}) instead of
     * asking Centra: for tests, or a schema saved from a tenant that refuses introspection.
     */
    public Builder centraIntrospection(Supplier<Object> schema) {
      this.centraIntrospection = Objects.requireNonNull(schema, "schema");
      return this;
    }

    /** How far back, and how many, Centra orders are read to learn what is in use (default 30 days, 500). */
    public Builder orderSample(Duration window, int maxOrders) {
      if (window.isNegative() || maxOrders < 0) {
        throw new IllegalArgumentException("orderSample needs a positive window and size");
      }
      this.orderSampleWindow = window;
      this.orderSampleSize = maxOrders;
      return this;
    }

    /** At most this many findings of one id are listed (default 50); the rest are counted. */
    public Builder maxFindingsPerId(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxFindingsPerId must be at least 1, was " + max);
      }
      this.maxFindingsPerId = max;
      return this;
    }

    /** Adds a check, or replaces the built-in check of the same name. */
    public Builder check(DoctorCheck check) {
      this.extra.add(Objects.requireNonNull(check, "check"));
      return this;
    }

    /**
     * Builds the doctor.
     *
     * @throws IllegalStateException naming every missing setting
     */
    public Doctor build() {
      List<String> missing = new ArrayList<>();
      if (centra == null) {
        missing.add("centra(centraClient)");
      }
      if (sage == null) {
        missing.add("sage(sageClient)");
      }
      if (mappings == null) {
        missing.add("mappings(mappings)");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("Doctor needs " + String.join(", ", missing));
      }
      return new Doctor(this);
    }
  }
}
