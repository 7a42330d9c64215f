package io.github.centrasage.sync.stock.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.centra.CentraUserMessage;
import io.github.centrasage.centra.ImmutableCentraUserMessage;
import io.github.centrasage.sync.stock.StockKey;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which levels of one {@code setStock} a Centra warning names. */
class SkippedRowsTest {
  private static StockLevels.Level level(String sku, long variantId, long sizeId) {
    return new StockLevels.Level(StockKey.of(sku, "1"), new SkuRef(sku, 1, variantId, sizeId), BigDecimal.ONE,
        BigDecimal.ZERO, 0, 1, Optional.empty(), true, Optional.empty());
  }

  private static CentraUserMessage warning(String... path) {
    return ImmutableCentraUserMessage.builder().message("row skipped").addPath(path).build();
  }

  private final StockLevels.Level a1 = level("A-1", 10, 1);
  private final StockLevels.Level b1 = level("B-1", 20, 1);
  private final StockLevels.Level a2 = level("A-2", 10, 2);
  private final List<StockLevels.Level> levels = List.of(a1, b1, a2);

  @Test
  void anIndexNamesEveryLevelOfThatVariantInOrderOfFirstAppearance() {
    assertThat(StockLevels.skippedRows(levels, List.of(warning("input", "productVariants", "1"))))
        .containsOnlyKeys(b1);
    assertThat(StockLevels.skippedRows(levels, List.of(warning("input", "productVariants", "0"))))
        .containsOnlyKeys(a1, a2)
        .hasValueSatisfying(new org.assertj.core.api.Condition<>(r -> r.contains("row skipped")
            && r.contains("input.productVariants.0"), "Centra's words and path"));
  }

  @Test
  void aWarningThatNamesNoRowLeavesTheWholeRequestUnconfirmed() {
    assertThat(StockLevels.skippedRows(levels, List.of(warning("input")))).containsOnlyKeys(a1, b1, a2);
    assertThat(StockLevels.skippedRows(levels, List.of(warning("input", "productVariants", "7"))))
        .containsOnlyKeys(a1, b1, a2);
    assertThat(StockLevels.skippedRows(levels, List.of())).isEmpty();
  }
}
