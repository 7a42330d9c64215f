package io.github.centrasage.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.WarehouseStock;
import io.github.centrasage.sage200.ODataFilter;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.TokenProvider;
import io.github.centrasage.sage200.model.Product;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Full paged passes over a catalogue larger than one page: Centra's warehouse stock (rendered a page
 * at a time) and Sage's key-set pages (read in id order, stopping once the page is full) must still
 * return every row exactly once, in order, whatever the page boundaries.
 */
class PagedReadsTest {
  static final SandboxCatalog CATALOG = SandboxCatalog.generated(450, 3);

  static CentraSandbox centra;
  static Sage200Sandbox sage;

  @BeforeAll
  static void start() {
    centra = CentraSandbox.start(CentraSandbox.options().catalog(CATALOG));
    sage = Sage200Sandbox.start(Sage200Sandbox.options().catalog(CATALOG));
  }

  @AfterAll
  static void stop() {
    centra.close();
    sage.close();
  }

  @Test
  void centraWarehouseStockPagesCoverTheCatalogueOnce() {
    CentraClient client = CentraClient.builder().baseUrl(centra.baseUrl()).token(centra.token()).allowPlainHttp(true)
        .sleeper(d -> { }).readTimeout(Duration.ofSeconds(5)).build();
    long leeds = centra.ids("warehouse").get("Leeds DC");
    String sku = CATALOG.items().get(CATALOG.items().size() - 1).sku();
    centra.clearReceivedRequests();

    List<WarehouseStock> rows;
    try (Stream<WarehouseStock> s = client.stock().warehouseStock(leeds)) {
      rows = s.collect(Collectors.toList());
    }

    List<String> skus = rows.stream().map(r -> r.productSize().sku().orElseThrow()).collect(Collectors.toList());
    assertThat(skus).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(CATALOG.items().stream().map(SandboxCatalog.Item::sku).collect(Collectors.toList()));
    assertThat(centra.receivedRequests()).as("pages of 200 over %s rows", rows.size()).hasSizeGreaterThanOrEqualTo(3);
    WarehouseStock last = rows.stream().filter(r -> r.productSize().sku().orElseThrow().equals(sku)).findFirst().orElseThrow();
    assertThat((long) last.physicalQuantity().orElseThrow()).isEqualTo(centra.stock(sku, "Leeds DC").physical().longValueExact());
  }

  @Test
  void sageKeysetPagesReturnEveryRowOnceInIdOrder() {
    Sage200Client client = Sage200Client.builder().baseUrl(sage.baseUrl()).siteId(sage.siteId()).companyId(sage.companyId())
        .tokenProvider(TokenProvider.staticToken(sage.token())).allowPlainHttp(true).sleeper(d -> { })
        .readTimeout(Duration.ofSeconds(5)).build();
    sage.clearReceivedRequests();

    List<Product> all;
    try (Stream<Product> s = client.products().stream(ODataQuery.builder().top(40).build())) {
      all = s.collect(Collectors.toList());
    }
    List<Product> filtered;
    try (Stream<Product> s = client.products().stream(ODataQuery.builder()
        .filter(ODataFilter.in("code", List.of(CATALOG.items().get(7).sku(), CATALOG.items().get(300).sku()))).top(1).build())) {
      filtered = s.collect(Collectors.toList());
    }

    assertThat(all).extracting(Product::id).isSorted().doesNotHaveDuplicates();
    assertThat(all).extracting(Product::code)
        .containsExactlyInAnyOrderElementsOf(CATALOG.items().stream().map(SandboxCatalog.Item::sku).collect(Collectors.toList()));
    assertThat(sage.receivedRequests()).as("key-set pages of 40").hasSizeGreaterThan(all.size() / 40);
    assertThat(filtered).extracting(Product::code)
        .containsExactlyInAnyOrder(CATALOG.items().get(7).sku(), CATALOG.items().get(300).sku());
    assertThat(sage.receivedRequests().get(sage.receivedRequests().size() - 1).query())
        .as("the last page asked for rows after the previous page's key").containsKey("$filter");
    assertThat(Map.copyOf(sage.receivedRequests().get(1).query())).containsEntry("$orderby", "id asc");
  }
}
