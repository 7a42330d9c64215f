package io.github.centrasage.sync.internal;

import io.github.centrasage.centra.CentraException;
import io.github.centrasage.centra.CentraRateLimitException;
import io.github.centrasage.centra.CentraResponseException;
import io.github.centrasage.centra.CentraUserErrorException;
import io.github.centrasage.centra.CentraUserMessage;
import io.github.centrasage.centra.CentraWrongEntityException;
import io.github.centrasage.sage200.Sage200DeserializationException;
import io.github.centrasage.sage200.Sage200Exception;
import io.github.centrasage.sage200.Sage200RateLimitException;
import io.github.centrasage.sage200.Sage200RecordLockedException;
import io.github.centrasage.sync.FailureClassification;
import io.github.centrasage.sync.spi.FailureClassifier;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Classifies the two clients' exceptions, which say themselves whether a call may be repeated
 * and whether a write may have reached the server. Registered by the engine ahead of the
 * defaults; causes are examined so a flow may wrap a client exception.
 */
public final class ClientFailureClassifier implements FailureClassifier {
  public static final ClientFailureClassifier INSTANCE = new ClientFailureClassifier();
  private static final int MAX_CAUSE_DEPTH = 10;

  private ClientFailureClassifier() {}

  @Override
  public Optional<FailureClassification> classify(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < MAX_CAUSE_DEPTH; t = t.getCause(), depth++) {
      if (t instanceof Sage200Exception) {
        return Optional.of(sage((Sage200Exception) t));
      }
      if (t instanceof CentraException) {
        return Optional.of(centra((CentraException) t));
      }
    }
    return Optional.empty();
  }

  private static FailureClassification sage(Sage200Exception e) {
    String message = "Sage 200: " + e.getMessage();
    if (e instanceof Sage200RecordLockedException) {
      return FailureClassification.recordLocked(message);
    }
    Optional<Duration> retryAfter = e instanceof Sage200RateLimitException
        ? ((Sage200RateLimitException) e).retryAfter()
        : Optional.empty();
    return classify(message, e.isRetryable() || unreadableRead(e), e.requiresLookupBeforeRetry(), retryAfter);
  }

  /**
   * A success status with a body the client could not read, on a read. The client does not repeat
   * such a call itself (a systematic shape mismatch would only fail again at once), but a garbled
   * or cut-off body from a proxy or a dropped connection usually passes: the engine asks again
   * within the transient budget and parks only when that runs out. The same failure on a write
   * asks for a lookup, which {@code requiresLookupBeforeRetry()} already says.
   */
  private static boolean unreadableRead(Sage200Exception e) {
    return e instanceof Sage200DeserializationException && !e.requiresLookupBeforeRetry();
  }

  private static boolean unreadableRead(CentraException e) {
    // an answer about another entity is readable but wrong: asking again is no cure, a person looks
    return e instanceof CentraResponseException && !e.isWrite() && !(e instanceof CentraWrongEntityException);
  }

  private static FailureClassification centra(CentraException e) {
    if (e instanceof CentraUserErrorException) {
      // Centra refused the input: every message is a reason a person can act on
      List<String> reasons = ((CentraUserErrorException) e).userErrors().stream()
          .map(ClientFailureClassifier::describe)
          .collect(Collectors.toList());
      return FailureClassification.permanent(reasons.isEmpty() ? List.of("Centra: " + e.getMessage()) : reasons);
    }
    Optional<Duration> retryAfter = e instanceof CentraRateLimitException
        ? ((CentraRateLimitException) e).retryAfter()
        : Optional.empty();
    return classify("Centra: " + e.getMessage(), e.isRetryable() || unreadableRead(e), e.requiresLookupBeforeRetry(),
        retryAfter);
  }

  private static FailureClassification classify(
      String message, boolean retryable, boolean lookupFirst, Optional<Duration> retryAfter) {
    if (lookupFirst) {
      return FailureClassification.ambiguousWrite(message);
    }
    if (retryable) {
      return FailureClassification.transientFailure(message, retryAfter);
    }
    return FailureClassification.permanent(List.of(message));
  }

  private static String describe(CentraUserMessage m) {
    return "Centra refused: " + m.message() + (m.path().isEmpty() ? "" : " (at " + String.join(".", m.path()) + ")");
  }
}
