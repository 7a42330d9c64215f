package io.github.centrasage.sync.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.centra.ProductPrice;
import io.github.centrasage.centra.VariantPrice;
import io.github.centrasage.sync.catalog.internal.PricePlan;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PricePlanTest {
  static final long PRODUCT = 2;
  static final long BLACK = 7;
  static final long NAVY = 8;
  static final long ECRU = 9;

  static Map<String, BigDecimal> sizes(String price) {
    return Map.of("S", new BigDecimal(price), "M", new BigDecimal(price));
  }

  static PricePlan.Outcome plan(Map<Long, Map<String, BigDecimal>> sage, String current, Map<Long, BigDecimal> variants,
      boolean sageOwnsVariants) {
    return PricePlan.plan(PRODUCT, "EUR", "EURO", sage, Optional.ofNullable(current).map(BigDecimal::new), variants,
        sageOwnsVariants);
  }

  @Test
  void equalPriceWithADifferentScaleWritesNothing() {
    var outcome = plan(Map.of(BLACK, sizes("29.00"), NAVY, sizes("29.00")), "29", Map.of(), false);
    assertThat(outcome.row()).isEmpty();
    assertThat(outcome.problem()).isEmpty();
  }

  @Test
  void aMissingProductPriceIsWritten() {
    ProductPrice row = plan(Map.of(BLACK, sizes("29.00")), null, Map.of(), false).row().orElseThrow();
    assertThat(row.price().value()).isEqualByComparingTo("29.00");
    assertThat(row.price().currency()).isEqualTo("EUR");
    assertThat(row.overrideIndividualVariantPrices()).isFalse();
    assertThat(row.variantPrices()).isEmpty();
  }

  @Test
  void aCentraOwnedVariantOverrideNeitherTriggersAWriteNorIsSent() {
    var outcome = plan(Map.of(BLACK, sizes("29.00"), NAVY, sizes("29.00")), "29.00", Map.of(NAVY, new BigDecimal("19")), false);
    assertThat(outcome.row()).isEmpty();
  }

  @Test
  void theProductPriceIsThePriceMostVariantsShareAndTheOthersAreOverridden() {
    ProductPrice row = plan(Map.of(BLACK, sizes("30"), NAVY, sizes("30"), ECRU, sizes("25")), "20", Map.of(), true)
        .row().orElseThrow();
    assertThat(row.price().value()).isEqualByComparingTo("30");
    assertThat(row.overrideIndividualVariantPrices()).isTrue();
    assertThat(row.variantPrices()).extracting(VariantPrice::variantId).containsExactly(ECRU);
  }

  @Test
  void aTieGoesToTheLowerPrice() {
    ProductPrice row = plan(Map.of(BLACK, sizes("45"), NAVY, sizes("40")), null, Map.of(), true).row().orElseThrow();
    assertThat(row.price().value()).isEqualByComparingTo("40");
    assertThat(row.variantPrices()).singleElement().satisfies(v -> {
      assertThat(v.variantId()).isEqualTo(BLACK);
      assertThat(v.price().value()).isEqualByComparingTo("45");
    });
  }

  @Test
  void aStaleVariantOverrideIsClearedWhenSageOwnsVariantPricesButAnEqualOneIsLeftAlone() {
    assertThat(plan(Map.of(BLACK, sizes("30")), "30", Map.of(NAVY, new BigDecimal("9")), true).row()).isPresent();
    assertThat(plan(Map.of(BLACK, sizes("30")), "30", Map.of(NAVY, new BigDecimal("30.00")), true).row()).isEmpty();
  }

  @Test
  void differentVariantPricesAreAProblemWhileCentraOwnsVariantPrices() {
    var outcome = plan(Map.of(BLACK, sizes("30"), NAVY, sizes("35")), "30", Map.of(), false);
    assertThat(outcome.row()).isEmpty();
    assertThat(outcome.problem()).hasValueSatisfying(p -> assertThat(p).contains("owned by Centra").contains("VARIANT_PRICES"));
  }

  @Test
  void sizesOfOneVariantWithDifferentPricesAreAProblem() {
    var outcome = plan(Map.of(BLACK, Map.of("S", new BigDecimal("30"), "XL", new BigDecimal("32"))), "30", Map.of(), true);
    assertThat(outcome.problem()).hasValueSatisfying(p -> assertThat(p).contains("variant 7").contains("never per size"));
  }

  @Test
  void aProductWithoutSagePricesIsLeftAlone() {
    var outcome = plan(Map.of(), "30", Map.of(), true);
    assertThat(outcome.row()).isEmpty();
    assertThat(outcome.problem()).isEmpty();
  }

  @Test
  void aWarningPathPointsAtItsRow() {
    assertThat(PricePlan.warnedRow(java.util.List.of("input", "productPrices", "3", "price"))).contains(3);
    assertThat(PricePlan.warnedRow(java.util.List.of("input", "productPrices"))).isEmpty();
    assertThat(PricePlan.warnedRow(java.util.List.of("input", "pricelist"))).isEmpty();
    assertThat(PricePlan.warnedRow(java.util.List.of("productPrices", "x"))).isEmpty();
  }
}
