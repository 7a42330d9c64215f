package io.github.centrasage.benchmarks;

import io.github.centrasage.centra.Product;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.model.Currency;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sandbox.SandboxClock;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.catalog.CatalogPublish;
import io.github.centrasage.sync.catalog.CatalogPublishOptions;
import io.github.centrasage.sync.catalog.PriceMapping;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A full CatalogPublish pass over an unchanged catalogue (after the first pass linked it): the
 * Centra reads it makes (catalogue pages, pricelist price pages, the pricelist list) per 1,000 SKUs
 * against the pages one read of each costs, and the writes it makes (should be none).
 */
final class CatalogueFullPass {
  private static final List<String> READS = List.of("products", "prices", "pricelists");
  private static final List<String> WRITES = List.of("setPrices", "updateProduct", "updateProductSize", "createProduct",
      "createProductVariant", "createProductSize");

  private CatalogueFullPass() {}

  static Map<String, Object> run(int skus) {
    SandboxClock clock = SandboxClock.startingAt(SandboxClock.DEFAULT_START);
    try (Shop shop = new Shop(SandboxCatalog.generated(skus, 17), clock, Duration.ZERO, 4)) {
      List<Currency> currencies = shop.sageClient.currencies().list(ODataQuery.all());
      String gbp = Long.toString(currencies.stream().filter(c -> c.isBaseCurrency().orElse(false)).findFirst().orElseThrow().id());
      String eur = Long.toString(currencies.stream().filter(c -> !c.isBaseCurrency().orElse(false)).findFirst().orElseThrow().id());
      Mappings mappings = Mappings.builder().putCurrency("GBP", gbp).putCurrency("EUR", eur).build();
      Map<String, Long> pricelists = shop.centra.ids("pricelist");
      CatalogPublishOptions options = CatalogPublishOptions.builder()
          .addPriceMappings(PriceMapping.of("Standard", pricelists.get("GBP"), "GBP"))
          .addPriceMappings(PriceMapping.of("EURO", pricelists.get("EUR"), "EUR"))
          .overlap(Duration.ZERO).build();

      // what one read of each costs: the pages a pass cannot do without
      shop.centra.resetRequestCounts();
      try (Stream<Product> all = shop.centraClient.catalog().products()) {
        all.count();
      }
      for (long id : List.of(pricelists.get("GBP"), pricelists.get("EUR"))) {
        try (var prices = shop.centraClient.catalog().prices(id)) {
          prices.count();
        }
      }
      shop.centraClient.catalog().pricelists();
      long pages = READS.stream().mapToLong(shop.centra::requestCount).sum();

      InMemorySyncStateStore store = new InMemorySyncStateStore(clock);
      try (SyncEngine engine = SyncEngine.builder().store(store).clock(clock)
          .flow(new CatalogPublish(shop.integration(store, mappings), options))
          .retryPolicy(SyncEngine.defaultRetrySettings().toBuilder().maxAttempts(3).initialDelay(Duration.ofMillis(1))
              .maxDelay(Duration.ofMillis(1)).build())
          .build()) {
        clock.advance(Duration.ofSeconds(1));
        engine.runOnce(CatalogPublish.NAME); // first pass: links every SKU
        shop.centra.resetRequestCounts();
        shop.sage.resetRequestCounts();
        long started = System.nanoTime();
        clock.advance(options.fullPassInterval());
        engine.runOnce(CatalogPublish.NAME); // a full pass over an unchanged catalogue
        long nanos = System.nanoTime() - started;
        long reads = READS.stream().mapToLong(shop.centra::requestCount).sum();
        long writes = WRITES.stream().mapToLong(shop.centra::requestCount).sum();
        return new Bench.Line("catalogue-full-pass").put("skus", skus).put("batch_size", options.batchSize())
            .put("centra_reads", reads).put("centra_pages_one_read", pages)
            .put("reads_vs_pages", reads / (double) pages)
            .put("centra_reads_per_1000_skus", reads * 1000.0 / skus)
            .put("centra_writes", writes)
            .put("sage_reads", shop.sage.requestCounts().values().stream().mapToLong(Long::longValue).sum())
            .put("succeeded", store.count(CatalogPublish.NAME).getOrDefault(JobState.SUCCEEDED, 0L))
            .put("parked", store.count(CatalogPublish.NAME).getOrDefault(JobState.PARKED, 0L))
            .put("pass_s", nanos / 1e9).print();
      }
    }
  }
}
