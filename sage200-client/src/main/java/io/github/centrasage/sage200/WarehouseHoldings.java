package io.github.centrasage.sage200;

import io.github.centrasage.sage200.internal.SageTransport;
import io.github.centrasage.sage200.model.WarehouseHolding;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Stock per product and warehouse ({@code warehouse_holdings}): changed since an instant, by product,
 * by warehouse. Whether every allocation moves {@code date_time_updated} is not documented, so a
 * periodic full read is still advisable.
 *
 * <p>Usage: {@code client.warehouseHoldings().updatedSince(cursor).forEach(…)}
 */
public final class WarehouseHoldings extends SageResource<WarehouseHolding> {

  WarehouseHoldings(SageTransport transport) {
    super(transport, List.of("warehouse_holdings"), WarehouseHolding.class, "id", WarehouseHolding::id);
  }

  /** Holdings with {@code date_time_updated gt since} (UTC), paged lazily by id. */
  public Stream<WarehouseHolding> updatedSince(Instant since) {
    return stream(ODataQuery.where(ODataFilter.gt("date_time_updated", since)));
  }

  /** Holdings of one product in every warehouse. */
  public Stream<WarehouseHolding> forProduct(long productId) {
    return stream(ODataQuery.where(ODataFilter.eq("product_id", productId)));
  }

  /** Holdings of every product in one warehouse. */
  public Stream<WarehouseHolding> forWarehouse(long warehouseId) {
    return stream(ODataQuery.where(ODataFilter.eq("warehouse_id", warehouseId)));
  }
}
