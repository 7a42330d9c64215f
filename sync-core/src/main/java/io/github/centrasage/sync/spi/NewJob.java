package io.github.centrasage.sync.spi;

import io.github.centrasage.sync.spi.internal.SyncStyle;
import java.time.Duration;
import org.immutables.value.Value;

/**
 * A job to enqueue: the flow that runs it, its identity key, an opaque payload and a reference a
 * person recognises.
 *
 * <p>Usage: {@code NewJob.builder().flow("OrderImport").key("order:1234").reference("1234").payload("{...}").build()}.
 */
@Value.Immutable
@SyncStyle
public abstract class NewJob {
  /** The flow that processes this job. */
  public abstract String flow();

  /** Identity key: jobs of one key never run at the same time and run in order ({@code order:1234}). */
  public abstract String key();

  /** What the flow needs to process the job, serialised by the flow (JSON or anything); the store never reads it. */
  @Value.Default
  public String payload() {
    return "";
  }

  /** A reference a person recognises on the dashboard (order number, SKU, payout id). */
  @Value.Default
  public String reference() {
    return key();
  }

  /** What happens when a job of the same key is already waiting. */
  @Value.Default
  public Coalescing coalescing() {
    return Coalescing.KEEP_NEWEST;
  }

  /** Delay before the job becomes due, from the store's clock; zero runs it at once. */
  @Value.Default
  public Duration delay() {
    return Duration.ZERO;
  }

  @Value.Check
  protected void check() {
    if (flow().isBlank()) {
      throw new IllegalArgumentException("NewJob.flow must not be blank");
    }
    if (key().isBlank()) {
      throw new IllegalArgumentException("NewJob.key must not be blank (flow " + flow() + ")");
    }
    if (delay().isNegative()) {
      throw new IllegalArgumentException("NewJob.delay must not be negative: " + delay());
    }
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link NewJob}. */
  public static final class Builder extends ImmutableNewJob.Builder {
    Builder() {}
  }
}
