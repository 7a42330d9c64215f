package io.github.centrasage.sync.catalog;

import io.github.centrasage.sync.testing.OfflineIntegration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.centrasage.centra.ImmutableNamedRef;
import io.github.centrasage.centra.ImmutableProduct;
import io.github.centrasage.centra.ImmutableProductSize;
import io.github.centrasage.centra.ImmutableProductVariant;
import io.github.centrasage.centra.Product;
import io.github.centrasage.centra.ProductInput;
import io.github.centrasage.centra.ProductSize;
import io.github.centrasage.centra.Weight;
import io.github.centrasage.sync.catalog.internal.FieldPlan;
import io.github.centrasage.sync.catalog.internal.SizeIndex;
import io.github.centrasage.sync.catalog.internal.SizeIndex.CatalogSize;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogOptionsTest {
  @Test
  void priceRoundingMustRound() {
    assertThatThrownBy(() -> CatalogPublishOptions.builder().priceRounding(java.math.RoundingMode.UNNECESSARY).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("priceRounding must round");
  }

  @Test
  void aNetBandToAVatInclusivePricelistWithoutARateIsAProblemAndWithOneIsConverted() {
    io.github.centrasage.sync.integration.Mappings mappings = io.github.centrasage.sync.integration.Mappings.builder().putCurrency("GBP", "1")
        .putPriceBandBasis("Standard", io.github.centrasage.sync.integration.Mappings.PriceBasis.NET).build();
    PriceMapping noRate = ImmutablePriceMapping.builder().from(PriceMapping.of("Standard", 23, "GBP"))
        .centraPricesIncludeTax(true).build();
    CatalogPublish flow = new CatalogPublish(OfflineIntegration.with(mappings),
        CatalogPublishOptions.builder().addPriceMappings(noRate).build());

    assertThat(flow.problems()).singleElement().asString()
        .contains("price band Standard is NET but pricelist 23 includes VAT").contains("taxPercent");
    PriceMapping withRate = PriceMapping.of("Standard", 23, "GBP").withTax(true, new BigDecimal("20"));
    assertThat(new CatalogPublish(OfflineIntegration.with(mappings), CatalogPublishOptions.builder().addPriceMappings(withRate).build()).problems()).isEmpty();
    assertThat(CatalogPrices.centraPrice(mappings, withRate, new BigDecimal("100.00"))).isEqualByComparingTo("120.00");
    assertThat(CatalogPrices.centraPrice(mappings, PriceMapping.of("Standard", 23, "GBP"), new BigDecimal("100.00")))
        .as("no basis on the pricelist side: published as it is").isEqualByComparingTo("100.00");
    assertThatThrownBy(() -> PriceMapping.of("Standard", 23, "GBP").withTax(true, new BigDecimal("120")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("taxPercent");
    io.github.centrasage.sync.integration.Mappings noBasis = io.github.centrasage.sync.integration.Mappings.builder().putCurrency("GBP", "1").build();
    assertThat(new CatalogPublish(OfflineIntegration.with(noBasis), CatalogPublishOptions.builder().addPriceMappings(withRate).build()).problems())
        .as("the pricelist's side is given, the band's is not").singleElement().asString()
        .contains("pricelist 23 includes VAT but price band Standard has no basis; add priceBand.Standard = NET or GROSS");
  }

  @Test
  void defaultOwnershipGivesTheItemRecordAndPricesToSageAndMerchandisingToCentra() {
    FieldOwnership d = FieldOwnership.defaults();
    assertThat(d.sageOwns(CatalogField.PRICE)).isTrue();
    assertThat(d.sageOwns(CatalogField.EAN)).isTrue();
    assertThat(d.owner(CatalogField.DESCRIPTION)).isEqualTo(FieldOwner.CENTRA);
    assertThat(d.owner(CatalogField.VARIANT_PRICES)).isEqualTo(FieldOwner.CENTRA);
    assertThat(FieldOwnership.builder().putOwners(CatalogField.NAME, FieldOwner.SAGE).build().sageOwns(CatalogField.NAME)).isTrue();
  }

  @Test
  void variantOverrideFollowsOwnershipAndAContradictionIsRefused() {
    FieldOwnership sageVariants = FieldOwnership.builder().putOwners(CatalogField.VARIANT_PRICES, FieldOwner.SAGE).build();
    assertThat(CatalogPublishOptions.defaults().overrideIndividualVariantPrices()).isFalse();
    assertThat(CatalogPublishOptions.builder().ownership(sageVariants).build().overrideIndividualVariantPrices()).isTrue();
    assertThatThrownBy(() -> CatalogPublishOptions.builder().overrideIndividualVariantPrices(true).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VARIANT_PRICES");
  }

  @Test
  void originAndCommodityFieldNamesDefaultToTheInferredOnesAndMustNotBeBlank() {
    assertThat(CatalogPublishOptions.defaults().countryOfOriginField()).isEqualTo("country_of_origin");
    assertThat(CatalogPublishOptions.defaults().commodityCodeField()).isEqualTo("commodity_code");
    assertThatThrownBy(() -> CatalogPublishOptions.builder().commodityCodeField(" ").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("commodityCodeField");
  }

  @Test
  void aPricelistFedByTwoBandsIsRefused() {
    assertThatThrownBy(() -> CatalogPublishOptions.builder().addPriceMappings(PriceMapping.of("Standard", 23, "GBP"),
        PriceMapping.of("Trade", 23, "GBP")).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pricelist 23");
    assertThatThrownBy(() -> PriceMapping.of("Standard", 23, "pounds")).hasMessageContaining("ISO 4217");
    assertThatThrownBy(() -> CatalogPublishOptions.builder().batchSize(0).build()).hasMessageContaining("batchSize");
  }

  static ProductSize size(long id, long chartId, String chartName, String sku, String ean) {
    return ImmutableProductSize.builder().id(id).sku(sku).ean(Optional.ofNullable(ean)).sizeNumber("-" + chartName)
        .size(ImmutableNamedRef.builder().id(chartId).name(chartName).build()).build();
  }

  static Product product(long id, String number, long variantId, ProductSize... sizes) {
    return ImmutableProduct.builder().id(id).productNumber(number).status("ACTIVE")
        .addVariants(ImmutableProductVariant.builder().id(variantId).variantNumber("-BLK").addProductSizes(sizes).build()).build();
  }

  static final Product SHIRT = product(2, "P1", 7, size(70, 9001, "M", "P1-BLK-M", "5000000000017"),
      size(71, 9002, "L", "P1-BLK-L", "5000000000024"));

  @Test
  void matchesBySkuThenEanAndSaysWhyNot() {
    SizeIndex index = new SizeIndex(List.of(SHIRT));
    CatalogSize blackM = index.all().get(0);
    CatalogSize blackL = index.all().get(1);
    assertThat(blackM.productSizeId()).isEqualTo(70);
    assertThat(blackM.bindingId()).isEqualTo("7:9001");
    assertThat(index.match("P1-BLK-M", Optional.empty(), SkuMatch.SKU_THEN_EAN).size()).contains(blackM);
    assertThat(index.match("OLD-CODE", Optional.of("5000000000024"), SkuMatch.SKU_THEN_EAN).size()).contains(blackL);
    assertThat(index.match("OLD-CODE", Optional.of("5000000000024"), SkuMatch.SKU).reason()).contains("OLD-CODE")
        .contains("has no Centra size with that SKU");
    assertThat(index.match("P1-BLK-M", Optional.of("9999"), SkuMatch.EAN).reason()).contains("EAN 9999");
    assertThat(index.sizesOf(2)).containsExactly(blackM, blackL);
    assertThat(index.productsNumbered("P1")).containsExactly(2L);
    assertThat(index.variantNumbered(2, "-BLK")).contains(7L);
    assertThat(index.sizeOf(2, 7, "L")).contains(blackL);
  }

  @Test
  void anAmbiguousSkuOrEanIsNotGuessed() {
    Product twin = product(3, "P1", 8, size(80, 9001, "M", "P1-BLK-M", "5000000000017"));
    SizeIndex index = new SizeIndex(List.of(SHIRT, twin));
    assertThat(index.match("P1-BLK-M", Optional.empty(), SkuMatch.SKU_THEN_EAN).reason()).contains("on 2 Centra sizes");
    assertThat(index.match("X", Optional.of("5000000000017"), SkuMatch.EAN).size()).isEmpty();
    assertThat(index.productsNumbered("P1")).hasSize(2);
  }

  @Test
  void theDefaultSplitterCutsAtTheLastTwoSeparatorsSoThePartsJoinBackToTheCode() {
    SkuParts parts = SkuSplitter.separatedBy('-').split("P-00001-BLK-M");
    assertThat(parts).isEqualTo(SkuParts.of("P-00001", "-BLK", "-M", "M"));
    assertThat(parts.sku()).isEqualTo("P-00001-BLK-M");
    for (String bad : List.of("P00001", "P00001-M", "-BLK-M", "P00001-BLK-", "P00001--M")) {
      assertThatThrownBy(() -> SkuSplitter.separatedBy('-').split(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("skuSplitter");
    }
    assertThatThrownBy(() -> CatalogPublishOptions.builder().creationLease(Duration.ZERO).build())
        .hasMessageContaining("creationLease");
  }

  static io.github.centrasage.sage200.model.Product sage(String code, String barcode, String weight, boolean active) {
    return io.github.centrasage.sage200.model.Product.builder().id(code.hashCode()).code(code).name(code + " long name")
        .description("Shirt").barcode(Optional.ofNullable(barcode)).weight(Optional.ofNullable(weight).map(BigDecimal::new))
        .allowSalesOrder(true).productStatusType(active ? "EnumStockItemStatusTypeActive" : "EnumStockItemStatusTypeInactive")
        .build();
  }

  @Test
  void fieldPlanWritesOnlyDifferingSageOwnedFieldsAndNothingWhenEqual() {
    Product centra = ImmutableProduct.builder().from(SHIRT).weight(Weight.of(new BigDecimal("0.300"), "KG")).name("Campaign name").build();
    SizeIndex index = new SizeIndex(List.of(centra));
    CatalogPublishOptions options = CatalogPublishOptions.defaults();

    FieldPlan.Writes same = FieldPlan.plan(centra, index.sizesOf(2), Map.of(
        70L, sage("P1-BLK-M", "5000000000017", "0.3", true), 71L, sage("P1-BLK-L", "5000000000024", "0.30", false)), options);
    assertThat(same.isEmpty()).as("equal values, a Centra-owned name that differs").isTrue();

    FieldPlan.Writes changed = FieldPlan.plan(centra, index.sizesOf(2), Map.of(
        70L, sage("P1-BLK-M", "5000000000031", "0.3", false), 71L, sage("P1-BLK-L", null, "0.45", false)), options);
    assertThat(changed.product()).hasValueSatisfying(in -> {
      assertThat(in.status()).contains("INACTIVE");
      assertThat(in.weight().map(Weight::value)).hasValueSatisfying(w -> assertThat(w).isEqualByComparingTo("0.45"));
      assertThat(in.name()).isEmpty();
    });
    assertThat(changed.eanByProductSizeId()).containsExactly(Map.entry(70L, "5000000000031"));

    CatalogPublishOptions sageNames = CatalogPublishOptions.builder().ownership(FieldOwnership.builder()
        .putOwners(CatalogField.NAME, FieldOwner.SAGE).putOwners(CatalogField.EAN, FieldOwner.CENTRA).build()).build();
    FieldPlan.Writes named = FieldPlan.plan(centra, index.sizesOf(2), Map.of(70L, sage("P1-BLK-M", "5000000000031", "0.3", true)),
        sageNames);
    assertThat(named.product().flatMap(ProductInput::name)).contains("Shirt");
    assertThat(named.eanByProductSizeId()).isEmpty();
  }
}
