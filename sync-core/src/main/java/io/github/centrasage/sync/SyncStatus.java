package io.github.centrasage.sync;

import io.github.centrasage.sync.spi.internal.SyncStyle;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A snapshot of one flow's health: when it last ran, how far behind its cursor is, how many jobs
 * wait, run, retry or are parked, how many entities are done, how old the oldest waiting job is,
 * and the last error.
 *
 * <p>Usage: {@code engine.status().forEach(s -> log.info("{}: {} parked", s.flow(), s.parked()));}
 */
@Value.Immutable
@SyncStyle
public abstract class SyncStatus {
  /** The flow. */
  public abstract String flow();

  /** When the last cycle started on this engine instance. */
  public abstract Optional<Instant> lastRunStartedAt();

  /** When the last cycle finished on this engine instance. */
  public abstract Optional<Instant> lastRunFinishedAt();

  /** How far the cursor is behind now (by the time it stands for, or since it last moved). */
  public abstract Optional<Duration> cursorLag();

  /** Jobs waiting for their first run (or a replay). */
  public abstract long queued();

  /** Jobs a worker holds. */
  public abstract long running();

  /** Jobs waiting to be retried. */
  public abstract long retrying();

  /** Jobs waiting for a person. */
  public abstract long parked();

  /**
   * Jobs that succeeded. One entity may take several: OrderImport runs a job for every notice of an
   * order (poll overlap, update events, rechecks of an order on hold), so see {@link #entitiesDone()} for
   * how many orders were imported.
   */
  public abstract long succeeded();

  /**
   * Entities done: what a person means by "done" (OrderImport: orders imported into Sage). Flows
   * with one job per entity report their succeeded jobs here (see {@code SyncFlow#entitiesDone}).
   */
  @Value.Default
  public long entitiesDone() {
    return succeeded();
  }

  /** Age of the oldest pending job. */
  public abstract Optional<Duration> oldestJobAge();

  /** The last error of a discover step or a job of this flow, on this engine instance. */
  public abstract Optional<String> lastError();

  /** What the flow asks a person to look at although no job stopped (see {@code SyncFlow#notices}). */
  public abstract java.util.List<String> notices();

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SyncStatus}. */
  public static final class Builder extends ImmutableSyncStatus.Builder {
    Builder() {}
  }
}
