package io.github.centrasage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the whole demo in-process and holds it to the invariants the README promises. */
class DemoTest {
  @TempDir Path dir;

  @Test
  void aTradingDayUnderFaultsEndsWithEveryInvariantHolding() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    DemoResult result = Demo.run(new Demo.Settings(30, dir.resolve("store"), 7L),
        new PrintStream(printed, true, StandardCharsets.UTF_8));
    String report = printed.toString(StandardCharsets.UTF_8);

    assertThat(result.failures()).as(report).isEmpty();
    assertThat(result.centraOrders()).isGreaterThan(30);
    assertThat(result.duplicateOrders()).isZero();
    assertThat(result.missingOrders()).isZero();
    assertThat(result.parked()).as("the two new-season orders, with reasons").isEqualTo(2);
    assertThat(result.sageOrders()).isEqualTo(result.centraOrders() - result.parked());
    assertThat(result.stockMismatches()).isZero();
    assertThat(result.oversoldUnits()).isZero();
    assertThat(result.despatchesLost()).isZero();
    assertThat(result.clearingBalance()).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(result.creditNotes()).as(report).isGreaterThan(0);
    assertThat(report).contains("Centra's GBP pricelist shows").contains("Adyen payout 1126").contains("clearing movement 0.00");
    assertThat(report).contains("Sage has no product with that code").contains("retried");
    // the go-live doctor ran first and named the SKUs Sage lacks before any order for them parked
    assertThat(report).containsPattern("DOCTOR RESULT errors=\\d+ warnings=\\d+ checks=\\d+");
    assertThat(report.indexOf("doctor: Centra sells SKU ")).isNotNegative()
        .isLessThan(report.indexOf("Parked, waiting for a person"));
    assertThat(report.strip().lines().reduce((a, b) -> b).orElseThrow())
        .isEqualTo(result.line()).startsWith("DEMO RESULT centra_orders=");
  }
}
