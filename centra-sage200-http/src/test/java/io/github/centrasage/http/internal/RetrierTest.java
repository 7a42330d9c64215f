package io.github.centrasage.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.centrasage.http.ClientFailure;
import io.github.centrasage.http.RetrySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetrierTest {
  /** A failure as the clients' exceptions describe themselves. */
  static final class Failure extends RuntimeException implements ClientFailure {
    private static final long serialVersionUID = 1L;
    final boolean retryable;
    final boolean applied;
    final Duration retryAfter;

    Failure(boolean retryable, boolean applied, Duration retryAfter) {
      super("failure");
      this.retryable = retryable;
      this.applied = applied;
      this.retryAfter = retryAfter;
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
    public boolean requiresLookupBeforeRetry() {
      return applied;
    }

    @Override
    public boolean isWrite() {
      return applied;
    }
  }

  private final List<Duration> delays = new ArrayList<>();

  private <T> T run(RetrySettings settings, java.util.function.Supplier<T> attempt) {
    return new Retrier(settings, delays::add).run(attempt, Retrier::retryableAndNotApplied,
        e -> new IllegalStateException("interrupted", e), (failure, attempts, delay) -> { });
  }

  @Test
  void backoffGrowsByTheMultiplierUpToTheCeilingWithoutJitter() {
    RetrySettings settings = RetrySettings.builder().maxAttempts(6).initialDelay(Duration.ofMillis(100))
        .maxDelay(Duration.ofMillis(500)).multiplier(2).jitter(0).build();
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> run(settings, () -> {
      calls.incrementAndGet();
      throw new Failure(true, false, null);
    })).isInstanceOf(Failure.class);
    assertThat(calls).hasValue(6);
    assertThat(delays).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
        Duration.ofMillis(500), Duration.ofMillis(500));
  }

  @Test
  void jitterSpreadsEachDelayWithinItsFraction() {
    RetrySettings settings = RetrySettings.builder().maxAttempts(40).initialDelay(Duration.ofMillis(1000))
        .maxDelay(Duration.ofMillis(1000)).jitter(0.25).build();
    assertThatThrownBy(() -> run(settings, () -> {
      throw new Failure(true, false, null);
    })).isInstanceOf(Failure.class);
    assertThat(delays).hasSize(39).allSatisfy(d -> assertThat(d.toMillis()).isBetween(750L, 1250L));
    assertThat(delays.stream().distinct().count()).isGreaterThan(1);
  }

  @Test
  void aRetryAfterReplacesTheBackoffExactly() {
    AtomicInteger calls = new AtomicInteger();
    String result = run(RetrySettings.defaults(), () -> {
      if (calls.incrementAndGet() < 3) {
        throw new Failure(true, false, Duration.ofSeconds(7));
      }
      return "ok";
    });
    assertThat(result).isEqualTo("ok");
    assertThat(delays).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
  }

  @Test
  void aRetryAfterLongerThanTheMaximumIsNotWaitedFor() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> run(RetrySettings.builder().maxRetryAfter(Duration.ofSeconds(60)).build(), () -> {
      calls.incrementAndGet();
      throw new Failure(true, false, Duration.ofSeconds(61));
    })).isInstanceOf(Failure.class);
    assertThat(calls).hasValue(1);
    assertThat(delays).isEmpty();
  }

  @Test
  void aWriteThatMayHaveBeenAppliedOrAPermanentFailureIsNotRepeated() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> run(RetrySettings.defaults(), () -> {
      calls.incrementAndGet();
      throw new Failure(true, true, null);
    })).isInstanceOf(Failure.class);
    assertThatThrownBy(() -> run(RetrySettings.defaults(), () -> {
      calls.incrementAndGet();
      throw new Failure(false, false, null);
    })).isInstanceOf(Failure.class);
    assertThatThrownBy(() -> run(RetrySettings.defaults(), () -> {
      calls.incrementAndGet();
      throw new IllegalArgumentException("not a client failure");
    })).isInstanceOf(IllegalArgumentException.class);
    assertThat(calls).hasValue(3);
  }

  @Test
  void anInterruptedWaitEndsWithTheClientsFailureAndKeepsTheFlag() {
    Retrier retrier = new Retrier(RetrySettings.defaults(), d -> {
      throw new InterruptedException();
    });
    try {
      assertThatThrownBy(() -> retrier.run(() -> {
        throw new Failure(true, false, null);
      }, Retrier::retryableAndNotApplied, e -> new IllegalStateException("interrupted", e), (f, a, d) -> { }))
          .isInstanceOf(IllegalStateException.class).hasMessage("interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
