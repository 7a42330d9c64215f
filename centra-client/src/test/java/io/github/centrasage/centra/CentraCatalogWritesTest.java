package io.github.centrasage.centra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CentraCatalogWritesTest extends CentraWireMockTest {
  private static final String PRODUCT = """
      {"id": 12, "name": "Oxford Shirt", "status": "ACTIVE", "productNumber": "P00001",
       "brand": {"id": 3, "name": "House"}, "collection": null, "folder": {"id": 5, "name": "Shirts"},
       "countryOfOrigin": {"code": "PT", "name": "Portugal"}, "harmonizedCommodityCode": "6205200000",
       "harmonizedCommodityCodeDescription": "Men's shirts of cotton", "weight": {"value": 0.350, "unit": "KG"},
       "variants": []}""";

  private String mutationPayload(String field, String value) {
    return "{\"" + field + "\": " + value + ", " + Fixtures.userMessages() + "}";
  }

  @Test
  void updateProductSendsOnlyTheFieldsSetAndReturnsTheSavedProduct() {
    stubData("{\"updateProduct\": " + mutationPayload("product", PRODUCT) + "}");

    CentraMutationResult<Product> saved = client.catalog().updateProduct(12, ProductInput.builder()
        .status("ACTIVE").weight(Weight.of(new BigDecimal("0.350"), "KG")).countryOfOrigin("PT")
        .harmonizedCommodityCode("6205200000").folderId(5).build());

    assertThat(variables(onlyRequest())).isEqualTo(json("""
        {"id": 12, "input": {"status": "ACTIVE", "folder": {"id": 5}, "countryOfOrigin": {"code": "PT"},
         "harmonizedCommodityCode": "6205200000", "weight": {"value": 0.350, "unit": "KG"}}}"""));
    assertThat((String) onlyRequest().get("query")).contains("updateProduct(id: $id, input: $input)")
        .contains("userWarnings");
    Product p = saved.value();
    assertThat(p.weight()).hasValueSatisfying(w -> {
      assertThat(w.value()).isEqualByComparingTo("0.35");
      assertThat(w.unit()).contains("KG");
    });
    assertThat(p.countryOfOrigin().map(CodeRef::code)).contains("PT");
    assertThat(p.harmonizedCommodityCodeDescription()).contains("Men's shirts of cotton");
    assertThat(p.folder().map(NamedRef::id)).contains(5L);
    assertThat(p.collection()).isEmpty();
  }

  @Test
  void anUpdateThatSetsNothingIsRefusedBeforeAnyRequest() {
    assertThatThrownBy(() -> client.catalog().updateProduct(12, ProductInput.builder().build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sets no field");
    assertThatThrownBy(() -> ProductSizeInput.builder().build()).isInstanceOf(IllegalArgumentException.class);
    assertThat(requests()).isEmpty();
  }

  @Test
  void createProductNamesEveryMissingRequiredField() {
    assertThatThrownBy(() -> client.catalog().createProduct(ProductInput.builder().name("Shirt").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("productNumber").hasMessageContaining("status");
    assertThat(requests()).isEmpty();
  }

  @Test
  void createProductThenVariantWithSizesThenAnExtraSize() {
    stubData("{\"createProduct\": " + mutationPayload("product", PRODUCT) + "}");
    long productId = client.catalog().createProduct(ProductInput.builder().name("Oxford Shirt").productNumber("P00001")
        .status("ACTIVE").build()).value().id();
    assertThat(variables(onlyRequest())).isEqualTo(json("""
        {"input": {"name": "Oxford Shirt", "status": "ACTIVE", "productNumber": "P00001"}}"""));

    wm.resetAll();
    stubData("{\"createProductVariant\": " + mutationPayload("productVariant", """
        {"id": 40, "name": "Black", "variantNumber": "-BLK",
         "productSizes": [{"id": 41, "SKU": "P00001-BLK-M", "EAN": "5012345678900", "sizeNumber": "-M", "size": {"id": 9002, "name": "M"}}]}""") + "}");
    ProductVariant variant = client.catalog().createProductVariant(CreateProductVariantRequest.builder().productId(productId)
        .name("Black").variantNumber("-BLK")
        .addProductSizes(NewProductSize.builder().sizeName("M").ean("5012345678900").sizeNumber("-M").build()).build()).value();
    assertThat(variables(onlyRequest())).isEqualTo(json("""
        {"input": {"product": {"id": 12}, "name": "Black", "variantNumber": "-BLK",
         "productSizes": [{"size": {"name": "M"}, "EAN": "5012345678900", "sizeNumber": "-M", "isActive": true}]}}"""));
    assertThat(variant.productSizes()).singleElement().satisfies(s -> assertThat(s.sku()).contains("P00001-BLK-M"));

    wm.resetAll();
    stubData("{\"createProductSize\": " + mutationPayload("productSize", """
        {"id": 42, "SKU": "P00001-BLK-L", "EAN": null, "sizeNumber": "-L", "size": {"id": 9003, "name": "L"}}""") + "}");
    ProductSize size = client.catalog().createProductSize(40, NewProductSize.builder().sizeId(9003).sizeNumber("-L").build()).value();
    assertThat(variables(onlyRequest())).isEqualTo(json("""
        {"input": {"size": {"id": 9003}, "sizeNumber": "-L", "isActive": true, "productVariant": {"id": 40}}}"""));
    assertThat(size.id()).isEqualTo(42);
    assertThat(size.ean()).isEmpty();
  }

  @Test
  void updateProductSizeSendsTheEanUnderCentrasName() {
    stubData("{\"updateProductSize\": " + mutationPayload("productSize", """
        {"id": 41, "SKU": "P00001-BLK-M", "EAN": "5000000000017", "sizeNumber": "-M", "size": {"id": 9002, "name": "M"}}""") + "}");

    ProductSize saved = client.catalog().updateProductSize(41, ProductSizeInput.builder().ean("5000000000017").build()).value();

    assertThat(variables(onlyRequest())).isEqualTo(json("{\"id\": 41, \"input\": {\"EAN\": \"5000000000017\"}}"));
    assertThat(saved.ean()).contains("5000000000017");
  }

  @Test
  void aUserErrorOnUpdateFailsWithTheMessageAndIsNotRetried() {
    stubData("""
        {"updateProductSize": {"productSize": null, "userErrors": [{"message": "EAN is already used", "path": ["input", "EAN"]}],
         "userWarnings": []}}""");

    CentraUserErrorException e = catchThrowableOfType(CentraUserErrorException.class,
        () -> client.catalog().updateProductSize(41, ProductSizeInput.builder().ean("5000000000017").build()));

    assertThat(e.userErrors()).extracting(CentraUserMessage::message).containsExactly("EAN is already used");
    assertThat(requests()).hasSize(1);
  }

  @Test
  void newProductSizeNeedsExactlyOneWayToNameTheChartSize() {
    assertThatThrownBy(() -> NewProductSize.builder().build()).hasMessageContaining("neither");
    assertThatThrownBy(() -> NewProductSize.builder().sizeName("M").sizeId(1).build()).hasMessageContaining("both");
  }

  @Test
  void productsQueryReadsTheErpOwnedFields() {
    stubData("{\"products\": [" + PRODUCT + "]}");

    List<Product> products = client.catalog().products().collect(Collectors.toList());

    assertThat(products).singleElement().satisfies(p -> {
      assertThat(p.harmonizedCommodityCode()).contains("6205200000");
      assertThat(p.brand().flatMap(NamedRef::name)).contains("House");
    });
    String query = (String) requests().get(0).get("query");
    assertThat(query).contains("weight { value unit }").contains("countryOfOrigin { code name }")
        .contains("productSizes { id SKU EAN sizeNumber size { id name } isActive }");
    assertThat(variables(requests().get(0))).isEqualTo(Map.of("limit", 100.0, "page", 1.0));
  }
}
