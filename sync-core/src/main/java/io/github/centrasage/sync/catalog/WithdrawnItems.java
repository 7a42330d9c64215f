package io.github.centrasage.sync.catalog;

import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.CentraUserErrorException;
import io.github.centrasage.centra.ProductSizeInput;
import io.github.centrasage.sage200.model.Product;
import io.github.centrasage.sync.JobFailure;
import io.github.centrasage.sync.catalog.internal.FieldPlan;
import io.github.centrasage.sync.catalog.internal.SizeIndex.CatalogSize;
import io.github.centrasage.sync.catalog.internal.SizeIndex;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.spi.JobContext;
import io.github.centrasage.sync.stock.internal.SkuRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sage items that were deleted or may no longer be sold, and what {@link CatalogPublish} does with their Centra sizes. */
final class WithdrawnItems {
  private static final Logger log = LoggerFactory.getLogger(CatalogPublish.class);

  private final Integration integration;
  private final CatalogPublishOptions options;

  WithdrawnItems(Integration integration, CatalogPublishOptions options) {
    this.integration = integration;
    this.options = options;
  }

  /**
   * The linked sizes whose Sage item was deleted or may not be sold (product-size id → why); with
   * {@link WithdrawAction#PARK} their products' jobs are parked instead and the map is emptied of them.
   */
  Map<Long, String> find(Integration any, Map<String, CatalogSize> sizeBySageCode, Map<String, Product> sageByCode,
      Map<Long, List<JobContext>> jobsByCentraProduct) {
    // a size whose binding names a Sage item Sage no longer has: the item was deleted
    Map<String, Binding> bound = any.store().bindingsByCentraIds(SkuRef.ENTITY,
        sizeBySageCode.values().stream().map(CatalogSize::bindingId).collect(Collectors.toList()));
    Map<Long, String> withdrawn = new HashMap<>(); // product-size id → why it may no longer be sold
    sizeBySageCode.forEach((code, size) -> {
      Product item = sageByCode.get(code);
      if (item == null && bound.containsKey(size.bindingId())) {
        withdrawn.put(size.productSizeId(), "Sage item " + code + " was deleted");
      } else if (item != null && FieldPlan.sellable(item).filter(b -> !b).isPresent()) {
        withdrawn.put(size.productSizeId(), "Sage item " + code + " may not be sold (inactive or not allowed on sales orders)");
      }
    });
    if (options.withdrawnItemAction() == WithdrawAction.PARK && !withdrawn.isEmpty()) {
      sizeBySageCode.values().stream().filter(size -> withdrawn.containsKey(size.productSizeId())).forEach(size -> {
        String reason = withdrawn.remove(size.productSizeId()) + ", but Centra size " + size.sku().orElse(size.bindingId())
            + " is still on sale; nothing of Centra product " + size.productId()
            + " is written until someone decides (or withdrawnItemAction is DEACTIVATE)";
        log.warn("CatalogPublish: {}", reason);
        Optional.ofNullable(jobsByCentraProduct.remove(size.productId()))
            .ifPresent(js -> js.forEach(j -> j.fail(JobFailure.permanent(reason))));
      });
    }
    return withdrawn;
  }

  /**
   * Applies {@link CatalogPublishOptions#withdrawnItemAction()} / {@link CatalogPublishOptions#missingPriceAction()}
   * decided for the sizes in {@code withdrawn} (deactivate, WARN once: when the write is made) and
   * activates again a size Sage sells once more, when Sage owns the status. Bindings of deleted
   * items are dropped once their size is inactive, so later passes do not look at them again.
   */
  void withdraw(CentraClient client, SizeIndex centra, Map<String, CatalogSize> sizeBySageCode,
      Map<String, Product> sageByCode, Map<Long, String> withdrawn, Map<Long, List<JobContext>> jobsByCentraProduct) {
    boolean sageOwnsStatus = options.ownership().sageOwns(CatalogField.STATUS);
    for (Map.Entry<String, CatalogSize> e : sizeBySageCode.entrySet()) {
      CatalogSize size = e.getValue();
      List<JobContext> jobs = jobsByCentraProduct.get(size.productId());
      if (jobs == null) {
        continue;
      }
      String why = withdrawn.get(size.productSizeId());
      boolean active = size.active().orElse(true);
      Optional<Boolean> wanted = Optional.empty();
      if (why != null && active) {
        wanted = Optional.of(false);
      } else if (why == null && !active && sageOwnsStatus && sageByCode.containsKey(e.getKey())) {
        wanted = Optional.of(true);
      }
      if (wanted.isPresent()) {
        try {
          client.catalog().updateProductSize(size.productSizeId(), ProductSizeInput.builder().isActive(wanted.get()).build());
        } catch (CentraUserErrorException ex) {
          String reason = "Centra refused to " + (wanted.get() ? "activate" : "deactivate") + " size "
              + size.sku().orElse(size.bindingId()) + ": " + ex.getMessage();
          jobsByCentraProduct.remove(size.productId()).forEach(j -> j.fail(JobFailure.permanent(reason)));
          continue;
        }
        centra.sizeWritten(size, size.ean(), wanted);
        if (wanted.get()) {
          log.info("CatalogPublish activated Centra size {}: Sage item {} may be sold again", size.sku().orElse(size.bindingId()), e.getKey());
        } else {
          log.warn("CatalogPublish deactivated Centra size {}: {}", size.sku().orElse(size.bindingId()), why);
        }
      }
      if (why != null && !sageByCode.containsKey(e.getKey())) {
        jobs.stream().findFirst().ifPresent(j -> integration.store().unbind(SkuRef.ENTITY, size.bindingId()));
      }
    }
  }
}
