package io.github.centrasage.sync.finance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.sync.finance.SettlementReport;
import io.github.centrasage.sync.store.SyncStateStore;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import io.github.centrasage.sync.store.JdbcSyncStateStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Payout reports kept in bindings, on the in-memory store and on H2 (whose reference column holds 200 characters). */
class PayoutReportRecordsTest {
  @TempDir static Path dir;

  static Stream<Arguments> stores() {
    JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("payouts") + ";LOCK_TIMEOUT=10000",
        "sa", "");
    return Stream.of(Arguments.of("in-memory", new InMemorySyncStateStore(java.time.Clock.systemUTC())),
        Arguments.of("H2", JdbcSyncStateStore.builder(pool).build()));
  }

  static SettlementReport report(String payoutId, List<String> exceptions) {
    return SettlementReport.builder().psp("adyen").payoutId(payoutId).currency("GBP").clearingBank("1210")
        .receipts(new BigDecimal("123456.78")).refunds(new BigDecimal("30.00")).fees(new BigDecimal("1481.58"))
        .transferred(new BigDecimal("121920.21")).variance(new BigDecimal("24.99")).clearingMovement(new BigDecimal("0.00"))
        .posted(56).alreadyPosted(0).exceptions(exceptions).build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void storesAPayoutOnceAndDropsLinesALaterPostingNoLongerReports(String name, SyncStateStore store) {
    String longReason = "P1/7: order 999999 is not imported (no order binding); " + "x".repeat(300);
    PayoutReportRecords.write(store, report("P1", List.of("P1/3: unallocated", longReason, "P1/V: payout differs")));
    PayoutReportRecords.write(store, report("P2", List.of()));

    SettlementReport first = PayoutReportRecords.read(store, "adyen", "P1").orElseThrow();
    assertThat(first.exceptions()).hasSize(3);
    assertThat(first.exceptions().get(1)).hasSize(200).startsWith("P1/7: order 999999").endsWith("\u2026");
    assertThat(first.variance()).isEqualByComparingTo("24.99");
    assertThat(first.needsAttention()).isTrue();

    PayoutReportRecords.write(store, report("P1", List.of("P1/3: unallocated")));

    assertThat(PayoutReportRecords.read(store, "adyen", "P1").orElseThrow().exceptions()).containsExactly("P1/3: unallocated");
    assertThat(store.recentBindings(PayoutReportRecords.PAYOUT_LINE, 100)).hasSize(1);
    assertThat(PayoutReportRecords.recent(store, 10)).extracting(SettlementReport::payoutId)
        .containsExactlyInAnyOrder("P1", "P2");
    assertThat(PayoutReportRecords.read(store, "adyen", "P3")).isEmpty();
    store.close();
  }
}
