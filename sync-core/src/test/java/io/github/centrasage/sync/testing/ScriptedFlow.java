package io.github.centrasage.sync.testing;

import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sync.spi.DiscoverContext;
import io.github.centrasage.sync.spi.JobContext;
import io.github.centrasage.sync.spi.SyncFlow;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A flow whose steps the test supplies; records what it processed. */
public final class ScriptedFlow implements SyncFlow {
  /** A discover step. */
  public interface Discover {
    void run(DiscoverContext ctx) throws Exception;
  }

  /** A process step. */
  public interface Process {
    void run(JobContext ctx) throws Exception;
  }

  private final String name;
  private volatile Discover discover = ctx -> {};
  private volatile Process process = ctx -> {};
  private volatile RetrySettings lockRetryPolicy;
  private volatile io.github.centrasage.sync.spi.FailureClassifier failureClassifier;
  public final List<String> processedPayloads = new CopyOnWriteArrayList<>();
  public volatile int discoverRuns;

  public ScriptedFlow(String name) {
    this.name = name;
  }

  public ScriptedFlow onDiscover(Discover d) {
    this.discover = d;
    return this;
  }

  public ScriptedFlow onProcess(Process p) {
    this.process = p;
    return this;
  }

  /** Gives the flow its own record-lock schedule. */
  public ScriptedFlow withFailureClassifier(io.github.centrasage.sync.spi.FailureClassifier classifier) {
    this.failureClassifier = classifier;
    return this;
  }

  @Override
  public Optional<io.github.centrasage.sync.spi.FailureClassifier> failureClassifier() {
    return Optional.ofNullable(failureClassifier);
  }

  public ScriptedFlow withLockRetryPolicy(RetrySettings policy) {
    this.lockRetryPolicy = policy;
    return this;
  }

  @Override
  public Optional<RetrySettings> lockRetryPolicy() {
    return Optional.ofNullable(lockRetryPolicy);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void discover(DiscoverContext context) throws Exception {
    discoverRuns++;
    discover.run(context);
  }

  @Override
  public void process(JobContext context) throws Exception {
    processedPayloads.add(context.job().payload());
    process.run(context);
  }
}
