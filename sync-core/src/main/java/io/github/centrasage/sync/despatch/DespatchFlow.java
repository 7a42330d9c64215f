package io.github.centrasage.sync.despatch;

import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sync.spi.FailureClassifier;
import io.github.centrasage.sync.spi.JobContext;
import io.github.centrasage.sync.spi.SyncFlow;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.MDC;

/** What both despatch flows share: their options, the lock schedule they run on, one job per Centra order. */
abstract class DespatchFlow implements SyncFlow {
  final Integration integration;
  final DespatchOptions options;

  DespatchFlow(Integration integration, DespatchOptions options) {
    this.integration = Objects.requireNonNull(integration, "integration");
    this.options = Objects.requireNonNull(options, "options");
    // a missing client fails here, naming the builder call, not at the first cycle
    integration.centra();
    integration.sage();
  }

  /** Classifies the clients' exceptions ({@link Integration#failureClassifier()}). */
  @Override
  public Optional<FailureClassifier> failureClassifier() {
    return Optional.of(integration.failureClassifier());
  }

  @Override
  public Optional<RetrySettings> lockRetryPolicy() {
    return Optional.of(options.lockRetryPolicy());
  }

  @Override
  public void process(JobContext ctx) {
    // every job is one Centra order, its number the job's reference
    try (MDC.MDCCloseable ignored = MDC.putCloseable("centraOrder", ctx.job().reference())) {
      processOrder(ctx);
    }
  }

  abstract void processOrder(JobContext ctx);
}
