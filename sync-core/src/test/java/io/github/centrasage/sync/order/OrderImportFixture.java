package io.github.centrasage.sync.order;

import java.util.function.Function;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.TokenProvider;
import io.github.centrasage.sage200.model.Currency;
import io.github.centrasage.sage200.model.TaxCode;
import io.github.centrasage.sandbox.CentraSandbox;
import io.github.centrasage.sandbox.Sage200Sandbox;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sandbox.SandboxClock;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sync.SyncStatus;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.store.SyncStateStore;
import io.github.centrasage.sync.testing.SettableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Both sandboxes, the real clients against them, and mappings that fit the seeded shop: the set-up
 * every order import test shares.
 */
final class OrderImportFixture implements AutoCloseable {
  static final String LEEDS = "Leeds DC";
  /** Shorter than the timeout-after-commit delay below, so such a fault really times the client out. */
  static final Duration SAGE_READ_TIMEOUT = Duration.ofMillis(1000);
  static final Duration COMMIT_DELAY = Duration.ofMillis(1500);

  final SandboxClock sandboxClock = SandboxClock.startingAt(SandboxClock.DEFAULT_START);
  final CentraSandbox centra = CentraSandbox.start(CentraSandbox.options().clock(sandboxClock));
  final Sage200Sandbox sage = Sage200Sandbox.start(Sage200Sandbox.options().clock(sandboxClock));
  final CentraClient centraClient = CentraClient.builder().baseUrl(centra.baseUrl()).token(centra.token())
      .allowPlainHttp(true).readTimeout(Duration.ofSeconds(5)).build();
  final Sage200Client sageClient = Sage200Client.builder().baseUrl(sage.baseUrl()).siteId(sage.siteId())
      .companyId(sage.companyId()).tokenProvider(TokenProvider.staticToken(sage.token())).allowPlainHttp(true)
      .sleeper(d -> { }).retrySettings(RetrySettings.none()).readTimeout(SAGE_READ_TIMEOUT).build();
  /** The engine's clock, moved forward to make retries due without waiting. */
  final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final long leedsId = sage.ids("warehouse").get(LEEDS);
  /** Warehouse mappings are keyed by Centra warehouse id, as StockPublish reads them. */
  final String centraLeeds = Long.toString(centra.ids("warehouse").get(LEEDS));
  final long standardTaxId;
  final long zeroTaxId;
  final long gbpId;
  final long eurId;

  OrderImportFixture() {
    // Reference data through a patient client: the first requests of a cold sandbox can be slow.
    Sage200Client setup = Sage200Client.builder().baseUrl(sage.baseUrl()).siteId(sage.siteId())
        .companyId(sage.companyId()).tokenProvider(TokenProvider.staticToken(sage.token())).allowPlainHttp(true)
        .sleeper(d -> { }).readTimeout(Duration.ofSeconds(10)).build();
    List<TaxCode> taxCodes = setup.taxCodes().list(ODataQuery.all());
    standardTaxId = taxCodes.stream().filter(t -> t.code().orElse(-1) == 1).findFirst().orElseThrow().id();
    zeroTaxId = taxCodes.stream().filter(t -> t.code().orElse(-1) == 0).findFirst().orElseThrow().id();
    List<Currency> currencies = setup.currencies().list(ODataQuery.all());
    gbpId = currencies.stream().filter(c -> c.isBaseCurrency().orElse(false)).findFirst().orElseThrow().id();
    eurId = currencies.stream().filter(c -> !c.isBaseCurrency().orElse(false)).findFirst().orElseThrow().id();
  }

  /** Mappings that fit the seeded shop: both currencies, UK VAT codes, Adyen, Leeds, shared web accounts. */
  io.github.centrasage.sync.integration.ImmutableMappings.Builder mappings() {
    return Mappings.builder()
        .putCurrency("GBP", Long.toString(gbpId))
        .putCurrency("EUR", Long.toString(eurId))
        .addTaxCode(Mappings.TaxCodeMapping.of(new BigDecimal("20"), null, standardTaxId))
        .addTaxCode(Mappings.TaxCodeMapping.of(BigDecimal.ZERO, null, zeroTaxId))
        .addPaymentAccount(Mappings.PaymentAccounts.builder().method("adyen").clearingBank("1210").currentBank("1200")
            .feesNominal("7901").varianceNominal("9999").build())
        .putWarehouse(centraLeeds, Long.toString(leedsId))
        .putCustomerStrategy("UK", Mappings.CustomerStrategy.sharedAccount("WEBGBP"))
        .putCustomerStrategy("EU", Mappings.CustomerStrategy.sharedAccount("WEBEUR"))
        .shippingChargeCode("CARRIAGE")
        .roundingTolerance(new BigDecimal("0.02"))
        .roundingNominal("9999");
  }

  ImmutableOrderImportOptions.Builder options() {
    // Polling from the sandbox's start sees every order the test places.
    return OrderImportOptions.builder().discovery(OrderImportOptions.Discovery.POLLING)
        .pollStart(SandboxClock.DEFAULT_START.minus(Duration.ofHours(1))).defaultWarehouse(centraLeeds);
  }

  Integration integration(SyncStateStore store, Mappings mappings) {
    return Integration.builder().store(store).mappings(mappings).centra(centraClient).sage(sageClient).build();
  }

  SyncEngine.Builder engine(SyncStateStore store, Function<Integration, OrderImport> flow, Mappings mappings) {
    return engine(store).flow(flow.apply(integration(store, mappings)));
  }

  SyncEngine.Builder engine(SyncStateStore store) {
    RetrySettings fast = SyncEngine.defaultRetrySettings().toBuilder().maxAttempts(8).initialDelay(Duration.ofMillis(1))
        .maxDelay(Duration.ofMillis(5)).build();
    return SyncEngine.builder().store(store).clock(clock).retryPolicy(fast).lockRetryPolicy(fast)
        .leaseDuration(Duration.ofMinutes(5));
  }

  /**
   * Runs cycles until no job is pending, moving the engine clock past every retry delay in between
   * (the in-memory store shares that clock; a JDBC store's retries are due within milliseconds).
   */
  static SyncStatus drain(SyncEngine engine, SettableClock clock) {
    SyncStatus status = engine.runOnce(OrderImport.NAME);
    for (int cycle = 0; cycle < 200 && status.queued() + status.retrying() + status.running() > 0; cycle++) {
      clock.advance(Duration.ofMinutes(1));
      status = engine.runOnce(OrderImport.NAME);
    }
    return status;
  }

  private static final List<String> SKUS = SandboxCatalog.fashionShop().items().stream()
      .map(SandboxCatalog.Item::sku).toList();

  /** The {@code i}-th SKU of the seeded shop, spread so that consecutive orders use different products. */
  static String sku(int i) {
    return SKUS.get((i * 7) % SKUS.size());
  }

  static List<Job> parked(SyncStateStore store) {
    return store.list(OrderImport.NAME, Set.of(JobState.PARKED), 0, 10_000);
  }

  @Override
  public void close() {
    centra.close();
    sage.close();
  }
}
