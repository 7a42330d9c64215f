package io.github.centrasage.centra.internal;

import io.github.centrasage.centra.CentraWebhookEvent;
import java.util.List;
import org.immutables.value.Value;

/** The JSON inside a webhook's {@code payload=} form field: {@code {"events":[…]}}. */
@Value.Immutable
public interface WebhookPayload {
  List<CentraWebhookEvent> events();
}
