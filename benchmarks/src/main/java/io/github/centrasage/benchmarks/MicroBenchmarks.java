package io.github.centrasage.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link OrderCodecBenchmarks} with JMH in one forked JVM, with short warm-up and measurement
 * (5 × 1 s warm-up, {@code iterations} × 1 s measured) so that it fits the benchmark command's time budget, and prints a
 * {@code BENCH scenario=jmh-<benchmark>} line per benchmark: microseconds per order with JMH's
 * 99.9% error.
 */
final class MicroBenchmarks {
  private MicroBenchmarks() {}

  /** Enough for C2 to settle on both benchmarks at this size. */
  static final int WARMUP_ITERATIONS = 5;

  static List<Map<String, Object>> run(int iterations) throws RunnerException {
    // the fork starts with java.class.path; under exec:java that is Maven's own, not this module's
    System.setProperty("java.class.path", ReconcileMemory.classPath());
    Options options = new OptionsBuilder().include(OrderCodecBenchmarks.class.getName() + "\\.")
        .forks(1).jvmArgs("-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
        .warmupIterations(WARMUP_ITERATIONS).warmupTime(TimeValue.seconds(1))
        .measurementIterations(iterations).measurementTime(TimeValue.seconds(1))
        .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT).build();
    Collection<RunResult> results = new Runner(options).run();
    List<Map<String, Object>> lines = new ArrayList<>();
    for (RunResult result : results) {
      String method = result.getParams().getBenchmark();
      method = method.substring(method.lastIndexOf('.') + 1);
      var primary = result.getPrimaryResult();
      lines.add(new Bench.Line("jmh-" + method).put("us_per_order", primary.getScore())
          .put("error_us", primary.getScoreError()).put("orders_per_op", OrderCodecBenchmarks.PAGE)
          .put("iterations", iterations).print());
    }
    if (lines.size() < 2) {
      // JMH reports a benchmark that threw only on its own output, which SILENT suppresses
      lines.add(new Bench.Line("jmh").put("completed", false).put("benchmarks_reported", lines.size())
          .put("hint", "run with -Dbench.args=jmh and VerboseMode.NORMAL to see the failure").print());
    }
    return lines;
  }
}
