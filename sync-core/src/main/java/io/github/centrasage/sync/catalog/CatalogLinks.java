package io.github.centrasage.sync.catalog;

import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sage200.model.Product;
import io.github.centrasage.sync.JobFailure;
import io.github.centrasage.sync.catalog.internal.Claims;
import io.github.centrasage.sync.catalog.internal.SizeIndex.CatalogSize;
import io.github.centrasage.sync.catalog.internal.SizeIndex;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.spi.Coalescing;
import io.github.centrasage.sync.spi.JobContext;
import io.github.centrasage.sync.spi.NewJob;
import io.github.centrasage.sync.stock.internal.SkuDirectory;
import io.github.centrasage.sync.stock.internal.SkuRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The link step of {@link CatalogPublish}: Sage item → Centra size bindings, identity clashes, items Sage deleted. */
final class CatalogLinks {
  private static final Logger log = LoggerFactory.getLogger(CatalogPublish.class);

  private final SkuDirectory skus = new SkuDirectory();
  private final Integration integration;

  CatalogLinks(Integration integration) {
    this.integration = integration;
  }

  void link(JobContext job, Product p, CatalogSize size, Map<Long, List<JobContext>> jobsByCentraProduct) {
    skus.link(integration, p.code(), p.id(), size.variantId(), size.sizeId());
    jobsByCentraProduct.computeIfAbsent(size.productId(), k -> new ArrayList<>()).add(job);
  }

  /**
   * Parks {@code job} (one claimant of a size others claim too), drops the size's binding so no
   * Sage item feeds it through the catalogue's link, and asks for the jobs of claimants outside
   * the batch, which park the same way (a job folds into a parked one of its key, so this ends).
   */
  void clash(JobContext job, CatalogSize size, List<Claims.Claimant> claimants, Set<Long> inBatch) {
    String reason = Claims.reason(size, claimants);
    Optional<Binding> current = integration.store().bindingByCentraId(SkuRef.ENTITY, size.bindingId());
    if (current.isPresent()) {
      integration.store().unbind(SkuRef.ENTITY, size.bindingId());
      log.warn("{} (link to Sage item {} removed)", reason, current.get().sageReference().orElse(current.get().sageId()));
    }
    for (Claims.Claimant c : claimants) {
      if (!inBatch.contains(c.item().id())) {
        job.store().enqueue(NewJob.builder().flow(CatalogPublish.NAME).key(CatalogPublish.KEY_PREFIX + c.item().code())
            .reference(c.item().code())
            .payload(CatalogPublish.PRODUCT_PAYLOAD + c.item().id()).coalescing(Coalescing.KEEP_EXISTING).build());
      }
    }
    job.fail(JobFailure.permanent(reason));
  }

  /**
   * The job of a Sage item Sage no longer has: its linked Centra size (by the binding) joins the
   * product's sizes to withdraw; an item that was never linked parks, as there is nothing to stop.
   */
  void deletedInSage(JobContext job, long sageId, SizeIndex centra, Map<Long, List<JobContext>> jobsByCentraProduct) {
    Optional<CatalogSize> size = integration.store().bindingBySageId(SkuRef.ENTITY, Long.toString(sageId))
        .flatMap(b -> centra.byBindingId(b.centraId()));
    if (size.isPresent()) {
      jobsByCentraProduct.computeIfAbsent(size.get().productId(), k -> new ArrayList<>()).add(job);
    } else {
      job.fail(JobFailure.permanent("Sage product " + sageId + " (" + job.job().reference() + ") no longer exists"));
    }
  }
}
