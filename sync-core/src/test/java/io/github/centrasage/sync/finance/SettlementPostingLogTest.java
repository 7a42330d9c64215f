package io.github.centrasage.sync.finance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SettlementPostingLogTest {
  @Test
  void aPayoutWithManyExceptionsLogsOneShortLineThatSaysHowManyMore() {
    List<String> exceptions = IntStream.range(0, 125)
        .mapToObj(i -> "receipt " + i + " for order 1000" + i + " did not allocate: no open invoice for this order yet in Sage")
        .collect(Collectors.toList());

    String summary = SettlementPosting.summary(exceptions);

    assertThat(summary).hasSizeLessThan(200).startsWith("receipt 0 for order 10000").contains("; receipt 1 ")
        .endsWith("and 123 more (all on the dashboard's payouts page)");
  }

  @Test
  void aFewShortExceptionsAreLoggedWhole() {
    assertThat(SettlementPosting.summary(List.of("fee line missing", "variance 0.01")))
        .isEqualTo("fee line missing; variance 0.01");
  }
}
