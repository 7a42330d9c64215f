package io.github.centrasage.dashboard.internal;

import io.github.centrasage.sync.ImmutableSyncStatus;
import io.github.centrasage.sync.SyncStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Puts a status's cursor lag on the engine's clock. The engine measures it against the store's
 * time, while a cursor is a position on the other system's clock, which is the engine's: on a
 * sandbox with a pinned day and a database on today's date that reads "6 days behind" for a flow
 * that is up to date. The store's lead over the engine's clock is taken off again.
 */
public final class EngineTime {
  private EngineTime() {}

  public static List<SyncStatus> onEngineClock(List<SyncStatus> flows, Instant storeNow, Instant engineNow) {
    Duration storeAhead = Duration.between(engineNow, storeNow);
    if (storeAhead.isZero()) {
      return flows;
    }
    return flows.stream().map(s -> s.cursorLag().isEmpty() ? s
        : (SyncStatus) ImmutableSyncStatus.copyOf(s).withCursorLag(nonNegative(s.cursorLag().get().minus(storeAhead))))
        .collect(Collectors.toList());
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
