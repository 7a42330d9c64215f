package io.github.centrasage.centra.internal;

import io.github.centrasage.centra.WarehouseStock;
import java.util.List;
import org.immutables.value.Value;

/** {@code warehouse(id) { stock(...) }}: one page of a warehouse's stock rows. */
@Value.Immutable
public interface WarehouseStockPage {
  long id();

  List<WarehouseStock> stock();
}
