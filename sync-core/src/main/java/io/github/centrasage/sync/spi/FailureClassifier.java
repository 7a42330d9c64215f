package io.github.centrasage.sync.spi;

import java.util.Optional;

/**
 * Turns what a flow threw into a {@link FailureClassification}. For a job's failure the engine asks
 * the classifiers given to its builder in order, then the job's flow's own
 * ({@link SyncFlow#failureClassifier()}), then its built-in rules; the first answer wins. The
 * built-in rules are described on {@code SyncEngine.Builder.classifier}.
 *
 * <p>Usage: {@code SyncEngine.builder().classifier(t -> t instanceof MyLockedException ? Optional.of(FailureClassification.recordLocked(t.getMessage())) : Optional.empty())}.
 */
@FunctionalInterface
public interface FailureClassifier {
  /** The classification, or empty to let the next classifier decide. */
  Optional<FailureClassification> classify(Throwable failure);

}
