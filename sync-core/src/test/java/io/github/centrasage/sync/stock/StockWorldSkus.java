package io.github.centrasage.sync.stock;

import io.github.centrasage.sandbox.SandboxCatalog;

/** SKUs of the seed shop the tests name before a world exists. */
final class StockWorldSkus {
  static final String FIRST = SandboxCatalog.fashionShop().items().get(0).sku();

  private StockWorldSkus() {}
}
