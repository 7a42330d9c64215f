package io.github.centrasage.sync.catalog;

import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.Money;
import io.github.centrasage.centra.Price;
import io.github.centrasage.centra.ProductPrice;
import io.github.centrasage.centra.SetPricesRequest;
import io.github.centrasage.centra.VariantPrice;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.TokenProvider;
import io.github.centrasage.sage200.model.Currency;
import io.github.centrasage.sandbox.CentraSandbox;
import io.github.centrasage.sandbox.Sage200Sandbox;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sandbox.SandboxClock;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Both sandboxes, the real clients, an in-memory store and an engine running CatalogPublish with
 * Sage's {@code Standard} band → Centra's GBP pricelist and {@code EURO} → the EUR pricelist.
 */
final class CatalogWorld implements AutoCloseable {
  /** A product of the seed shop: two colours (BLK, NVY), sizes XS–XL. */
  static final String PRODUCT = "P00001";
  static final String BLACK = "P00001-BLK";
  static final String NAVY = "P00001-NVY";
  static final List<String> SIZES = List.of("XS", "S", "M", "L", "XL");

  final SandboxClock clock = SandboxClock.startingAt(SandboxClock.DEFAULT_START);
  final CentraSandbox centraSandbox;
  /** Ten products of the seed shop (100 SKUs): enough for batches, small enough for fast tests. */
  static final SandboxCatalog SHOP = SandboxCatalog.generated(100, 7L);

  final Sage200Sandbox sageSandbox = Sage200Sandbox.start(Sage200Sandbox.options().clock(clock).catalog(SHOP));
  final CentraClient centra;
  final Sage200Client sage = Sage200Client.builder().baseUrl(sageSandbox.baseUrl()).siteId(sageSandbox.siteId())
      .companyId(sageSandbox.companyId()).tokenProvider(TokenProvider.staticToken(sageSandbox.token()))
      .allowPlainHttp(true).sleeper(d -> { }).readTimeout(Duration.ofSeconds(5)).build();
  final InMemorySyncStateStore store = new InMemorySyncStateStore(clock);
  final CatalogPublishOptions options;
  final Integration integration;
  final SyncEngine engine;

  CatalogWorld(SandboxCatalog centraCatalog, UnaryOperator<ImmutableCatalogPublishOptions.Builder> adjust) {
    this(centraCatalog, (w, o) -> adjust.apply(o));
  }

  CatalogWorld(SandboxCatalog centraCatalog,
      java.util.function.BiFunction<CatalogWorld, ImmutableCatalogPublishOptions.Builder, ImmutableCatalogPublishOptions.Builder> adjust) {
    centraSandbox = CentraSandbox.start(CentraSandbox.options().clock(clock).catalog(centraCatalog));
    centra = CentraClient.builder().baseUrl(centraSandbox.baseUrl()).token(centraSandbox.token())
        .allowPlainHttp(true).readTimeout(Duration.ofSeconds(5)).build();
    Map<String, String> sageCurrencies = sage.currencies().list(ODataQuery.all()).stream()
        .collect(Collectors.toMap(c -> c.name().orElseThrow(), c -> Long.toString(c.id())));
    Mappings mappings = Mappings.builder()
        .putCurrency("GBP", sageCurrencies.get("Pound Sterling"))
        .putCurrency("EUR", sageCurrencies.get("Euro"))
        .build();
    options = adjust.apply(this, CatalogPublishOptions.builder()
        .addPriceMappings(PriceMapping.of("Standard", pricelist("GBP"), "GBP"))
        .addPriceMappings(PriceMapping.of("EURO", pricelist("EUR"), "EUR"))
        .overlap(Duration.ZERO)).build();
    integration = Integration.builder().store(store).mappings(mappings).centra(centra).sage(sage).build();
    engine = SyncEngine.builder().store(store).clock(clock)
        .flow(new CatalogPublish(integration, options))
        .retryPolicy(SyncEngine.defaultRetrySettings().toBuilder().maxAttempts(3).initialDelay(Duration.ofMillis(1))
            .maxDelay(Duration.ofMillis(1)).build())
        .build();
  }

  CatalogWorld(UnaryOperator<ImmutableCatalogPublishOptions.Builder> adjust) {
    this(SHOP, adjust);
  }

  CatalogWorld() {
    this(o -> o);
  }

  long pricelist(String currency) {
    return centraSandbox.ids("pricelist").get(currency);
  }

  long centraProduct(String sku) {
    return centraSandbox.ids("product").get(sku);
  }

  /** The Centra sandbox's view of the size with SKU {@code sku}. */
  io.github.centrasage.sandbox.CentraCatalogItem item(String sku) {
    return centraSandbox.catalogItem(sku);
  }

  long centraVariant(String sku) {
    return centraSandbox.ids("variant").get(sku);
  }

  /** One cycle, a second after the last. */
  void publish() {
    clock.advance(Duration.ofSeconds(1));
    engine.runOnce(CatalogPublish.NAME);
  }

  /** One cycle after the full-pass interval has run out. */
  void publishFullPass() {
    clock.advance(options.fullPassInterval());
    engine.runOnce(CatalogPublish.NAME);
  }

  /** Sage price-book edit: every size of {@code variant} (such as {@code P00001-BLK}) to {@code price} in {@code band}. */
  void changeSagePrice(String variant, String band, String price) {
    clock.advance(Duration.ofSeconds(1));
    SIZES.forEach(size -> sageSandbox.changePrice(variant + "-" + size, band, new BigDecimal(price)));
  }

  /** What a merchandiser does in the Centra admin: a product price, optionally with a variant override. */
  void merchandiserSetsPrice(String currency, String sku, String productPrice, Optional<String> variantPrice) {
    var row = ProductPrice.builder().productId(centraProduct(sku))
        .price(Money.of(productPrice, currency));
    variantPrice.ifPresent(v -> row.addVariantPrices(VariantPrice.of(centraVariant(sku), Money.of(v, currency))));
    centra.catalog().setPrices(SetPricesRequest.builder().pricelistId(pricelist(currency)).addProductPrices(row.build()).build());
  }

  Optional<BigDecimal> centraProductPrice(String currency, String sku) {
    return prices(currency, sku).stream().filter(p -> p.productVariant().isEmpty()).map(p -> p.price().value()).findFirst();
  }

  Optional<BigDecimal> centraVariantPrice(String currency, String sku) {
    long variant = centraVariant(sku);
    return prices(currency, sku).stream().filter(p -> p.productVariant().filter(v -> v.id() == variant).isPresent())
        .map(p -> p.price().value()).findFirst();
  }

  private List<Price> prices(String currency, String sku) {
    long product = centraProduct(sku);
    try (var all = centra.catalog().prices(pricelist(currency))) {
      return all.filter(p -> p.product().filter(r -> r.id() == product).isPresent()).collect(Collectors.toList());
    }
  }

  long setPricesCalls() {
    return centraSandbox.requestCount("setPrices");
  }

  /** Every Centra mutation CatalogPublish can send. */
  static final List<String> CENTRA_WRITES = List.of("setPrices", "updateProduct", "updateProductSize", "createProduct",
      "createProductVariant", "createProductSize", "setIdConversions");

  /** How many Centra writes the sandbox received, all mutations together. */
  long centraWrites() {
    return CENTRA_WRITES.stream().mapToLong(centraSandbox::requestCount).sum();
  }

  List<Job> parked() {
    return store.list(CatalogPublish.NAME, EnumSet.of(JobState.PARKED), 0, 10_000);
  }

  Map<JobState, Long> counts() {
    return store.count(CatalogPublish.NAME);
  }

  @Override
  public void close() {
    engine.close();
    centraSandbox.close();
    sageSandbox.close();
  }
}
