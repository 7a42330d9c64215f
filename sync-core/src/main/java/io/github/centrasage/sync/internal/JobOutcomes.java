package io.github.centrasage.sync.internal;

import io.github.centrasage.sync.spi.FailureClassification;
import io.github.centrasage.sync.SyncListener;
import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sync.spi.FailureClassifier;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.SyncFlow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What becomes of a job after its run: completed, retried on the policy's schedule, or parked with its reasons. */
final class JobOutcomes {
  // FlowRunner's logger: the engine's log lines keep the category users configure them by
  private static final Logger log = LoggerFactory.getLogger(FlowRunner.class);

  private final FlowRunner.Settings s;
  private final Map<String, FlowHealth> health;
  private final Consumer<Consumer<SyncListener>> listeners;

  JobOutcomes(FlowRunner.Settings s, Map<String, FlowHealth> health, Consumer<Consumer<SyncListener>> listeners) {
    this.s = s;
    this.health = health;
    this.listeners = listeners;
  }

  void succeed(Job job, String owner) {
    if (s.store().complete(job.id(), owner)) {
      log.debug("Job {} ({}) succeeded", job.id(), job.key());
      s.store().job(job.id()).ifPresent(done -> emit(l -> l.jobSucceeded(done)));
    } else {
      leaseLost(job, owner);
    }
  }

  void fail(Job job, String owner, Throwable failure) {
    FailureClassification c = classify(job.flow(), failure);
    health.get(job.flow()).lastError = job.key() + ": " + c.message();
    switch (c.kind()) {
      case PERMANENT:
        park(job, owner, c, c.reasons().isEmpty() ? List.of(c.message()) : c.reasons());
        return;
      case RECORD_LOCKED: {
        int locked = job.lockedAttempts() + 1;
        // a flow may keep its own lock schedule (despatch confirmations want short waits); else the engine's
        RetrySettings lockPolicy = Optional.ofNullable(s.flows().get(job.flow()))
            .flatMap(SyncFlow::lockRetryPolicy)
            .orElse(s.lockRetryPolicy());
        if (locked >= lockPolicy.maxAttempts()) {
          // the classifier's reasons say what holds the record and what to do; without them, a generic line
          park(job, owner, c, List.of(c.reasons().isEmpty()
              ? "The record stayed locked for " + locked + " attempts (" + c.message()
                  + "); replay the job once it is free"
              : "Still locked after " + locked + " attempts: " + String.join("; ", c.reasons())));
        } else {
          retry(job, owner, c, Backoff.delayAfter(lockPolicy, locked, ThreadLocalRandom.current().nextDouble()));
        }
        return;
      }
      default: {
        int failed = job.transientAttempts();
        if (failed >= s.retryPolicy().maxAttempts()) {
          park(job, owner, c, List.of("Gave up after " + failed + " attempts: " + c.message()));
        } else {
          Duration delay = Backoff.delayAfter(s.retryPolicy(), failed, ThreadLocalRandom.current().nextDouble());
          // the server's Retry-After is a floor: retrying sooner only earns another refusal
          Duration wait = c.retryAfter().filter(ra -> ra.compareTo(delay) > 0).orElse(delay);
          retry(job, owner, c, wait);
        }
      }
    }
  }

  private void retry(Job job, String owner, FailureClassification c, Duration delay) {
    Instant runAt = s.store().now().plus(delay);
    if (s.store().retry(job.id(), owner, runAt, c.kind(), c.message())) {
      log.warn("Job {} ({}) failed ({}), attempt {}; retrying at {}: {}", job.id(), job.key(), c.kind(),
          job.attempts(), runAt, c.message());
      s.store().job(job.id()).ifPresent(j -> emit(l -> l.jobRetried(j, c, runAt)));
    } else {
      leaseLost(job, owner);
    }
  }

  private void park(Job job, String owner, FailureClassification c, List<String> reasons) {
    if (s.store().park(job.id(), owner, c.kind(), reasons, c.message())) {
      log.error("Job {} ({}) parked for a person: {}", job.id(), job.key(), reasons);
      s.store().job(job.id()).ifPresent(j -> emit(l -> l.jobParked(j, reasons)));
    } else {
      leaseLost(job, owner);
    }
  }

  private static void leaseLost(Job job, String owner) {
    log.warn("Job {} ({}): {} lost its lease (it ran longer than the lease); another worker runs it again",
        job.id(), job.key(), owner);
  }

  /** The builder's classifiers in order, then the flow's own, then the built-in rules. */
  private FailureClassification classify(String flowName, Throwable failure) {
    List<FailureClassifier> chain = new java.util.ArrayList<>(s.classifiers());
    Optional.ofNullable(s.flows().get(flowName)).flatMap(SyncFlow::failureClassifier).ifPresent(chain::add);
    for (FailureClassifier classifier : chain) {
      try {
        Optional<FailureClassification> c = classifier.classify(failure);
        if (c.isPresent()) {
          return c.get();
        }
      } catch (RuntimeException e) {
        log.warn("Failure classifier {} threw; asking the next one", classifier, e);
      }
    }
    return DefaultFailureClassifier.INSTANCE.classify(failure).orElseThrow();
  }

  private void emit(Consumer<SyncListener> event) {
    listeners.accept(event);
  }
}
