package io.github.centrasage.centra;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * One event of a verified Centra webhook ("Integration API" mode): object type, action and id.
 * The webhook carries ids only; fetch the object over GraphQL.
 *
 * <pre>{@code
 * for (CentraWebhookEvent e : verifier.verify(signature, body)) if (e.type().equals("order")) nudge(e.id());
 * }</pre>
 */
@Value.Immutable
public interface CentraWebhookEvent {
  /** {@code order}, {@code shipment}, {@code customer}, {@code account} or {@code return}. */
  String type();

  /** Such as {@code insert}, {@code update}, {@code create}, {@code good_to_go}; the list is open. */
  String action();

  String id();

  /** The event date exactly as Centra sent it. */
  Optional<String> date();
}
