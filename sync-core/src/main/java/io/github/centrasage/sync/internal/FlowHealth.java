package io.github.centrasage.sync.internal;

import java.time.Instant;

/** What this instance saw of a flow; the store holds the rest. */
final class FlowHealth {
  volatile Instant lastRunStartedAt;
  volatile Instant lastRunFinishedAt;
  volatile String lastError;
  /** The failure of the last discover step, and how many discover steps in a row failed that way. */
  String discoverFailure;
  int discoverFailures;
}
