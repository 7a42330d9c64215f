package io.github.centrasage.sync.catalog;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.CentraUserErrorException;
import io.github.centrasage.centra.ProductInput;
import io.github.centrasage.centra.ProductSizeInput;
import io.github.centrasage.sage200.model.Product;
import io.github.centrasage.sync.JobFailure;
import io.github.centrasage.sync.catalog.internal.FieldPlan;
import io.github.centrasage.sync.catalog.internal.SizeIndex.CatalogSize;
import io.github.centrasage.sync.catalog.internal.SizeIndex;
import io.github.centrasage.sync.spi.JobContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The field step of {@link CatalogPublish}: Sage-owned product and size fields written where Centra differs. */
final class FieldWrites {
  private static final Logger log = LoggerFactory.getLogger(CatalogPublish.class);

  private final CatalogPublishOptions options;

  FieldWrites(CatalogPublishOptions options) {
    this.options = options;
  }

  /**
   * Writes the Sage-owned fields of each touched Centra product that differ from Sage: one
   * {@code updateProduct} with every differing product field, one {@code updateProductSize} per
   * differing EAN. A product Centra refuses is parked with the reason and left out of the prices.
   * A product none of whose linked sizes may still be sold gets the inactive status; a product
   * created in this batch is activated only after its prices ({@link MissingProducts#activateCreated}).
   */
  void publishFields(CentraClient client, SizeIndex centra, Map<String, CatalogSize> sizeBySageCode,
      Map<String, Product> sageByCode, Map<Long, String> withdrawn, Set<Long> created,
      Map<Long, List<JobContext>> jobsByCentraProduct) {
    FieldOwnership own = options.ownership();
    Map<Long, Map<Long, Product>> sageBySizeByProduct = new HashMap<>();
    Map<Long, Boolean> anySellable = new HashMap<>();
    sizeBySageCode.forEach((code, size) -> {
      boolean out = withdrawn.containsKey(size.productSizeId());
      if (out || sageByCode.containsKey(code)) { // a Centra-only size (no Sage item, no link) says nothing
        anySellable.merge(size.productId(), !out, Boolean::logicalOr);
      }
      Optional.ofNullable(sageByCode.get(code)).ifPresent(p ->
          sageBySizeByProduct.computeIfAbsent(size.productId(), k -> new LinkedHashMap<>()).put(size.productSizeId(), p));
    });
    for (Long productId : new ArrayList<>(jobsByCentraProduct.keySet())) {
      Optional<io.github.centrasage.centra.Product> current = centra.product(productId);
      if (current.isEmpty()) {
        continue;
      }
      FieldPlan.Writes writes = FieldPlan.plan(current.get(), centra.sizesOf(productId),
          sageBySizeByProduct.getOrDefault(productId, Map.of()), options);
      ProductInput update = writes.product().orElse(null);
      boolean noneSells = !anySellable.getOrDefault(productId, true);
      if (noneSells && options.withdrawnItemAction() == WithdrawAction.DEACTIVATE
          && !current.get().status().filter(options.inactiveStatus()::equals).isPresent()) {
        // every linked size is withdrawn (deleted items have no Sage record to say so): stop selling the product
        update = ProductInput.builder().from(update == null ? ProductInput.builder().build() : update)
            .status(options.inactiveStatus()).build();
      } else if (created.contains(productId) && update != null && update.status().isPresent()) {
        ProductInput withoutStatus = ProductInput.builder().from(update).status(Optional.empty()).build();
        update = withoutStatus.isEmpty() ? null : withoutStatus;
      }
      try {
        if (update != null) {
          centra.productWritten(client.catalog().updateProduct(productId, update).value());
          log.info("CatalogPublish put back Sage-owned fields of Centra product {}: {}", productId, update);
        }
        for (Map.Entry<Long, String> ean : writes.eanByProductSizeId().entrySet()) {
          client.catalog().updateProductSize(ean.getKey(), ProductSizeInput.builder().ean(ean.getValue()).build());
          centra.sizesOf(productId).stream().filter(s -> s.productSizeId() == ean.getKey()).findFirst()
              .ifPresent(s -> centra.sizeWritten(s, Optional.of(ean.getValue()), s.active()));
        }
      } catch (CentraUserErrorException e) {
        String reason = "Centra refused the Sage-owned fields of product " + productId + ": " + e.getMessage();
        jobsByCentraProduct.remove(productId).forEach(j -> j.fail(JobFailure.permanent(reason)));
      }
    }
  }
}
