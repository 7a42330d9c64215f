package io.github.centrasage.sync.despatch;

import java.util.Set;
import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sync.SyncRetryPolicy;
import io.github.centrasage.sync.spi.JobContext;
import io.github.centrasage.sync.spi.SyncFlow;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.MDC;

/** What both despatch flows share: their options, the lock schedule they run on, one job per Centra order. */
abstract class DespatchFlow implements SyncFlow {
  /** {@inheritDoc} */
  @Override
  public Set<Class<?>> requiredAttributes() {
    return Set.of(CentraClient.class, Sage200Client.class);
  }

  final DespatchOptions options;

  DespatchFlow(DespatchOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public Optional<SyncRetryPolicy> lockRetryPolicy() {
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
