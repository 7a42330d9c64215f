package io.github.centrasage.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.CentraUserErrorException;
import io.github.centrasage.centra.CreateProductVariantRequest;
import io.github.centrasage.centra.NewProductSize;
import io.github.centrasage.centra.Product;
import io.github.centrasage.centra.ProductInput;
import io.github.centrasage.centra.ProductSize;
import io.github.centrasage.centra.ProductSizeInput;
import io.github.centrasage.centra.ProductVariant;
import io.github.centrasage.centra.Weight;
import java.math.BigDecimal;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real centra-client's product writes against the Centra sandbox, asserted on what the sandbox
 * then holds. One sandbox serves the class; each test works on a product of its own.
 */
class CentraCatalogWritesAgainstSandboxTest {
  static CentraSandbox centra;
  static CentraClient client;

  @BeforeAll
  static void start() {
    centra = CentraSandbox.start();
    client = CentraClientAgainstSandboxTest.clientFor(centra).build();
  }

  @AfterAll
  static void stop() {
    centra.close();
  }

  /** A SKU of the {@code n}th product of the seed shop (ten SKUs per product). */
  static String skuOfProduct(int n) {
    return SandboxCatalog.fashionShop().items().get(n * 10).sku();
  }

  @Test
  void updateProductChangesOnlyTheFieldsSent() {
    String sku = skuOfProduct(0);
    long updatesBefore = centra.requestCount("updateProduct");
    CentraCatalogItem before = centra.catalogItem(sku);

    Product saved = client.catalog().updateProduct(before.productId(), ProductInput.builder().status("INACTIVE")
        .weight(Weight.of(new BigDecimal("0.420"), "KG")).countryOfOrigin("PT").harmonizedCommodityCode("6109100010")
        .build()).value();

    CentraCatalogItem after = centra.catalogItem(sku);
    assertThat(after.productStatus()).isEqualTo("INACTIVE");
    assertThat(after.weight()).isEqualByComparingTo("0.42");
    assertThat(after.countryOfOrigin()).isEqualTo("PT");
    assertThat(after.commodityCode()).isEqualTo("6109100010");
    assertThat(after.productName()).isEqualTo(before.productName());
    assertThat(after.ean()).isEqualTo(before.ean());
    assertThat(saved.weight().map(Weight::value)).hasValueSatisfying(w -> assertThat(w).isEqualByComparingTo("0.42"));
    assertThat(centra.requestCount("updateProduct")).isEqualTo(updatesBefore + 1);
  }

  @Test
  void aMerchandisersEditIsWhatTheClientReadsBack() {
    String sku = skuOfProduct(1);
    centra.editProduct(sku, "weight", "1.5");
    centra.editProduct(sku, "EAN", "5000000000017");

    Product read;
    try (var products = client.catalog().products()) {
      long id = centra.catalogItem(sku).productId();
      read = products.filter(p -> p.id() == id).findFirst().orElseThrow();
    }
    assertThat(read.weight().map(Weight::value)).hasValueSatisfying(w -> assertThat(w).isEqualByComparingTo("1.5"));
    assertThat(read.variants().stream().flatMap(v -> v.productSizes().stream()).filter(s -> s.sku().orElse("").equals(sku))
        .map(s -> s.ean().orElse(null)).collect(Collectors.toList())).containsExactly("5000000000017");
  }

  @Test
  void updateProductSizeSetsAndUnsetsTheEan() {
    String sku = skuOfProduct(2);
    long sizeId = centra.catalogItem(sku).sizeId();

    ProductSize saved = client.catalog().updateProductSize(sizeId, ProductSizeInput.builder().ean("5000000000024").build()).value();
    assertThat(saved.ean()).contains("5000000000024");
    assertThat(centra.catalogItem(sku).ean()).isEqualTo("5000000000024");

    client.catalog().updateProductSize(sizeId, ProductSizeInput.builder().ean("").build());
    assertThat(centra.catalogItem(sku).ean()).isNull();
  }

  @Test
  void createdProductVariantAndSizesGetTheSkuCentraBuildsFromTheThreeParts() {
    Product product = client.catalog().createProduct(ProductInput.builder().name("Linen Trousers").productNumber("T900")
        .status("ACTIVE").build()).value();
    ProductVariant variant = client.catalog().createProductVariant(CreateProductVariantRequest.builder()
        .productId(product.id()).name("Sand").variantNumber("-SND")
        .addProductSizes(NewProductSize.builder().sizeName("M").ean("5000000000031").sizeNumber("-M").build()).build()).value();
    ProductSize large = client.catalog().createProductSize(variant.id(),
        NewProductSize.builder().sizeName("L").sizeNumber("-L").build()).value();

    assertThat(variant.productSizes()).extracting(s -> s.sku().orElseThrow()).containsExactly("T900-SND-M");
    assertThat(large.sku()).contains("T900-SND-L");
    CentraCatalogItem m = centra.catalogItem("T900-SND-M");
    assertThat(m.productName()).isEqualTo("Linen Trousers");
    assertThat(m.ean()).isEqualTo("5000000000031");
    assertThat(centra.catalogItems().stream().filter(i -> "T900".equals(i.productNumber()))).hasSize(2);
  }

  @Test
  void aSizeTheChartDoesNotHaveOrASizeTwiceIsAUserError() {
    String sku = skuOfProduct(3);
    long variantId = centra.catalogItem(sku).variantId();
    String existingSize = centra.catalogItem(sku).sizeName();

    assertThatThrownBy(() -> client.catalog().createProductSize(variantId, NewProductSize.builder().sizeName("XXXL").build()))
        .isInstanceOf(CentraUserErrorException.class).hasMessageContaining("Size not found");
    assertThatThrownBy(() -> client.catalog().createProductSize(variantId, NewProductSize.builder().sizeName(existingSize).build()))
        .isInstanceOf(CentraUserErrorException.class).hasMessageContaining("already has size");
  }

  @Test
  void anUnknownStatusIsAUserErrorAndChangesNothing() {
    String sku = skuOfProduct(4);
    long productId = centra.catalogItem(sku).productId();

    assertThatThrownBy(() -> client.catalog().updateProduct(productId, ProductInput.builder().status("SLEEPING").build()))
        .isInstanceOf(CentraUserErrorException.class).hasMessageContaining("Unknown product status");
    assertThat(centra.catalogItem(sku).productStatus()).isEqualTo("ACTIVE");
  }

  @Test
  void sageEditOfABarcodeStampsTheProductAsUpdated() {
    String sku = skuOfProduct(0);
    try (Sage200Sandbox sage = Sage200Sandbox.start()) {
      sage.clock().advance(java.time.Duration.ofMinutes(5));
      sage.editProduct(sku, "barcode", "5000000000048");
      assertThatThrownBy(() -> sage.editProduct(sku, "code", "X")).isInstanceOf(IllegalArgumentException.class);
      var client = io.github.centrasage.sage200.Sage200Client.builder().baseUrl(sage.baseUrl()).siteId(sage.siteId())
          .companyId(sage.companyId()).tokenProvider(io.github.centrasage.sage200.TokenProvider.staticToken(sage.token()))
          .allowPlainHttp(true).build();
      var product = client.products().list(io.github.centrasage.sage200.ODataQuery.where(
          io.github.centrasage.sage200.ODataFilter.eq("code", sku))).get(0);
      assertThat(product.barcode()).contains("5000000000048");
      assertThat(product.dateTimeUpdated().orElseThrow().toInstant()).isEqualTo(sage.clock().instant());
    }
  }
}
