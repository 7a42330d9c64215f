package io.github.centrasage.sync.integration.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.centra.CentraConnectionException;
import io.github.centrasage.centra.CentraRateLimitException;
import io.github.centrasage.centra.CentraResponseException;
import io.github.centrasage.centra.CentraUserErrorException;
import io.github.centrasage.centra.CentraUserMessage;
import io.github.centrasage.http.ClientFailure;
import io.github.centrasage.sage200.Sage200ConnectionException;
import io.github.centrasage.sage200.Sage200DeserializationException;
import io.github.centrasage.sage200.Sage200RateLimitException;
import io.github.centrasage.sage200.Sage200RecordLockedException;
import io.github.centrasage.sage200.Sage200ServerException;
import io.github.centrasage.sage200.Sage200ValidationException;
import io.github.centrasage.sync.spi.FailureClassification;
import io.github.centrasage.sync.spi.FailureKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientFailureClassifierTest {
  private static FailureClassification classify(Throwable t) {
    return ClientFailureClassifier.INSTANCE.classify(t).orElseThrow();
  }

  @Test
  void aLockedSageRecordGoesOnTheLockSchedule() {
    var locked = new Sage200RecordLockedException("sales order SO1 is in use", 400, "{\"Message\":\"in use\"}");
    assertThat(classify(locked).kind()).isEqualTo(FailureKind.RECORD_LOCKED);
  }

  @Test
  void aSageValidationErrorParksWithSagesMessage() {
    var invalid = new Sage200ValidationException("Sage refused the request", 400, "{}", "Customer account is on hold");
    FailureClassification c = classify(invalid);
    assertThat(c.kind()).isEqualTo(FailureKind.PERMANENT);
    assertThat(c.reasons()).singleElement().asString().contains("Sage 200");
  }

  @Test
  void aWriteThatMayHaveReachedSageMustBeLookedUpFirst() {
    var reset = new Sage200ConnectionException("connection reset", true, true, false, null);
    assertThat(classify(reset).kind()).isEqualTo(FailureKind.AMBIGUOUS_WRITE);
    var serverErrorOnPost = new Sage200ServerException("500", 500, "oops", true);
    assertThat(classify(serverErrorOnPost).kind()).isEqualTo(FailureKind.AMBIGUOUS_WRITE);
  }

  @Test
  void rateLimitsAreTransientAndCarryRetryAfter() {
    var sage = new Sage200RateLimitException("429", "", Duration.ofSeconds(7));
    assertThat(classify(sage).kind()).isEqualTo(FailureKind.TRANSIENT);
    assertThat(classify(sage).retryAfter()).contains(Duration.ofSeconds(7));
    var centra = new CentraRateLimitException("429", "Orders", false, Duration.ofSeconds(3), false);
    assertThat(classify(new RuntimeException("wrapped", centra)).retryAfter()).contains(Duration.ofSeconds(3));
  }

  @Test
  void centraUserErrorsParkWithEveryMessage() {
    CentraUserMessage a = message("Unknown size", List.of("input", "lines", "0"));
    CentraUserMessage b = message("Quantity must be positive", List.of());
    var refused = new CentraUserErrorException("refused", "CreateShipment", List.of(a, b), List.of());
    FailureClassification c = classify(refused);
    assertThat(c.kind()).isEqualTo(FailureKind.PERMANENT);
    assertThat(c.reasons()).containsExactly(
        "Centra refused: Unknown size (at input.lines.0)", "Centra refused: Quantity must be positive");
  }

  @Test
  void aCentraMutationLostInFlightIsAmbiguousButOneNeverSentIsTransient() {
    var inFlight = new CentraConnectionException("timeout", "CreateShipment", true, true, false, null);
    assertThat(classify(inFlight).kind()).isEqualTo(FailureKind.AMBIGUOUS_WRITE);
    var neverSent = new CentraConnectionException("refused", "CreateShipment", true, false, false, null);
    assertThat(classify(neverSent).kind()).isEqualTo(FailureKind.TRANSIENT);
  }

  @Test
  void anUnreadableAnswerToAReadIsTransientAndToAWriteIsAmbiguous() {
    var garbledRead = new Sage200DeserializationException("GET /sop_orders answered 200 with a body that is not valid",
        200, "<html>", false, null);
    assertThat(classify(garbledRead).kind()).isEqualTo(FailureKind.TRANSIENT);
    var garbledWrite = new Sage200DeserializationException("POST /sop_orders answered 201 with a body that is not valid",
        201, "{\"id\": 12", true, null);
    assertThat(classify(garbledWrite).kind()).isEqualTo(FailureKind.AMBIGUOUS_WRITE);
    var centraQuery = new CentraResponseException("Cannot read Centra's response to orders", "orders", false, null);
    assertThat(classify(centraQuery).kind()).isEqualTo(FailureKind.TRANSIENT);
    var centraMutation = new CentraResponseException("Cannot read Centra's response to setStock", "setStock", true, null);
    assertThat(classify(centraMutation).kind()).isEqualTo(FailureKind.AMBIGUOUS_WRITE);
  }

  /** A client the engine has never heard of, speaking only the shared contract. */
  static final class OtherClientFailure extends RuntimeException implements ClientFailure {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;
    private final boolean applied;

    OtherClientFailure(String message, boolean retryable, boolean applied) {
      super(message);
      this.retryable = retryable;
      this.applied = applied;
    }

    @Override
    public boolean isRetryable() {
      return retryable;
    }

    @Override
    public Optional<Duration> retryAfter() {
      return Optional.of(Duration.ofSeconds(11));
    }

    @Override
    public boolean requiresLookupBeforeRetry() {
      return applied;
    }

    @Override
    public boolean isWrite() {
      return applied;
    }
  }

  @Test
  void anyClientFailureIsClassifiedByTheContractAlone() {
    FailureClassification busy = classify(new RuntimeException("wrapped", new OtherClientFailure("busy", true, false)));
    assertThat(busy.kind()).isEqualTo(FailureKind.TRANSIENT);
    assertThat(busy.retryAfter()).contains(Duration.ofSeconds(11));
    assertThat(classify(new OtherClientFailure("lost answer", true, true)).kind()).isEqualTo(FailureKind.AMBIGUOUS_WRITE);
    FailureClassification refused = classify(new OtherClientFailure("no such account", false, false));
    assertThat(refused.kind()).isEqualTo(FailureKind.PERMANENT);
    assertThat(refused.reasons()).containsExactly("no such account");
  }

  @Test
  void aSageWriteRefusedWithAStatusSaysItWasAWrite() {
    var refused = new Sage200ValidationException("POST /sop_orders failed with 400", 400, "{}", "bad", true);
    assertThat(refused.isWrite()).isTrue();
    assertThat(refused.requiresLookupBeforeRetry()).isFalse();
    assertThat(classify(refused).kind()).isEqualTo(FailureKind.PERMANENT);
  }

  @Test
  void otherExceptionsAreLeftToTheNextClassifier() {
    assertThat(ClientFailureClassifier.INSTANCE.classify(new IllegalStateException("x"))).isEmpty();
  }

  private static CentraUserMessage message(String text, List<String> path) {
    return new CentraUserMessage() {
      @Override
      public String message() {
        return text;
      }

      @Override
      public List<String> path() {
        return path;
      }
    };
  }
}
