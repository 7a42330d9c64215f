package io.github.centrasage.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sync.SyncEngine;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final RetrySettings settings = RetrySettings.builder().maxAttempts(5).initialDelay(Duration.ofSeconds(10))
      .multiplier(3).maxDelay(Duration.ofMinutes(2)).jitter(0.25).build();

  @Test
  void delaysGrowByTheMultiplierUpToTheMaximum() {
    RetrySettings exact = settings.toBuilder().jitter(0).build();

    assertThat(Backoff.delayAfter(exact, 1, 0.7)).isEqualTo(Duration.ofSeconds(10));
    assertThat(Backoff.delayAfter(exact, 2, 0.7)).isEqualTo(Duration.ofSeconds(30));
    assertThat(Backoff.delayAfter(exact, 3, 0.7)).isEqualTo(Duration.ofSeconds(90));
    assertThat(Backoff.delayAfter(exact, 4, 0.7)).isEqualTo(Duration.ofMinutes(2));
    assertThat(Backoff.delayAfter(exact, 40, 0.7)).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void jitterSpreadsEachDelayWithinItsBandAndNeverBeyondTheMaximum() {
    assertThat(Backoff.delayAfter(settings, 2, 0.0)).isEqualTo(Duration.ofMillis(22_500));
    assertThat(Backoff.delayAfter(settings, 2, 0.5)).isEqualTo(Duration.ofSeconds(30));
    assertThat(Backoff.delayAfter(settings, 2, 0.999999)).isBetween(Duration.ofMillis(37_499), Duration.ofMillis(37_500));
    assertThat(Backoff.delayAfter(settings, 9, 0.999999)).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void theEngineDefaultsAreTheDocumentedSchedules() {
    RetrySettings transientDefaults = SyncEngine.defaultRetrySettings();
    assertThat(transientDefaults.maxAttempts()).isEqualTo(8);
    assertThat(Backoff.delayAfter(transientDefaults.toBuilder().jitter(0).build(), 1, 0.5)).isEqualTo(Duration.ofSeconds(10));
    assertThat(Backoff.delayAfter(transientDefaults.toBuilder().jitter(0).build(), 20, 0.5)).isEqualTo(Duration.ofMinutes(30));
    RetrySettings locked = SyncEngine.defaultLockRetrySettings();
    assertThat(locked.maxAttempts()).isEqualTo(10);
    assertThat(Backoff.delayAfter(locked.toBuilder().jitter(0).build(), 2, 0.5)).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void theEngineRefusesASchedulesThatCanWaitNothing() {
    RetrySettings noWait = RetrySettings.builder().initialDelay(Duration.ZERO).build();
    RetrySettings fullJitter = SyncEngine.defaultRetrySettings().toBuilder().jitter(1).build();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SyncEngine.builder().retryPolicy(noWait))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retryPolicy needs initialDelay > 0");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SyncEngine.builder().lockRetryPolicy(fullJitter))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter < 1");
  }

  @Test
  void aFlowsOwnLockScheduleThatCanWaitNothingIsAProblemOfTheBuild() {
    io.github.centrasage.sync.testing.ScriptedFlow flow = new io.github.centrasage.sync.testing.ScriptedFlow("Hasty")
        .withLockRetryPolicy(RetrySettings.builder().initialDelay(Duration.ZERO).build());

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SyncEngine.builder()
            .store(new io.github.centrasage.sync.store.InMemorySyncStateStore(java.time.Clock.systemUTC()))
            .flow(flow).build())
        .isInstanceOfSatisfying(io.github.centrasage.sync.SyncConfigurationException.class, e ->
            org.assertj.core.api.Assertions.assertThat(e.problems()).singleElement().asString()
                .startsWith("Hasty: lockRetryPolicy needs initialDelay > 0"));
  }
}
