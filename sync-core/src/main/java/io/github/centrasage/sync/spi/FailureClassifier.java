package io.github.centrasage.sync.spi;

import io.github.centrasage.sync.FailureClassification;
import io.github.centrasage.sync.internal.DefaultFailureClassifier;
import java.util.Optional;

/**
 * Turns what a flow threw into a {@link FailureClassification}. The engine asks the classifiers
 * it was given in order and then {@link #defaults()}; the first answer wins. Client modules
 * supply one for their own exceptions (record-locked responses, rate limits).
 *
 * <p>Usage: {@code SyncEngine.builder().classifier(t -> t instanceof MyLockedException ? Optional.of(FailureClassification.recordLocked(t.getMessage())) : Optional.empty())}.
 */
@FunctionalInterface
public interface FailureClassifier {
  /** The classification, or empty to let the next classifier decide. */
  Optional<FailureClassification> classify(Throwable failure);

  /**
   * The built-in rules: {@link io.github.centrasage.sync.JobFailure} as it says;
   * {@link io.github.centrasage.sync.RetryableFailure} by its answers; connection refused and
   * unknown host transient; other I/O errors and timeouts ambiguous (the request may have been
   * sent); state store errors transient; an {@link Error} that is not a
   * {@link VirtualMachineError} (an assertion, a missing class, a failed static initialiser), and a
   * {@link StackOverflowError}, permanent, because the same input fails the same way; anything else
   * ambiguous, so it is retried within the budget and looked up first, then parked. That includes
   * {@link OutOfMemoryError} and the other VM errors: the job may be innocent (another thread used
   * the heap) and may have written before it failed. Causes are examined too.
   */
  static FailureClassifier defaults() {
    return DefaultFailureClassifier.INSTANCE;
  }
}
