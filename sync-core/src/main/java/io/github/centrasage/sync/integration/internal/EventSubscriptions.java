package io.github.centrasage.sync.integration.internal;

import io.github.centrasage.sync.internal.CursorInstants;
import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.EventSubscription;
import io.github.centrasage.sync.spi.SyncContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes a flow to Centra's event queue and remembers, in the store, when it first did. Centra
 * queues events only from the moment a type is subscribed, so whatever happened earlier never
 * reaches an event-driven flow: the first subscription is said loudly (a WARN naming the backfill)
 * and shown as a notice for a day, instead of importing nothing without a word.
 */
public final class EventSubscriptions {
  private static final Logger log = LoggerFactory.getLogger(EventSubscriptions.class);
  /** How long the "subscribed only now" notice stays on the flow's status. */
  static final Duration NOTICE_FOR = Duration.ofDays(1);

  private EventSubscriptions() {}

  /**
   * Subscribes (idempotent on Centra's side) and, if this store never recorded a subscription of
   * {@code flow}, records the time and, when {@code warn}, logs a warning that names {@code backfill}.
   *
   * @return true when this was the first subscription the store recorded
   */
  public static boolean subscribe(SyncContext ctx, CentraClient centra, String flow, List<EventSubscription> subscriptions, String before,
      String backfill, boolean warn) {
    centra.events().subscribe(subscriptions);
    String marker = markerName(flow);
    if (ctx.store().cursor(marker).isPresent()) {
      return false;
    }
    Instant now = ctx.clock().instant();
    ctx.store().putCursor(marker, now.toString());
    if (warn) {
      log.warn("{} subscribed to Centra's events for the first time ({}): {} earlier are not in the queue; {}", flow,
          now, before, backfill);
    }
    return true;
  }

  /**
   * The notice for a subscription made less than a day ago by the engine's clock, naming the backfill;
   * empty otherwise.
   */
  public static Optional<String> recentSubscriptionNotice(SyncContext ctx, String flow, String before,
      String backfill) {
    return ctx.store().cursor(markerName(flow)).flatMap(c -> CursorInstants.parse(c.value()))
        .filter(at -> at.plus(NOTICE_FOR).isAfter(ctx.clock().instant()))
        .map(at -> "Subscribed to Centra's events at " + at + ": " + before + " earlier are not synced by events; "
            + backfill);
  }

  private static String markerName(String flow) {
    return flow + ".events-subscribed-at";
  }
}
