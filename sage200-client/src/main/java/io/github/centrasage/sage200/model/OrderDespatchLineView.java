package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * One line of a despatch made in Sage, from {@code sop_order_despatch_line_views}
 * ({@code sop_order_despatch_line_view} in Sage's contract): which order line, which item, how many.
 *
 * <p>Usage: {@code client.despatches().lineViews().stream(ODataQuery.where(ODataFilter.eq("sop_despatch_id", id)))}
 */
@Value.Immutable
public interface OrderDespatchLineView {
  /** JSON {@code sop_despatch_line_id}. */
  OptionalLong sopDespatchLineId();

  /** JSON {@code sop_despatch_id}. */
  long sopDespatchId();

  /** JSON {@code sop_despatch_document_no}. */
  Optional<String> sopDespatchDocumentNo();

  /** JSON {@code sop_order_id}. */
  OptionalLong sopOrderId();

  /** JSON {@code sop_order_line_id}. */
  OptionalLong sopOrderLineId();

  /** JSON {@code sop_order_line_item_code}: the product code (a free-text line's description). */
  Optional<String> sopOrderLineItemCode();

  /** JSON {@code sop_order_line_item_description}. */
  Optional<String> sopOrderLineItemDescription();

  /** JSON {@code product_id}. */
  OptionalLong productId();

  /** JSON {@code product_code}. */
  Optional<String> productCode();

  /** JSON {@code warehouse_id}. */
  OptionalLong warehouseId();

  /** JSON {@code warehouse_name}. */
  Optional<String> warehouseName();

  /** JSON {@code sop_despatch_line_quantity}: the quantity despatched on this line. */
  BigDecimal sopDespatchLineQuantity();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link OrderDespatchLineView}; get one from {@link OrderDespatchLineView#builder()}. */
  final class Builder extends ImmutableOrderDespatchLineView.Builder {
    Builder() {}
  }
}
