package io.github.centrasage.sync.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StockPublishOptionsTest {
  @Test
  void aZeroBusyDelayIsRefusedBecauseAHeldUnitWouldBeRequeuedDueAtOnce() {
    assertThatThrownBy(() -> StockPublishOptions.builder().busyDelay(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("busyDelay must be positive");
    assertThatThrownBy(() -> StockPublishOptions.builder().overlap(Duration.ofSeconds(-1)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlap must not be negative");
    assertThat(StockPublishOptions.builder().busyDelay(Duration.ofMillis(1)).build().busyDelay())
        .isEqualTo(Duration.ofMillis(1));
  }
}
