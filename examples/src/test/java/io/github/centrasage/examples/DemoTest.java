package io.github.centrasage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the whole demo in-process and holds it to the invariants the README promises. */
class DemoTest {
  @TempDir Path dir;

  @Test
  void aTradingDayUnderFaultsEndsWithEveryInvariantHolding() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    DemoResult result;
    // a heartbeat every half second instead of every 10 s, so even this short day shows some
    try (Progress progress = new Progress(new PrintStream(printed, true, StandardCharsets.UTF_8), false,
        Duration.ofMillis(500))) {
      result = Demo.run(new Demo.Settings(30, dir.resolve("store"), 7L), progress);
    }
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
    // nobody waits in silence: progress lines with what the run is doing and the queue's figures
    assertThat(report).containsPattern("\\] progress: [^\n]*\\| orders imported [0-9]+ \\| jobs waiting [0-9]+, retrying "
        + "[0-9]+, need a person [0-9]+");
    assertThat(report.lines().filter(l -> l.length() > Demo.LONGEST_LINE)).as("lines over %d characters",
        Demo.LONGEST_LINE).isEmpty();
    // about one OrderImport job per order: held orders are not re-read every cycle (that took 13-27 per order)
    Matcher orderImport = Pattern.compile("\n  OrderImport +([0-9]+) +([0-9]+) ").matcher(report);
    assertThat(orderImport.find()).as(report).isTrue();
    long imported = Long.parseLong(orderImport.group(1));
    long jobs = Long.parseLong(orderImport.group(2));
    assertThat(jobs).as("OrderImport jobs for %d orders", imported).isLessThanOrEqualTo(imported + imported / 2);
    // Sage invoices what was despatched, so the payout's receipts (and refunds) are allocated, not left on account.
    java.util.regex.Matcher allocated = java.util.regex.Pattern.compile("(\\d+) lines allocated to invoices").matcher(report);
    assertThat(allocated.find()).as(report).isTrue();
    assertThat(Integer.parseInt(allocated.group(1))).as(report).isGreaterThan(0);
    assertThat(report.strip().lines().reduce((a, b) -> b).orElseThrow())
        .isEqualTo(result.line()).startsWith("DEMO RESULT centra_orders=");
  }
}
