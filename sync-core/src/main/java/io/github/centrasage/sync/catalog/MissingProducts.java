package io.github.centrasage.sync.catalog;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.CentraUserErrorException;
import io.github.centrasage.centra.ProductInput;
import io.github.centrasage.sage200.model.Product;
import io.github.centrasage.sync.JobFailure;
import io.github.centrasage.sync.catalog.internal.FieldPlan;
import io.github.centrasage.sync.catalog.internal.ProductCreator;
import io.github.centrasage.sync.catalog.internal.SizeIndex.CatalogSize;
import io.github.centrasage.sync.catalog.internal.SizeIndex;
import io.github.centrasage.sync.spi.JobContext;
import io.github.centrasage.sync.spi.SyncContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The create step of {@link CatalogPublish}: Centra products for Sage items no size matched, activated after their prices. */
final class MissingProducts {
  private static final Logger log = LoggerFactory.getLogger(CatalogPublish.class);

  private static final String CREATE_LEASE = "CatalogPublish:create:";

  private final CatalogPublishOptions options;
  private final ProductCreator creator;
  private final CatalogLinks links;
  /** This instance's name as a lease holder. */
  private final String leaseOwner = CatalogPublish.NAME + "-" + UUID.randomUUID();

  MissingProducts(CatalogPublishOptions options, CatalogLinks links) {
    this.options = options;
    this.creator = new ProductCreator(options);
    this.links = links;
  }

  /**
   * Creates the Centra items of Sage products no size matched, per product number under a store
   * lease (so two engines do not both create it), from a catalogue read after the lease was taken
   * (so what an earlier, crashed attempt created is found, not created again). Returns that read,
   * or {@code current} when no lease was taken. The ids of products it created go to {@code created}.
   */
  SizeIndex createMissing(SyncContext ctx, CentraClient client, SizeIndex current, Map<JobContext, Product> missing,
      Map<Long, List<JobContext>> jobsByCentraProduct, Set<Long> created) {
    Map<String, Map<JobContext, SkuParts>> byProductNumber = new LinkedHashMap<>();
    missing.forEach((job, p) -> {
      try {
        SkuParts parts = options.skuSplitter().split(p.code());
        byProductNumber.computeIfAbsent(parts.productNumber(), k -> new LinkedHashMap<>()).put(job, parts);
      } catch (IllegalArgumentException e) {
        job.fail(JobFailure.permanent("Sage product " + p.code() + " has no Centra size and cannot be created: " + e.getMessage()));
      }
    });
    List<String> held = new ArrayList<>();
    try {
      for (Map.Entry<String, Map<JobContext, SkuParts>> group : byProductNumber.entrySet()) {
        if (ctx.store().tryAcquireLease(CREATE_LEASE + group.getKey(), leaseOwner, options.creationLease())) {
          held.add(group.getKey());
        } else {
          // like a record lock: the holder finishes soon, so this retries without using the transient budget
          JobFailure busy = JobFailure.recordLocked("another engine is creating Centra product " + group.getKey());
          group.getValue().keySet().forEach(j -> j.fail(busy));
        }
      }
      if (held.isEmpty()) {
        return current;
      }
      SizeIndex fresh = SizeIndex.read(client);
      for (String productNumber : held) {
        RuntimeException failure = null;
        for (Map.Entry<JobContext, SkuParts> e : byProductNumber.get(productNumber).entrySet()) {
          JobContext job = e.getKey();
          if (failure != null) {
            // the product's creation broke off (maybe after Centra committed): the next attempt looks it up again
            job.fail(failure);
            continue;
          }
          Product p = missing.get(job);
          try {
            SizeIndex.Match again = fresh.match(p.code(), p.barcode(), options.match());
            CatalogSize size = again.size().isPresent() ? again.size().get() : creator.ensure(client, fresh, p, e.getValue(), created);
            links.link(job, p, size, jobsByCentraProduct);
          } catch (RuntimeException ex) {
            failure = ex;
            job.fail(ex);
            fresh.productsNumbered(productNumber).stream().filter(created::contains).forEach(id -> log.warn(
                "CatalogPublish created Centra product {} ({}) but not all of it: it stays {} until a retry completes it ({})",
                id, productNumber, options.inactiveStatus(), ex.getMessage()));
          }
        }
        if (failure != null) {
          // a product this run created and could not complete is not activated with the rest of the batch
          fresh.productsNumbered(productNumber).forEach(id -> Optional.ofNullable(jobsByCentraProduct.remove(id))
              .ifPresent(js -> js.forEach(j -> j.fail(JobFailure.transientFailure(
                  "Centra product " + id + " (" + productNumber + ") is not complete yet; retried after its other sizes")))));
        }
      }
      return fresh;
    } finally {
      held.forEach(n -> ctx.store().releaseLease(CREATE_LEASE + n, leaseOwner));
    }
  }

  /** After its prices: a product created in this batch is activated last, when Sage owns the status and an item sells. */
  void activateCreated(CentraClient client, SizeIndex centra, Map<String, CatalogSize> sizeBySageCode,
      Map<String, Product> sageByCode, Map<Long, String> withdrawn, Set<Long> created,
      Map<Long, List<JobContext>> jobsByCentraProduct) {
    if (!options.ownership().sageOwns(CatalogField.STATUS)) {
      return; // Centra owns the status: the new product waits, inactive, for the merchandiser
    }
    for (Long productId : created) {
      if (!jobsByCentraProduct.containsKey(productId)) {
        log.warn("CatalogPublish left created Centra product {} {} (a part of it failed; see its parked or retrying jobs)",
            productId, options.inactiveStatus());
        continue;
      }
      boolean sells = sizeBySageCode.entrySet().stream().anyMatch(e -> e.getValue().productId() == productId
          && !withdrawn.containsKey(e.getValue().productSizeId())
          && Optional.ofNullable(sageByCode.get(e.getKey())).flatMap(FieldPlan::sellable).orElse(false));
      if (sells) {
        try {
          centra.productWritten(client.catalog().updateProduct(productId,
              ProductInput.builder().status(options.activeStatus()).build()).value());
        } catch (CentraUserErrorException e) {
          String reason = "Centra refused to activate created product " + productId + ": " + e.getMessage();
          jobsByCentraProduct.remove(productId).forEach(j -> j.fail(JobFailure.permanent(reason)));
        }
      }
    }
  }
}
