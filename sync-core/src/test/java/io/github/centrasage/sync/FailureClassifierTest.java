package io.github.centrasage.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.sync.spi.FailureClassification;
import io.github.centrasage.sync.spi.FailureClassifier;
import io.github.centrasage.sync.spi.FailureKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {
  private final FailureClassifier classifier = io.github.centrasage.sync.internal.DefaultFailureClassifier.INSTANCE;

  private FailureClassification classify(Throwable t) {
    return classifier.classify(t).orElseThrow();
  }

  static final class ApiException extends RuntimeException implements RetryableFailure {
    private final boolean retryable;
    private final Duration retryAfter;
    private final boolean applied;

    ApiException(String message, boolean retryable, Duration retryAfter, boolean applied) {
      super(message);
      this.retryable = retryable;
      this.retryAfter = retryAfter;
      this.applied = applied;
    }

    @Override
    public boolean isRetryable() {
      return retryable;
    }

    @Override
    public Optional<Duration> retryAfter() {
      return Optional.ofNullable(retryAfter);
    }

    @Override
    public boolean mayHaveBeenApplied() {
      return applied;
    }
  }

  @Test
  void jobFailuresSayHowTheyAreHandled() {
    assertThat(classify(JobFailure.recordLocked("in use")).kind()).isEqualTo(FailureKind.RECORD_LOCKED);
    assertThat(classify(JobFailure.permanent("a", "b")).reasons()).containsExactly("a", "b");
    assertThat(classify(JobFailure.transientFailure("429", Duration.ofSeconds(7))).retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(classify(JobFailure.ambiguousWrite("reset", null)).kind()).isEqualTo(FailureKind.AMBIGUOUS_WRITE);
  }

  @Test
  void aConnectionThatNeverReachedTheServerIsTransientButOtherIoErrorsAreAmbiguous() {
    assertThat(classify(new ConnectException("refused")).kind()).isEqualTo(FailureKind.TRANSIENT);
    assertThat(classify(new SocketTimeoutException("read timed out")).kind()).isEqualTo(FailureKind.AMBIGUOUS_WRITE);
    assertThat(classify(new IOException("connection reset")).kind()).isEqualTo(FailureKind.AMBIGUOUS_WRITE);
    assertThat(classify(new TimeoutException()).kind()).isEqualTo(FailureKind.AMBIGUOUS_WRITE);
  }

  @Test
  void causesAreExamined() {
    FailureClassification c = classify(new IllegalStateException("wrapped", new UncheckedIOException(new ConnectException("refused"))));

    assertThat(c.kind()).isEqualTo(FailureKind.TRANSIENT);
  }

  @Test
  void retryableFailuresAreReadWithoutReflection() {
    assertThat(classify(new ApiException("429", true, Duration.ofSeconds(30), false)))
        .satisfies(c -> {
          assertThat(c.kind()).isEqualTo(FailureKind.TRANSIENT);
          assertThat(c.retryAfter()).contains(Duration.ofSeconds(30));
        });
    assertThat(classify(new ApiException("502 after POST", true, null, true)).kind()).isEqualTo(FailureKind.AMBIGUOUS_WRITE);
    assertThat(classify(new ApiException("400 customer_id is required", false, null, false)))
        .satisfies(c -> {
          assertThat(c.kind()).isEqualTo(FailureKind.PERMANENT);
          assertThat(c.reasons()).singleElement().asString().contains("customer_id is required");
        });
  }

  @Test
  void anUnknownFailureIsTreatedAsAmbiguousSoTheNextAttemptLooksUpFirst() {
    assertThat(classify(new NullPointerException("bug")).kind()).isEqualTo(FailureKind.AMBIGUOUS_WRITE);
    assertThat(classify(new SyncStoreException("db down", null)).kind()).isEqualTo(FailureKind.TRANSIENT);
  }

  static final class SomeClientException extends RuntimeException implements io.github.centrasage.http.ClientFailure {
    private final boolean retryable;
    private final boolean lookup;

    SomeClientException(String message, boolean retryable, boolean lookup) {
      super(message);
      this.retryable = retryable;
      this.lookup = lookup;
    }

    @Override
    public boolean isRetryable() {
      return retryable;
    }

    @Override
    public Optional<Duration> retryAfter() {
      return retryable ? Optional.of(Duration.ofSeconds(7)) : Optional.empty();
    }

    @Override
    public boolean requiresLookupBeforeRetry() {
      return lookup;
    }

    @Override
    public boolean isWrite() {
      return lookup;
    }
  }

  @Test
  void aClientsFailureIsReadThroughTheSharedContractWhenTheFlowHasNoClassifierOfItsOwn() {
    FailureClassification busy = classify(new RuntimeException("wrapped", new SomeClientException("429", true, false)));
    assertThat(busy.kind()).isEqualTo(FailureKind.TRANSIENT);
    assertThat(busy.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(classify(new SomeClientException("400 bad input", false, false)).kind()).isEqualTo(FailureKind.PERMANENT);
    assertThat(classify(new SomeClientException("reset after the POST", true, true)).kind())
        .isEqualTo(FailureKind.AMBIGUOUS_WRITE);
  }
}
