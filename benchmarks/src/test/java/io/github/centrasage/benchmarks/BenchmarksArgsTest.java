package io.github.centrasage.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchmarksArgsTest {
  @Test
  void severalScenariosInOneMavenArgumentAreSplitOnBlanks() {
    assertThat(Benchmarks.scenarios(new String[] {" order-backlog  reconcile-memory "}))
        .containsExactly("order-backlog", "reconcile-memory");
  }

  @Test
  void noOrABlankArgumentRunsEveryScenario() {
    assertThat(Benchmarks.scenarios(new String[0])).isEqualTo(Benchmarks.ALL);
    assertThat(Benchmarks.scenarios(new String[] {null})).isEqualTo(Benchmarks.ALL);
    assertThat(Benchmarks.scenarios(new String[] {" "})).isEqualTo(Benchmarks.ALL);
  }
}
