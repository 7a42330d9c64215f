package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A sales order line that can be despatched now: one of the {@code items} of a
 * {@link DespatchableOrder} ({@code sop_despatch_receipt_item} in Sage's contract). Its {@link #id()}
 * is the line id to send back in a {@link DespatchItem}.
 *
 * <p>Usage: {@code client.despatches().despatchableLines("0000012345").forEach(l -> …)}
 */
@Value.Immutable
public interface DespatchableLine {
  /** JSON {@code id}: the sales order line id. */
  long id();

  /** JSON {@code sop_order_return_id}: the sales order id. */
  OptionalLong sopOrderReturnId();

  /** JSON {@code document_no}: the sales order number. */
  Optional<String> documentNo();

  /** JSON {@code product_id}. */
  OptionalLong productId();

  /** JSON {@code item_code}: the product code (a free-text line's description). */
  Optional<String> itemCode();

  /** JSON {@code item_name}: the product name. */
  Optional<String> itemName();

  /** JSON {@code warehouse_name}. */
  Optional<String> warehouseName();

  /** JSON {@code line_quantity}, in stock units. */
  Optional<BigDecimal> lineQuantity();

  /** JSON {@code despatch_receipt_quantity}: despatched so far, in stock units. */
  Optional<BigDecimal> despatchReceiptQuantity();

  /** JSON {@code outstanding_quantity}: still to despatch, in stock units. */
  Optional<BigDecimal> outstandingQuantity();

  /** JSON {@code available_quantity}: what can be despatched now, in stock units. */
  Optional<BigDecimal> availableQuantity();

  /** Fields of the line this model does not name (Sage adds fields release by release). */
  Map<String, Object> extraFields();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link DespatchableLine}; get one from {@link DespatchableLine#builder()}. */
  final class Builder extends ImmutableDespatchableLine.Builder {
    Builder() {}
  }
}
