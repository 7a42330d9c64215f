package io.github.centrasage.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SandboxCatalogTest {

  @Test
  void fashionShopHasFiftyProductsWithUniqueSkusAndValidEans() {
    SandboxCatalog shop = SandboxCatalog.fashionShop();

    Set<String> products = new HashSet<>();
    Set<String> skus = new HashSet<>();
    for (SandboxCatalog.Item item : shop.items()) {
      products.add(item.productNumber());
      skus.add(item.sku());
      assertThat(item.ean()).hasSize(13);
      assertThat(SandboxCatalog.ean13(item.ean().substring(0, 12))).isEqualTo(item.ean());
      assertThat(item.priceGbp().signum()).isPositive();
      assertThat(item.stock().keySet()).containsExactlyElementsOf(shop.warehouses());
    }
    assertThat(products).hasSize(50);
    assertThat(skus).hasSize(shop.items().size());
  }

  @Test
  void generatedCatalogueHasExactlyTheRequestedSkusAndIsReproducible() {
    SandboxCatalog a = SandboxCatalog.generated(10_000, 42);
    SandboxCatalog b = SandboxCatalog.generated(10_000, 42);

    assertThat(a.items()).hasSize(10_000);
    assertThat(a.items().stream().map(SandboxCatalog.Item::sku).distinct().count()).isEqualTo(10_000);
    assertThat(a.items()).isEqualTo(b.items());
  }

  @Test
  void aTenThousandSkuSandboxStartsAndAnswersIndexedLookups() {
    SandboxCatalog big = SandboxCatalog.generated(10_000, 1);
    try (Sage200Sandbox sage = Sage200Sandbox.start(Sage200Sandbox.options().catalog(big));
        CentraSandbox centra = CentraSandbox.start(CentraSandbox.options().catalog(big))) {
      String sku = big.items().get(9_999).sku();
      assertThat(sage.holding(sku, "Leeds DC").quantityInStock())
          .isEqualByComparingTo(big.items().get(9_999).stock().get("Leeds DC"));
      assertThat(centra.stock(sku, "Leeds DC").physical())
          .isEqualByComparingTo(big.items().get(9_999).stock().get("Leeds DC"));
    }
  }
}
