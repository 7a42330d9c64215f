package io.github.centrasage.sage200.model;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One sales order with lines to despatch, as {@code GET /sop_confirm_despatch} lists them
 * ({@code sop_confirm_despatch_adjustment} in Sage's contract): the order id and its despatchable
 * lines in {@code items}.
 *
 * <p>Usage: {@code client.despatches().despatchableOrders("0000012345")}
 */
@Value.Immutable
public interface DespatchableOrder {
  /** JSON {@code sop_order_return_id}: the sales order id. */
  long sopOrderReturnId();

  /** JSON {@code despatch_receipt_date}. */
  Optional<OffsetDateTime> despatchReceiptDate();

  /** JSON {@code confirmation_intent_type}: {@code ConfirmOnDespatch} (goods) or {@code Confirm} (services). */
  Optional<String> confirmationIntentType();

  /** JSON {@code items}: the lines that can be despatched. */
  List<DespatchableLine> items();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link DespatchableOrder}; get one from {@link DespatchableOrder#builder()}. */
  final class Builder extends ImmutableDespatchableOrder.Builder {
    Builder() {}
  }
}
