package io.github.centrasage.sync.despatch;

import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.spi.internal.SyncStyle;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * Settings of the two despatch flows ({@link DespatchToSage}, {@link DespatchToCentra}): courier
 * and carrier names between the systems, what Centra does when a Sage despatch arrives (capture,
 * customer e-mail), the record-lock schedule and how far back discovery looks.
 *
 * <p>Usage: {@code DespatchOptions.builder().putSageCourierIds("DHL", 3L).captureOnDespatch(true).build()}
 */
@Value.Immutable
@SyncStyle
public abstract class DespatchOptions {
  /**
   * Sage courier id ({@code GET /couriers}) per Centra carrier name, for the tracking item of a
   * confirmation in Sage. Carrier names are compared ignoring case.
   */
  public abstract Map<String, Long> sageCourierIds();

  /**
   * Courier id used for a Centra carrier missing from {@link #sageCourierIds()}; without it such a
   * shipment is parked with the carrier named, so nothing is confirmed with a wrong courier.
   */
  public abstract OptionalLong defaultSageCourierId();

  /** Centra carrier name per Sage courier name; a courier missing here is sent to Centra under its Sage name. */
  public abstract Map<String, String> centraCarriers();

  /** Centra service per Sage courier name ({@code "Express"}); none sends no service. */
  public abstract Map<String, String> centraServices();

  /** Capture the payment when the Centra shipment for a Sage despatch is created. */
  @Value.Default
  public boolean captureOnDespatch() {
    return false;
  }

  /**
   * Lower the Sage order's line quantities (through Sage's lock protocol) when lines were
   * cancelled in Centra before despatch; {@code false} only reports them (the job is parked with
   * the SKU and quantities so a person amends the Sage order).
   */
  @Value.Default
  public boolean amendCancelledLines() {
    return true;
  }

  /** Let Centra send the customer its shipping e-mail when the shipment is completed. */
  /**
   * How long a despatch (or a cancellation) holds the stock units it moves at most, if its job dies
   * holding them; default 10 min. Must exceed one Centra {@code completeShipment} (or one Sage order
   * amendment and read) with its retries, else a stock push may overtake it.
   */
  @Value.Default
  public Duration despatchHoldTtl() {
    return Duration.ofMinutes(10);
  }

  /**
   * The time zone a shipment's time is cut to a Sage despatch date in; default {@code Europe/London}
   * (Sage 200 is UK software), so a shipment at 00:30 BST is that day's despatch, not the day before.
   */
  @Value.Default
  public ZoneId zone() {
    return ZoneId.of("Europe/London");
  }

  @Value.Default
  public boolean sendCustomerEmail() {
    return false;
  }

  /**
   * Schedule while the Sage order is locked by a desktop user: short waits (15 s, 30 s, 1 min, …
   * up to 10 min) that do not use the transient budget, then the job is parked "locked in Sage".
   */
  @Value.Default
  public RetrySettings lockRetryPolicy() {
    return SyncEngine.defaultRetrySettings().toBuilder().maxAttempts(12).initialDelay(Duration.ofSeconds(15)).multiplier(2.0)
        .maxDelay(Duration.ofMinutes(10)).jitter(0.1).build();
  }

  /**
   * How long a Centra shipment whose order is not in Sage yet waits before {@link DespatchToSage}
   * looks again; default 30 s. Waiting spends no retry attempt.
   */
  @Value.Default
  public Duration orderWait() {
    return Duration.ofSeconds(30);
  }

  /** How long such a shipment waits for its order in all before it is parked; default 7 days. */
  @Value.Default
  public Duration maxOrderWait() {
    return Duration.ofDays(7);
  }

  /** Centra events fetched per discover call (Centra allows 1 to 200). */
  @Value.Default
  public int eventBatchSize() {
    return 100;
  }

  /**
   * How many Sage despatch ids below the cursor are read again on every discovery: Sage gives ids
   * when a despatch starts, so one with a lower id can become visible after a higher one.
   */
  @Value.Default
  public int despatchIdOverlap() {
    return 50;
  }

  /**
   * Where {@link DespatchToCentra} starts on its first run: after this Sage despatch id. Empty
   * (the default) starts after the newest despatch at that moment, so history is not replayed
   * into Centra; {@code 0} takes every despatch Sage holds.
   */
  public abstract OptionalLong startAfterDespatchId();

  /** The Sage courier id for a Centra carrier, or the default one. */
  public OptionalLong sageCourierFor(String centraCarrier) {
    for (Map.Entry<String, Long> e : sageCourierIds().entrySet()) {
      if (e.getKey().equalsIgnoreCase(centraCarrier)) {
        return OptionalLong.of(e.getValue());
      }
    }
    return defaultSageCourierId();
  }

  /** The Centra carrier name for a Sage courier name. */
  public String centraCarrierFor(String sageCourier) {
    return centraCarriers().getOrDefault(sageCourier, sageCourier);
  }

  /** The Centra service for a Sage courier name, if mapped. */
  public Optional<String> centraServiceFor(String sageCourier) {
    return Optional.ofNullable(centraServices().get(sageCourier));
  }

  @Value.Check
  protected void check() {
    if (eventBatchSize() < 1 || eventBatchSize() > 200) {
      throw new IllegalArgumentException("DespatchOptions.eventBatchSize must be between 1 and 200, was " + eventBatchSize());
    }
    if (despatchHoldTtl().isNegative() || despatchHoldTtl().isZero()) {
      throw new IllegalArgumentException("DespatchOptions.despatchHoldTtl must be positive, was " + despatchHoldTtl());
    }
    if (orderWait().isNegative() || orderWait().isZero() || maxOrderWait().isNegative()) {
      throw new IllegalArgumentException("DespatchOptions.orderWait must be positive and maxOrderWait not negative, were "
          + orderWait() + " and " + maxOrderWait());
    }
    if (despatchIdOverlap() < 0) {
      throw new IllegalArgumentException("DespatchOptions.despatchIdOverlap must not be negative, was " + despatchIdOverlap());
    }
    if (startAfterDespatchId().isPresent() && startAfterDespatchId().getAsLong() < 0) {
      throw new IllegalArgumentException("DespatchOptions.startAfterDespatchId must not be negative");
    }
  }

  /** The defaults: no courier mapping, no capture, no customer e-mail, the 15 s lock schedule. */
  public static DespatchOptions defaults() {
    return builder().build();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link DespatchOptions}. */
  public static final class Builder extends ImmutableDespatchOptions.Builder {
    Builder() {}
  }
}
