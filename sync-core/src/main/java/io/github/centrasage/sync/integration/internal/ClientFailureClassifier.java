package io.github.centrasage.sync.integration.internal;

import io.github.centrasage.centra.CentraException;
import io.github.centrasage.centra.CentraResponseException;
import io.github.centrasage.centra.CentraUserErrorException;
import io.github.centrasage.centra.CentraUserMessage;
import io.github.centrasage.centra.CentraWrongEntityException;
import io.github.centrasage.http.ClientFailure;
import io.github.centrasage.sage200.Sage200DeserializationException;
import io.github.centrasage.sage200.Sage200Exception;
import io.github.centrasage.sage200.Sage200RecordLockedException;
import io.github.centrasage.sync.spi.FailureClassification;
import io.github.centrasage.sync.spi.FailureClassifier;
import io.github.centrasage.sync.integration.internal.StockBusyException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Classifies the flows' failures: a stock unit held by another party waits on the lock schedule,
 * and the clients' exceptions go through the {@link ClientFailure} contract they share: each
 * says whether the call may be repeated, how long the server asked to wait, and whether a write may
 * already have been applied. Every flow of the library returns it as its own classifier
 * ({@code Integration.failureClassifier()}), asked before the engine's built-in rules; causes are examined so
 * a flow may wrap a client exception. Three vendor facts refine the contract: a locked Sage record
 * waits on a schedule of its own, Centra's user errors carry one reason per message, and an
 * unreadable answer to a read is worth asking again (below).
 */
public final class ClientFailureClassifier implements FailureClassifier {
  public static final ClientFailureClassifier INSTANCE = new ClientFailureClassifier();
  private static final int MAX_CAUSE_DEPTH = 10;

  private ClientFailureClassifier() {}

  @Override
  public Optional<FailureClassification> classify(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < MAX_CAUSE_DEPTH; t = t.getCause(), depth++) {
      if (t instanceof ClientFailure) {
        return Optional.of(classify(t, (ClientFailure) t));
      }
      if (t instanceof StockBusyException) {
        // another party holds the stock unit for a moment (a push, a despatch): contention, not a failed
        // write, so it waits on the lock schedule and leaves the transient and ambiguous budgets alone
        return Optional.of(FailureClassification.recordLocked(t.getMessage(), List.of(t.getMessage()
            + "; replay the job once the holder has finished or its hold has expired")));
      }
    }
    return Optional.empty();
  }

  private static FailureClassification classify(Throwable t, ClientFailure f) {
    String message = vendor(t) + t.getMessage();
    if (f.requiresLookupBeforeRetry()) {
      return FailureClassification.ambiguousWrite(message);
    }
    if (t instanceof Sage200RecordLockedException) {
      return FailureClassification.recordLocked(message, List.of("The Sage record is locked (" + message
          + "); close it in Sage, then replay the job"));
    }
    if (t instanceof CentraUserErrorException) {
      // Centra refused the input: every message is a reason a person can act on
      List<String> reasons = ((CentraUserErrorException) t).userErrors().stream()
          .map(ClientFailureClassifier::describe)
          .collect(Collectors.toList());
      return FailureClassification.permanent(reasons.isEmpty() ? List.of(message) : reasons);
    }
    if (f.isRetryable() || unreadableRead(t, f)) {
      return FailureClassification.transientFailure(message, f.retryAfter());
    }
    return FailureClassification.permanent(List.of(message));
  }

  /**
   * A success status with a body the client could not read, on a read. The client does not repeat
   * such a call itself (a systematic shape mismatch would only fail again at once), but a garbled
   * or cut-off body from a proxy or a dropped connection usually passes: the engine asks again
   * within the transient budget and parks only when that runs out. The same failure on a write
   * asks for a lookup, which {@code requiresLookupBeforeRetry()} already says. An answer about
   * another entity is readable but wrong: asking again is no cure, a person looks.
   */
  private static boolean unreadableRead(Throwable t, ClientFailure f) {
    boolean unreadable = t instanceof Sage200DeserializationException
        || t instanceof CentraResponseException && !(t instanceof CentraWrongEntityException);
    return unreadable && !f.isWrite();
  }

  /** Which server the message is about, for the person reading a parked job. */
  private static String vendor(Throwable t) {
    if (t instanceof CentraException) {
      return "Centra: ";
    }
    return t instanceof Sage200Exception ? "Sage 200: " : "";
  }

  private static String describe(CentraUserMessage m) {
    return "Centra refused: " + m.message() + (m.path().isEmpty() ? "" : " (at " + String.join(".", m.path()) + ")");
  }
}
