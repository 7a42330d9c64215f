package io.github.centrasage.sage200.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A despatch to post ({@code POST /sop_confirm_despatch}) for one sales order.
 *
 * <p>Usage: {@code DespatchConfirmation.builder()…build()}
 */
@Value.Immutable
public interface DespatchConfirmation {
  /** JSON {@code sop_order_return_id}. */
  long sopOrderReturnId();

  /** JSON {@code despatch_receipt_date}. */
  Optional<LocalDate> despatchReceiptDate();

  /** JSON {@code confirmation_intent_type}. */
  Optional<String> confirmationIntentType();

  /** JSON {@code items}. */
  List<DespatchItem> items();

  /** JSON {@code tracking_items}. */
  List<TrackingItem> trackingItems();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  @Value.Check
  default void check() {
    SageModelChecks.notEmpty("DespatchConfirmation", "items", items());
  }

  /** Builds a {@link DespatchConfirmation}; get one from {@link DespatchConfirmation#builder()}. */
  final class Builder extends ImmutableDespatchConfirmation.Builder {
    Builder() {}
  }
}
