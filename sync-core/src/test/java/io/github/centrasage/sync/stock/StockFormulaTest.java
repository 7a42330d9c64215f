package io.github.centrasage.sync.stock;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.sync.stock.internal.StockFormula;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class StockFormulaTest {
  @Test
  void addsWhatSageHoldsForCentraOrdersAndSubtractsTheBuffer() {
    assertThat(StockFormula.centraPhysical(new BigDecimal("8"), new BigDecimal("2"), 1)).isEqualTo(9);
  }

  @Test
  void otherChannelsAllocationsAreAlreadyOutOfSageFreeStock() {
    // 20 in stock, 5 allocated to a trade order, 3 to imported Centra orders: free 12
    assertThat(StockFormula.centraPhysical(new BigDecimal("12"), new BigDecimal("3"), 0)).isEqualTo(15);
  }

  @Test
  void neverNegative() {
    assertThat(StockFormula.centraPhysical(new BigDecimal("-4"), BigDecimal.ZERO, 0)).isZero();
    assertThat(StockFormula.centraPhysical(new BigDecimal("2"), BigDecimal.ZERO, 5)).isZero();
  }

  @Test
  void fractionalQuantitiesRoundDown() {
    assertThat(StockFormula.centraPhysical(new BigDecimal("2.75"), new BigDecimal("0.5"), 0)).isEqualTo(3);
  }

  @Test
  void aLevelCentraCannotHoldIsImplausibleNotClamped() {
    assertThat(StockFormula.implausible(new BigDecimal("1E+12"), BigDecimal.ZERO, 0))
        .hasValueSatisfying(reason -> assertThat(reason).contains("1000000000000").contains("2147483647"));
    assertThat(StockFormula.implausible(BigDecimal.valueOf(Integer.MAX_VALUE), BigDecimal.ONE, 1)).isEmpty();
    assertThat(StockFormula.implausible(new BigDecimal("-5"), BigDecimal.ZERO, 0)).isEmpty();
  }
}
