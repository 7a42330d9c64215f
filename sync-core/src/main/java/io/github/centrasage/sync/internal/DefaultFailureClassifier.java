package io.github.centrasage.sync.internal;

import io.github.centrasage.sync.spi.FailureClassification;
import io.github.centrasage.http.ClientFailure;
import io.github.centrasage.sync.JobFailure;
import io.github.centrasage.sync.RetryableFailure;
import io.github.centrasage.sync.SyncStoreException;
import io.github.centrasage.sync.spi.FailureClassifier;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/** The built-in rules described on {@code SyncEngine.Builder.classifier}. */
public final class DefaultFailureClassifier implements FailureClassifier {
  public static final DefaultFailureClassifier INSTANCE = new DefaultFailureClassifier();
  private static final int MAX_CAUSE_DEPTH = 10;

  private DefaultFailureClassifier() {}

  @Override
  public Optional<FailureClassification> classify(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < MAX_CAUSE_DEPTH; t = t.getCause(), depth++) {
      Optional<FailureClassification> known = known(t);
      if (known.isPresent()) {
        return known;
      }
    }
    // We cannot tell whether an unknown failure happened before or after a write, so the next
    // attempt looks up first; the retry budget still ends it in the parked state.
    return Optional.of(FailureClassification.ambiguousWrite(Failures.describe(failure)));
  }

  private static Optional<FailureClassification> known(Throwable t) {
    if (t instanceof JobFailure) {
      return Optional.of(((JobFailure) t).classification());
    }
    if (t instanceof RetryableFailure) {
      RetryableFailure r = (RetryableFailure) t;
      String message = Failures.describe(t);
      if (!r.isRetryable()) {
        return Optional.of(FailureClassification.permanent(List.of(message)));
      }
      return Optional.of(r.mayHaveBeenApplied()
          ? FailureClassification.ambiguousWrite(message)
          : FailureClassification.transientFailure(message, r.retryAfter()));
    }
    if (t instanceof ClientFailure) {
      // the clients' shared contract, vendor-neutral: a flow's own classifier refines it (record locks,
      // user errors), but a flow that has none still gets the client's word on retrying
      ClientFailure f = (ClientFailure) t;
      String message = Failures.describe(t);
      if (f.requiresLookupBeforeRetry()) {
        return Optional.of(FailureClassification.ambiguousWrite(message));
      }
      return Optional.of(f.isRetryable()
          ? FailureClassification.transientFailure(message, f.retryAfter())
          : FailureClassification.permanent(List.of(message)));
    }
    if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
      // the request never reached the server
      return Optional.of(FailureClassification.transientFailure(Failures.describe(t), Optional.empty()));
    }
    if (t instanceof IOException || t instanceof TimeoutException) {
      return Optional.of(FailureClassification.ambiguousWrite(Failures.describe(t)));
    }
    if (t instanceof StackOverflowError || (t instanceof Error && !(t instanceof VirtualMachineError))) {
      // a programming or deployment error (assertion, missing class, failed static initialiser, runaway
      // recursion): the same input fails the same way, so retrying only burns the budget
      return Optional.of(FailureClassification.permanent(List.of(Failures.describe(t))));
    }
    if (t instanceof SyncStoreException) {
      return Optional.of(FailureClassification.transientFailure(Failures.describe(t), Optional.empty()));
    }
    return Optional.empty();
  }
}
