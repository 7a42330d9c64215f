package io.github.centrasage.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SandboxClockTest {

  @Test
  void pinnedClockMovesOnlyWhenTold() {
    SandboxClock clock = SandboxClock.startingAt(Instant.parse("2026-03-01T00:00:00Z"));

    Instant first = clock.instant();
    clock.advance(Duration.ofMinutes(90));

    assertThat(first).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-01T01:30:00Z"));
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tickingClockFollowsSystemTimeShiftedBySetAndAdvance() {
    SandboxClock clock = SandboxClock.ticking();
    clock.set(Instant.parse("2030-01-01T00:00:00Z"));
    clock.advance(Duration.ofDays(1));

    assertThat(clock.instant()).isBetween(Instant.parse("2030-01-02T00:00:00Z"), Instant.parse("2030-01-02T00:01:00Z"));
  }
}
