package io.github.centrasage.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SyncRetryPolicyTest {
  private final SyncRetryPolicy policy = SyncRetryPolicy.builder().maxAttempts(5).initialDelay(Duration.ofSeconds(10))
      .multiplier(3).maxDelay(Duration.ofMinutes(2)).jitter(0.25).build();

  @Test
  void delaysGrowByTheMultiplierUpToTheMaximum() {
    SyncRetryPolicy exact = SyncRetryPolicy.builder().from(policy).jitter(0).build();

    assertThat(exact.delayAfter(1, 0.7)).isEqualTo(Duration.ofSeconds(10));
    assertThat(exact.delayAfter(2, 0.7)).isEqualTo(Duration.ofSeconds(30));
    assertThat(exact.delayAfter(3, 0.7)).isEqualTo(Duration.ofSeconds(90));
    assertThat(exact.delayAfter(4, 0.7)).isEqualTo(Duration.ofMinutes(2));
    assertThat(exact.delayAfter(40, 0.7)).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void jitterSpreadsEachDelayWithinItsBandAndNeverBeyondTheMaximum() {
    assertThat(policy.delayAfter(2, 0.0)).isEqualTo(Duration.ofMillis(22_500));
    assertThat(policy.delayAfter(2, 0.5)).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.delayAfter(2, 0.999999)).isBetween(Duration.ofMillis(37_499), Duration.ofMillis(37_500));
    assertThat(policy.delayAfter(9, 0.999999)).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void invalidSettingsAreAllReportedTogether() {
    assertThatThrownBy(() -> SyncRetryPolicy.builder().maxAttempts(0).multiplier(0.5).jitter(1.5).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxAttempts must be at least 1")
        .hasMessageContaining("multiplier must be at least 1")
        .hasMessageContaining("jitter must be in [0, 1)");
  }

  @Test
  void convertsToAFailsafePolicyWithTheSameSchedule() {
    RetryPolicy<Object> failsafe = policy.toFailsafe();
    RetryPolicyConfig<Object> config = failsafe.getConfig();

    assertThat(config.getMaxAttempts()).isEqualTo(5);
    assertThat(config.getDelay()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.getMaxDelay()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.getDelayFactor()).isEqualTo(3.0);
    assertThat(config.getJitterFactor()).isEqualTo(0.25);
  }

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    assertThat(SyncRetryPolicy.transientDefaults().maxAttempts()).isEqualTo(8);
    assertThat(SyncRetryPolicy.recordLockedDefaults().initialDelay()).isEqualTo(Duration.ofSeconds(30));
  }
}
