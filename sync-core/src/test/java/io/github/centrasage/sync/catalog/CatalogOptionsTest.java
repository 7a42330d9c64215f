package io.github.centrasage.sync.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.centrasage.sync.catalog.internal.SizeIndex;
import io.github.centrasage.sync.stock.internal.SkuDirectory.CentraSize;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogOptionsTest {
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
  void aPricelistFedByTwoBandsIsRefused() {
    assertThatThrownBy(() -> CatalogPublishOptions.builder().addPriceMappings(PriceMapping.of("Standard", 23, "GBP"),
        PriceMapping.of("Trade", 23, "GBP")).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pricelist 23");
    assertThatThrownBy(() -> PriceMapping.of("Standard", 23, "pounds")).hasMessageContaining("ISO 4217");
    assertThatThrownBy(() -> CatalogPublishOptions.builder().batchSize(0).build()).hasMessageContaining("batchSize");
  }

  static final CentraSize BLACK_M = new CentraSize(2, 7, 9001, Optional.of("P1-BLK-M"), Optional.of("5000000000017"));
  static final CentraSize BLACK_L = new CentraSize(2, 7, 9002, Optional.of("P1-BLK-L"), Optional.of("5000000000024"));

  @Test
  void matchesBySkuThenEanAndSaysWhyNot() {
    SizeIndex index = new SizeIndex(List.of(BLACK_M, BLACK_L));
    assertThat(index.match("P1-BLK-M", Optional.empty(), SkuMatch.SKU_THEN_EAN).size()).contains(BLACK_M);
    assertThat(index.match("OLD-CODE", Optional.of("5000000000024"), SkuMatch.SKU_THEN_EAN).size()).contains(BLACK_L);
    assertThat(index.match("OLD-CODE", Optional.of("5000000000024"), SkuMatch.SKU).reason()).contains("OLD-CODE")
        .contains("has no Centra size with that SKU");
    assertThat(index.match("P1-BLK-M", Optional.of("9999"), SkuMatch.EAN).reason()).contains("EAN 9999");
    assertThat(index.sizesOf(2)).containsExactly(BLACK_M, BLACK_L);
  }

  @Test
  void anAmbiguousSkuOrEanIsNotGuessed() {
    CentraSize twin = new CentraSize(3, 8, 9001, Optional.of("P1-BLK-M"), Optional.of("5000000000017"));
    SizeIndex index = new SizeIndex(List.of(BLACK_M, twin));
    assertThat(index.match("P1-BLK-M", Optional.empty(), SkuMatch.SKU_THEN_EAN).reason()).contains("on 2 Centra sizes");
    assertThat(index.match("X", Optional.of("5000000000017"), SkuMatch.EAN).size()).isEmpty();
  }
}
