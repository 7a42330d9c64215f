package io.github.centrasage.benchmarks;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.TokenProvider;
import io.github.centrasage.sage200.model.Currency;
import io.github.centrasage.sage200.model.TaxCode;
import io.github.centrasage.sandbox.CentraSandbox;
import io.github.centrasage.sandbox.Fault;
import io.github.centrasage.sandbox.FaultScope;
import io.github.centrasage.sandbox.Sage200Sandbox;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sandbox.SandboxClock;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.store.SyncStateStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * Both sandboxes on one clock, with the same injected latency on every request, and the real
 * clients against them. The Sage client lets at most {@code sageConcurrency} requests be in flight
 * at once (a semaphore in an OkHttp interceptor), so the library and the naive script share one
 * capped pipe.
 */
final class Shop implements AutoCloseable {
  static final String LEEDS = "Leeds DC";
  static final String LONDON = "London Store";

  final SandboxClock clock;
  final CentraSandbox centra;
  final Sage200Sandbox sage;
  final CentraClient centraClient;
  /** Time the capped Sage pipe's permits were held, summed over requests: how busy the pipe was. */
  final LongAdder sageSlotNanos = new LongAdder();
  /** Requests that went through the capped Sage pipe. */
  final LongAdder sageSlotHolds = new LongAdder();
  /** Replaced by a scenario that needs its own interceptor (fault injection). */
  Sage200Client sageClient;

  Shop(SandboxCatalog catalog, SandboxClock clock, Duration latency, int sageConcurrency) {
    this.clock = clock;
    centra = CentraSandbox.start(CentraSandbox.options().clock(clock).catalog(catalog));
    sage = Sage200Sandbox.start(Sage200Sandbox.options().clock(clock).catalog(catalog));
    if (!latency.isZero()) {
      centra.faults().inject(Fault.latency(latency), FaultScope.always());
      sage.faults().inject(Fault.latency(latency), FaultScope.always());
    }
    centraClient = CentraClient.builder().baseUrl(centra.baseUrl()).token(centra.token()).allowPlainHttp(true)
        .readTimeout(Duration.ofSeconds(30)).build();
    Semaphore inFlight = new Semaphore(sageConcurrency);
    OkHttpClient capped = new OkHttpClient.Builder().addInterceptor(chain -> {
      inFlight.acquireUninterruptibly();
      long acquired = System.nanoTime();
      try {
        Response response = chain.proceed(chain.request());
        // the body is read after the interceptor returns; buffering it keeps the permit until the
        // whole answer has arrived
        return response.newBuilder().body(response.peekBody(Long.MAX_VALUE)).build();
      } finally {
        sageSlotNanos.add(System.nanoTime() - acquired);
        sageSlotHolds.increment();
        inFlight.release();
      }
    }).build();
    sageClient = Sage200Client.builder().baseUrl(sage.baseUrl()).siteId(sage.siteId()).companyId(sage.companyId())
        .tokenProvider(TokenProvider.staticToken(sage.token())).allowPlainHttp(true).sleeper(d -> { })
        .retrySettings(RetrySettings.none()).readTimeout(Duration.ofSeconds(30)).okHttpClient(capped).build();
  }

  static Shop fashion(Duration latency, int sageConcurrency) {
    return new Shop(SandboxCatalog.fashionShop(), SandboxClock.startingAt(SandboxClock.DEFAULT_START), latency,
        sageConcurrency);
  }

  String centraWarehouse(String name) {
    return Long.toString(centra.ids("warehouse").get(name));
  }

  String sageWarehouse(String name) {
    return Long.toString(sage.ids("warehouse").get(name));
  }

  /** Mappings that fit the seeded shop: both currencies, UK VAT codes, Adyen, both warehouses, shared web accounts. */
  Mappings orderMappings() {
    List<TaxCode> taxCodes = sageClient.taxCodes().list(ODataQuery.all());
    long standard = taxCodes.stream().filter(t -> t.code().orElse(-1) == 1).findFirst().orElseThrow().id();
    long zero = taxCodes.stream().filter(t -> t.code().orElse(-1) == 0).findFirst().orElseThrow().id();
    List<Currency> currencies = sageClient.currencies().list(ODataQuery.all());
    long gbp = currencies.stream().filter(c -> c.isBaseCurrency().orElse(false)).findFirst().orElseThrow().id();
    long eur = currencies.stream().filter(c -> !c.isBaseCurrency().orElse(false)).findFirst().orElseThrow().id();
    return Mappings.builder()
        .putCurrency("GBP", Long.toString(gbp))
        .putCurrency("EUR", Long.toString(eur))
        .addTaxCode(Mappings.TaxCodeMapping.of(new BigDecimal("20"), null, standard))
        .addTaxCode(Mappings.TaxCodeMapping.of(BigDecimal.ZERO, null, zero))
        .addPaymentAccount(Mappings.PaymentAccounts.builder().method("adyen").clearingBank("1210").currentBank("1200")
            .feesNominal("7901").varianceNominal("9999").build())
        .putWarehouse(centraWarehouse(LEEDS), sageWarehouse(LEEDS))
        .putWarehouse(centraWarehouse(LONDON), sageWarehouse(LONDON))
        .putCustomerStrategy("UK", Mappings.CustomerStrategy.sharedAccount("WEBGBP"))
        .putCustomerStrategy("EU", Mappings.CustomerStrategy.sharedAccount("WEBEUR"))
        .shippingChargeCode("CARRIAGE")
        .roundingTolerance(new BigDecimal("0.02"))
        .roundingNominal("9999")
        .build();
  }

  /** The library's clients (the current {@link #sageClient}), {@code store} and {@code mappings}, for the flows. */
  Integration integration(SyncStateStore store, Mappings mappings) {
    return Integration.builder().centra(centraClient).sage(sageClient).store(store).mappings(mappings).build();
  }

  @Override
  public void close() {
    centra.close();
    sage.close();
  }
}
