package io.github.centrasage.sync.catalog;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.Price;
import io.github.centrasage.centra.Pricelist;
import io.github.centrasage.sync.catalog.internal.SizeIndex;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Centra as one poll of {@link CatalogPublish} read it (and as the flow's own writes changed it since). */
final class CatalogPass {
  SizeIndex index;
  final Instant readAt;
  /** pricelist id → product id → Centra's prices of that product in that pricelist. */
  final Map<Long, Map<Long, CurrentPrices>> prices = new HashMap<>();
  Map<Long, Pricelist> pricelists;

  CatalogPass(SizeIndex index, Instant readAt) {
    this.index = index;
    this.readAt = readAt;
  }

  /** Centra's product price and individual variant prices of one product in one pricelist. */
  static final class CurrentPrices {
    BigDecimal product;
    final Map<Long, BigDecimal> variants = new HashMap<>();
  }

  /** Centra's prices in one pricelist, read once per pass. */
  static Map<Long, CurrentPrices> currentPrices(CentraClient client, CatalogPass view, long pricelistId) {
    return view.prices.computeIfAbsent(pricelistId, id -> {
      Map<Long, CurrentPrices> byProduct = new HashMap<>();
      try (Stream<Price> prices = client.catalog().prices(id)) {
        prices.forEach(p -> p.product().map(r -> r.id()).ifPresent(product -> {
          CurrentPrices c = byProduct.computeIfAbsent(product, k -> new CurrentPrices());
          if (p.productVariant().isPresent()) {
            c.variants.put(p.productVariant().get().id(), p.price().value());
          } else {
            c.product = p.price().value();
          }
        }));
      }
      return byProduct;
    });
  }
}
