package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * One line of a despatch made in Sage, from {@code sop_order_despatch_line_views}: which item left
 * in which quantity. Sage documents the view but not its field list; the names here follow the
 * header view's {@code sop_despatch_…} / {@code sop_order_…} pattern and need checking on a live site.
 *
 * <p>Usage: {@code sage.despatches().lineViews().list(ODataQuery.where(ODataFilter.eq("sop_order_id", 42)))}
 */
@Value.Immutable
public interface OrderDespatchLineView {
  /** JSON {@code id}: the line view row. */
  OptionalLong id();

  /** JSON {@code sop_despatch_id}: the despatch the line belongs to. */
  long sopDespatchId();

  /** JSON {@code sop_order_id}. */
  OptionalLong sopOrderId();

  /** JSON {@code sop_order_line_id}, when Sage gives it. */
  OptionalLong sopOrderLineId();

  /** JSON {@code item_code}: the product code (the SKU). */
  Optional<String> itemCode();

  /** JSON {@code warehouse_id}, when Sage gives it. */
  OptionalLong warehouseId();

  /** JSON {@code quantity}: despatched in this despatch. */
  BigDecimal quantity();

  static ImmutableOrderDespatchLineView.Builder builder() {
    return ImmutableOrderDespatchLineView.builder();
  }
}
