package io.github.centrasage.sync.stock.internal;

import io.github.centrasage.sync.integration.Integration;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.TokenProvider;
import io.github.centrasage.sandbox.CentraSandbox;
import io.github.centrasage.sandbox.Sage200Sandbox;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sandbox.SandboxClock;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.spi.SyncContext;
import io.github.centrasage.sync.store.SyncStateStore;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A first pass (no {@code "sku"} bindings) over a catalogue of three Centra pages: the directory reads
 * the catalogue through one cursor, so batch after batch costs about one catalogue read in all, and
 * its caches stay within their bound.
 */
class SkuDirectoryCatalogueTest {
  /** 250 Centra products of ten sizes: three pages of Centra's 100-product catalogue query. */
  static final SandboxCatalog CATALOG = SandboxCatalog.generated(2_500, 5);
  static final List<String> SKUS = CATALOG.items().stream().map(SandboxCatalog.Item::sku).toList();
  static final int BATCH = 50;

  static SandboxClock clock;
  static CentraSandbox centraSandbox;
  static Sage200Sandbox sageSandbox;
  static CentraClient centra;
  static Sage200Client sage;

  @BeforeAll
  static void start() {
    clock = SandboxClock.startingAt(SandboxClock.DEFAULT_START);
    centraSandbox = CentraSandbox.start(CentraSandbox.options().clock(clock).catalog(CATALOG));
    sageSandbox = Sage200Sandbox.start(Sage200Sandbox.options().clock(clock).catalog(CATALOG));
    centra = CentraClient.builder().baseUrl(centraSandbox.baseUrl()).token(centraSandbox.token())
        .allowPlainHttp(true).readTimeout(Duration.ofSeconds(10)).build();
    sage = Sage200Client.builder().baseUrl(sageSandbox.baseUrl()).siteId(sageSandbox.siteId())
        .companyId(sageSandbox.companyId()).tokenProvider(TokenProvider.staticToken(sageSandbox.token()))
        .allowPlainHttp(true).sleeper(d -> { }).readTimeout(Duration.ofSeconds(10)).build();
  }

  @AfterAll
  static void stop() {
    centraSandbox.close();
    sageSandbox.close();
  }

  /** A fresh store: no bindings, as on a first pass. */
  private static Integration firstPass() {
    return Integration.builder().store(new InMemorySyncStateStore(clock)).centra(centra).sage(sage).build();
  }

  private static long catalogueReads() {
    return centraSandbox.requestCount("products");
  }

  private static SkuDirectory.Resolution resolve(SkuDirectory directory, Integration ctx, int from) {
    return directory.resolve(ctx, SKUS.subList(from, Math.min(SKUS.size(), from + BATCH)), Map.of());
  }

  @Test
  void batchesInCatalogueOrderReadEachCataloguePageOnceWithinABoundedCache() {
    SkuDirectory directory = new SkuDirectory(300);
    Integration ctx = firstPass();
    long before = catalogueReads();

    for (int from = 0; from < SKUS.size(); from += BATCH) {
      SkuDirectory.Resolution resolution = resolve(directory, ctx, from);
      assertThat(resolution.unknown()).as("batch at %d", from).isEmpty();
      assertThat(resolution.known()).hasSize(BATCH);
      assertThat(directory.cachedEntries()).as("three caches of 300").isLessThanOrEqualTo(900);
    }

    // restarting from the first page for every batch read pages 1..k again for each of the 50 batches
    assertThat(catalogueReads() - before).as("three pages, each read once").isEqualTo(3);
    // the first batch left the caches long ago: the store's bindings still know it, without Centra
    assertThat(resolve(directory, ctx, 0).known()).hasSize(BATCH);
    assertThat(catalogueReads() - before).as("resolved from the bindings").isEqualTo(3);
  }

  @Test
  void aBatchBehindTheCursorIsFoundByReadingOnAndThenFromTheFirstPage() {
    SkuDirectory directory = new SkuDirectory(10); // too small to remember what the cursor passed
    Integration ctx = firstPass();
    long before = catalogueReads();

    assertThat(resolve(directory, ctx, 1_500).known()).hasSize(BATCH); // products 151–155: pages 1 and 2
    assertThat(catalogueReads() - before).isEqualTo(2);
    SkuDirectory.Resolution behind = resolve(directory, ctx, 0); // products 1–5

    assertThat(behind.unknown()).isEmpty();
    assertThat(behind.known()).hasSize(BATCH);
    // the rest of page 2 is in hand; page 3 ends the catalogue, then page 1 again
    assertThat(catalogueReads() - before).isEqualTo(4);
    SkuDirectory.Resolution next = resolve(directory, ctx, BATCH);
    assertThat(next.known()).as("the cursor carries on from page 1").hasSize(BATCH);
    assertThat(catalogueReads() - before).isEqualTo(4);
  }

  @Test
  void aSkuCentraDoesNotKnowCostsOnePassNotOnePerBatch() {
    SkuDirectory directory = new SkuDirectory(10);
    Integration ctx = firstPass();
    long before = catalogueReads();

    resolve(directory, ctx, 0);
    SkuDirectory.Resolution unknown = directory.resolve(ctx, List.of("NO-SUCH-SKU"), Map.of());

    assertThat(unknown.unknown()).containsOnlyKeys("NO-SUCH-SKU");
    assertThat(unknown.unknown().get("NO-SUCH-SKU")).contains("not a Sage 200 product code");
    assertThat(catalogueReads() - before).as("Sage does not know it: no Centra read").isEqualTo(1);
  }
}
