package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The stock of one product in one warehouse ({@code warehouse_holdings}); {@code freeStockAvailable} is in-stock minus allocated.
 *
 * <p>Usage: {@code WarehouseHolding.builder()…build()}
 */
@Value.Immutable
public interface WarehouseHolding {
  /** JSON {@code id}. */
  long id();

  /** JSON {@code product_id}. */
  long productId();

  /** JSON {@code warehouse_id}. */
  long warehouseId();

  /** JSON {@code warehouse_name}. */
  Optional<String> warehouseName();

  /** JSON {@code quantity_in_stock}. */
  Optional<BigDecimal> quantityInStock();

  /** JSON {@code confirmed_qty_in_stock}. */
  Optional<BigDecimal> confirmedQtyInStock();

  /** JSON {@code unconfirmed_qty_in_stock}. */
  Optional<BigDecimal> unconfirmedQtyInStock();

  /** JSON {@code quantity_reserved}. */
  Optional<BigDecimal> quantityReserved();

  /** JSON {@code quantity_allocated}. */
  Optional<BigDecimal> quantityAllocated();

  /** JSON {@code quantity_allocated_sop}. */
  Optional<BigDecimal> quantityAllocatedSop();

  /** JSON {@code free_stock_available}. */
  Optional<BigDecimal> freeStockAvailable();

  /** JSON {@code free_stock_available_less_reserved}. */
  Optional<BigDecimal> freeStockAvailableLessReserved();

  /** JSON {@code quantity_on_order}. */
  Optional<BigDecimal> quantityOnOrder();

  /** JSON {@code date_time_created}. */
  Optional<OffsetDateTime> dateTimeCreated();

  /** JSON {@code date_time_updated}. */
  Optional<OffsetDateTime> dateTimeUpdated();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link WarehouseHolding}; get one from {@link WarehouseHolding#builder()}. */
  final class Builder extends ImmutableWarehouseHolding.Builder {
    Builder() {}
  }
}
