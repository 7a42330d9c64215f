package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A sales order line available to despatch ({@code GET /sop_confirm_despatch}); {@code id} is the order line id to despatch.
 *
 * <p>Usage: {@code DespatchableLine.builder()…build()}
 */
@Value.Immutable
public interface DespatchableLine {
  /** JSON {@code id}. */
  long id();

  /** JSON {@code sop_order_return_id}. */
  OptionalLong sopOrderReturnId();

  /** JSON {@code document_no}. */
  Optional<String> documentNo();

  /** JSON {@code item_code}. */
  Optional<String> itemCode();

  /** JSON {@code item_description}. */
  Optional<String> itemDescription();

  /** JSON {@code warehouse_name}. */
  Optional<String> warehouseName();

  /** JSON {@code outstanding_quantity}. */
  Optional<BigDecimal> outstandingQuantity();

  /** JSON {@code available_quantity}. */
  Optional<BigDecimal> availableQuantity();

  /** JSON {@code confirmation_intent_type}. */
  Optional<String> confirmationIntentType();

  /** Fields this library does not model yet, kept as read and written back as given. */
  Map<String, Object> extraFields();

  static ImmutableDespatchableLine.Builder builder() {
    return ImmutableDespatchableLine.builder();
  }
}
