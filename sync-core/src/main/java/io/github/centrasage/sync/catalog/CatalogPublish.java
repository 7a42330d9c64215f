package io.github.centrasage.sync.catalog;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.CentraMutationResult;
import io.github.centrasage.centra.CentraUserErrorException;
import io.github.centrasage.centra.CentraUserMessage;
import io.github.centrasage.centra.CodeRef;
import io.github.centrasage.centra.Price;
import io.github.centrasage.centra.Pricelist;
import io.github.centrasage.centra.ProductInput;
import io.github.centrasage.centra.ProductPrice;
import io.github.centrasage.centra.ProductSizeInput;
import io.github.centrasage.centra.SetPricesRequest;
import io.github.centrasage.sage200.ODataFilter;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.model.Product;
import io.github.centrasage.sage200.model.ProductPriceView;
import io.github.centrasage.sync.JobFailure;
import io.github.centrasage.sync.Mappings;
import io.github.centrasage.sync.catalog.internal.Claims;
import io.github.centrasage.sync.catalog.internal.FieldPlan;
import io.github.centrasage.sync.catalog.internal.PricePlan;
import io.github.centrasage.sync.catalog.internal.ProductCreator;
import io.github.centrasage.sync.catalog.internal.SizeIndex.CatalogSize;
import io.github.centrasage.sync.catalog.internal.SizeIndex;
import io.github.centrasage.sync.internal.CursorInstants;
import io.github.centrasage.sync.internal.OrderTaxes;
import io.github.centrasage.sync.spi.Binding;
import io.github.centrasage.sync.spi.DiscoverContext;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobContext;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.spi.NewJob;
import io.github.centrasage.sync.spi.Coalescing;
import io.github.centrasage.sync.spi.SyncContext;
import io.github.centrasage.sync.spi.SyncFlow;
import io.github.centrasage.sync.stock.internal.SkuDirectory;
import io.github.centrasage.sync.stock.internal.SkuRef;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the Sage 200 item record to Centra: links every Sage product to its Centra size (by SKU,
 * else EAN) as a {@code "sku"} binding, the same binding {@code StockPublish} uses; writes the
 * Sage-owned item fields (status, weight, EAN; name when Sage owns it) with {@code updateProduct} /
 * {@code updateProductSize} and the Sage-owned prices of the mapped price bands with batched
 * {@code setPrices}, each only where Centra differs. Fields Centra owns (names, descriptions, media,
 * categories, and by default individual variant prices) are never written. With
 * {@link CatalogPublishOptions#createMissingProducts()} a Sage item Centra lacks is created.
 *
 * <p>A Centra size takes one Sage item: a size two items claim (by SKU and by the same EAN) links
 * neither and parks both. Prices are rounded to the currency's minor units and converted between
 * net and VAT-inclusive by the mappings' band basis. A deleted or inactive Sage item and a price
 * removed from a band each get the action {@link CatalogPublishOptions#withdrawnItemAction()} /
 * {@link CatalogPublishOptions#missingPriceAction()} chooses, with a WARN. Created products stay
 * inactive until their sizes and prices are in. Centra's catalogue and pricelists are read once per
 * poll and shared by its batches.
 *
 * <p>Discover polls {@code product_price_views} of the mapped bands and {@code products} changed
 * since a durable cursor (with an overlap window), and every {@link CatalogPublishOptions#fullPassInterval()}
 * all of them, which puts back Sage-owned values changed in Centra. One job per Sage product
 * ({@code catalog:<code>}); a product that has no Centra size, or whose prices Centra cannot hold,
 * is parked with the reason; Centra's {@code userWarnings} for skipped rows park their products too.
 *
 * <p>Usage: {@code SyncEngine.builder().centra(centra).sage(sage).store(store).mappings(m)
 * .flow(new CatalogPublish(CatalogPublishOptions.builder().addPriceMappings(PriceMapping.of("Standard", 23, "GBP")).build())).build()}
 */
public final class CatalogPublish implements SyncFlow {
  /** The flow name. */
  public static final String NAME = "CatalogPublish";

  private static final Logger log = LoggerFactory.getLogger(CatalogPublish.class);
  private static final String KEY_PREFIX = "catalog:";
  private static final String PRODUCT_PAYLOAD = "product:";
  private static final String FULL_MARK = "|full=";
  private static final String CREATE_LEASE = "CatalogPublish:create:";

  private final CatalogPublishOptions options;
  private final SkuDirectory skus = new SkuDirectory();
  private final ProductCreator creator;
  /** Guards {@link #pass}. */
  private final Object passLock = new Object();
  /** Centra as the current poll read it; dropped by each discover. */
  private Pass pass;
  /** This instance's name as a lease holder. */
  private final String leaseOwner = NAME + "-" + UUID.randomUUID();

  /** With {@code options}. */
  public CatalogPublish(CatalogPublishOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    this.creator = new ProductCreator(options);
  }

  /** The options this flow runs with. */
  public CatalogPublishOptions options() {
    return options;
  }


  /** {@inheritDoc} */
  @Override
  public Set<Class<?>> requiredAttributes() {
    return Set.of(CentraClient.class, Sage200Client.class);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int batchSize() {
    return options.batchSize();
  }

  @Override
  public Optional<Duration> discoverInterval() {
    return Optional.of(options.discoverInterval());
  }

  @Override
  public Optional<Instant> cursorTime(String cursorValue) {
    int mark = cursorValue.indexOf(FULL_MARK);
    return CursorInstants.parse(mark < 0 ? cursorValue : cursorValue.substring(0, mark));
  }

  @Override
  public List<String> validate(Mappings mappings) {
    List<String> problems = new ArrayList<>();
    for (PriceMapping m : options.priceMappings()) {
      Optional<Mappings.PriceBasis> basis = mappings.priceBandBasis(m.sagePriceBand());
      if (basis.isPresent() && m.centraPricesIncludeTax().isPresent()
          && (basis.get() == Mappings.PriceBasis.GROSS) != m.centraPricesIncludeTax().get() && m.taxPercent().isEmpty()) {
        problems.add("price band " + m.sagePriceBand() + " is " + basis.get() + " but pricelist " + m.centraPricelistId()
            + (m.centraPricesIncludeTax().get() ? " includes" : " excludes") + " VAT; give the mapping the market's taxPercent");
      }
      if (mappings.sageCurrency(m.currency()).isEmpty()) {
        problems.add("price band " + m.sagePriceBand() + " → pricelist " + m.centraPricelistId() + " is in "
            + m.currency() + ", which has no Sage currency mapping; add currency." + m.currency() + " = <Sage currency id>");
      }
    }
    return problems;
  }

  // ---- discover

  @Override
  public void discover(DiscoverContext ctx) {
    synchronized (passLock) {
      pass = null; // this poll's batches read Centra once, afresh
    }
    Optional<String> stored = ctx.cursor();
    Instant cursor = stored.flatMap(this::cursorTime).orElse(Instant.EPOCH);
    Optional<Instant> lastFull = stored.flatMap(c -> {
      int mark = c.indexOf(FULL_MARK);
      return mark < 0 ? Optional.empty() : CursorInstants.parse(c.substring(mark + FULL_MARK.length()));
    });
    Instant now = ctx.clock().instant();
    boolean full = lastFull.isEmpty() || !now.isBefore(lastFull.get().plus(options.fullPassInterval()));
    Optional<ODataFilter> since = full ? Optional.empty()
        : Optional.of(ODataFilter.gt("date_time_updated", cursor.minus(options.overlap())));
    Sage200Client sage = ctx.attribute(Sage200Client.class);

    Map<String, NewJob> jobs = new LinkedHashMap<>();
    Instant newest = cursor;
    // a full pass leaves parked products to the person who will fix and replay them, so the parked
    // list does not grow by every unmatched product each pass; a Sage change still enqueues them
    Set<String> parked = full ? parkedKeys(ctx) : Set.of();
    BiConsumer<Long, String> enqueue = (id, code) -> {
      if (!parked.contains(KEY_PREFIX + code)) {
        jobs.putIfAbsent(code, ctx.newJob(KEY_PREFIX + code).reference(code).payload(PRODUCT_PAYLOAD + id).build());
      }
    };
    List<String> bands = options.priceMappings().stream().map(PriceMapping::sagePriceBand).distinct()
        .collect(Collectors.toList());
    if (!bands.isEmpty() && options.ownership().sageOwns(CatalogField.PRICE)) {
      ODataFilter filter = ODataFilter.in("price_band_name", bands);
      try (Stream<ProductPriceView> rows = sage.productPrices()
          .stream(ODataQuery.where(since.map(s -> s.and(filter)).orElse(filter)))) {
        for (ProductPriceView row : (Iterable<ProductPriceView>) rows::iterator) {
          newest = later(newest, row.dateTimeUpdated().map(t -> t.toInstant()));
          row.productCode().ifPresent(code -> enqueue.accept(row.productId(), code));
        }
      }
    }
    Set<String> seen = new HashSet<>();
    try (Stream<Product> rows = sage.products().stream(since.map(ODataQuery::where).orElse(ODataQuery.all()))) {
      for (Product p : (Iterable<Product>) rows::iterator) {
        newest = later(newest, p.dateTimeUpdated().map(t -> t.toInstant()));
        enqueue.accept(p.id(), p.code());
        if (full) {
          seen.add(Long.toString(p.id()));
        }
      }
    }
    if (full) {
      // a deleted Sage item shows in no change poll: a full pass finds it as a link whose Sage id Sage no longer lists
      long count = ctx.store().countBindings(SkuRef.ENTITY);
      if (count > 0) {
        for (Binding b : ctx.store().recentBindings(SkuRef.ENTITY, (int) Math.min(Integer.MAX_VALUE, count))) {
          if (!seen.contains(b.sageId())) {
            try {
              enqueue.accept(Long.parseLong(b.sageId()), b.sageReference().orElse(b.sageId()));
            } catch (NumberFormatException e) {
              log.warn("CatalogPublish: sku link {} has Sage id '{}', not a product id; left alone", b.centraId(), b.sageId());
            }
          }
        }
      }
    }
    String next = newest + FULL_MARK + (full ? now : lastFull.get());
    ctx.enqueue(new ArrayList<>(jobs.values()), next);
    log.debug("CatalogPublish discovered {} product(s) ({} pass)", jobs.size(), full ? "full" : "changes");
  }

  private static Set<String> parkedKeys(DiscoverContext ctx) {
    Set<String> keys = new HashSet<>();
    int page = 500;
    for (int offset = 0; ; offset += page) {
      List<Job> jobs = ctx.store().list(NAME, EnumSet.of(JobState.PARKED), offset, page);
      jobs.forEach(j -> keys.add(j.key()));
      if (jobs.size() < page) {
        return keys;
      }
    }
  }

  // ---- process

  @Override
  public void process(JobContext job) {
    processBatch(List.of(job));
  }

  @Override
  public void processBatch(List<JobContext> batch) {
    // the batches of one poll share one catalogue and pricelist read, so they run one at a time
    synchronized (passLock) {
      try {
        processInPass(batch);
      } catch (RuntimeException | Error e) {
        pass = null; // a write may have happened unrecorded: the next batch reads Centra afresh
        throw e;
      }
    }
  }

  /** Centra as this poll read it (and as the flow's own writes changed it since). */
  private static final class Pass {
    SizeIndex index;
    final Instant readAt;
    /** pricelist id → product id → Centra's prices of that product in that pricelist. */
    final Map<Long, Map<Long, CurrentPrices>> prices = new HashMap<>();
    Map<Long, Pricelist> pricelists;

    Pass(SizeIndex index, Instant readAt) {
      this.index = index;
      this.readAt = readAt;
    }
  }

  /** Centra's product price and individual variant prices of one product in one pricelist. */
  private static final class CurrentPrices {
    BigDecimal product;
    final Map<Long, BigDecimal> variants = new HashMap<>();
  }

  private Pass pass(SyncContext ctx) {
    Instant now = ctx.clock().instant();
    if (pass == null || !now.isBefore(pass.readAt.plus(options.discoverInterval()))) {
      // a poll drops the read; without one (another engine discovers) it is read again after a poll interval
      pass = new Pass(SizeIndex.read(ctx.attribute(CentraClient.class)), now);
    }
    return pass;
  }

  private void processInPass(List<JobContext> batch) {
    Map<Long, JobContext> byProductId = new LinkedHashMap<>();
    for (JobContext job : batch) {
      String payload = job.job().payload();
      try {
        byProductId.put(Long.parseLong(payload.substring(PRODUCT_PAYLOAD.length())), job);
      } catch (RuntimeException e) {
        job.fail(JobFailure.permanent("CatalogPublish job " + job.job().key() + " has no Sage product id: '" + payload + "'"));
      }
    }
    if (byProductId.isEmpty()) {
      return;
    }
    JobContext any = batch.get(0);
    CentraClient client = any.attribute(CentraClient.class);
    Sage200Client sage = any.attribute(Sage200Client.class);
    Map<Long, Product> sageProducts = sageProducts(sage, byProductId.keySet());
    Pass view = pass(any);
    SizeIndex centra = view.index;

    // link: Sage product → Centra size, as the "sku" binding stock publishing reads
    Map<Long, List<JobContext>> jobsByCentraProduct = new LinkedHashMap<>();
    Map<JobContext, Product> missing = new LinkedHashMap<>();
    Map<JobContext, Map.Entry<Product, CatalogSize>> matched = new LinkedHashMap<>();
    for (Map.Entry<Long, JobContext> e : byProductId.entrySet()) {
      JobContext job = e.getValue();
      Product p = sageProducts.get(e.getKey());
      if (p == null) {
        deletedInSage(job, e.getKey(), centra, jobsByCentraProduct);
        continue;
      }
      SizeIndex.Match match = centra.match(p.code(), p.barcode(), options.match());
      if (match.size().isPresent()) {
        matched.put(job, Map.entry(p, match.size().get()));
      } else if (options.createMissingProducts()) {
        missing.put(job, p);
      } else if (options.parkUnmatched()) {
        job.fail(JobFailure.permanent(match.reason()));
      } else {
        log.info("{}; not published", match.reason());
      }
    }
    Map<String, List<Claims.Claimant>> clashes = Claims.clashes(sage, centra, options.match(), sageProducts.values(),
        matched.values().stream().map(Map.Entry::getValue).collect(Collectors.toList()));
    matched.forEach((job, m) -> {
      List<Claims.Claimant> claimants = clashes.get(m.getValue().bindingId());
      if (claimants == null) {
        link(job, m.getKey(), m.getValue(), jobsByCentraProduct);
      } else {
        clash(job, m.getValue(), claimants, byProductId.keySet());
      }
    });
    Set<Long> created = new HashSet<>();
    if (!missing.isEmpty()) {
      centra = createMissing(any, client, centra, missing, jobsByCentraProduct, created);
      view.index = centra;
    }
    if (jobsByCentraProduct.isEmpty()) {
      return;
    }
    Map<String, CatalogSize> sizeBySageCode = sizesBySageCode(any, centra, jobsByCentraProduct.keySet());
    Map<String, Product> sageByCode = new HashMap<>();
    sageProducts.values().forEach(p -> sageByCode.put(p.code(), p));
    List<String> unread = sizeBySageCode.keySet().stream().filter(c -> !sageByCode.containsKey(c)).collect(Collectors.toList());
    for (List<String> chunk : SkuDirectory.chunks(unread)) {
      sage.products().list(ODataQuery.where(ODataFilter.in("code", chunk))).forEach(p -> sageByCode.put(p.code(), p));
    }
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
    Map<String, List<ProductPriceView>> sagePricesByBand = Map.of();
    boolean prices = !options.priceMappings().isEmpty() && options.ownership().sageOwns(CatalogField.PRICE);
    if (prices) {
      sagePricesByBand = sagePrices(sage, sizeBySageCode.keySet().stream().filter(sageByCode::containsKey)
          .collect(Collectors.toSet()), bands());
      if (!checkPricelists(any, view, sagePricesByBand, jobsByCentraProduct)) {
        return;
      }
      missingPrices(any, view, sizeBySageCode, sageByCode, sagePricesByBand, withdrawn, jobsByCentraProduct);
    }
    withdraw(client, centra, sizeBySageCode, sageByCode, withdrawn, jobsByCentraProduct);
    publishFields(client, centra, sizeBySageCode, sageByCode, withdrawn, created, jobsByCentraProduct);
    if (prices && !jobsByCentraProduct.isEmpty()) {
      publishPrices(any, view, sizeBySageCode, sagePricesByBand, withdrawn, jobsByCentraProduct);
    }
    activateCreated(client, centra, sizeBySageCode, sageByCode, withdrawn, created, jobsByCentraProduct);
  }

  private List<String> bands() {
    return options.priceMappings().stream().map(PriceMapping::sagePriceBand).distinct().collect(Collectors.toList());
  }

  private void link(JobContext job, Product p, CatalogSize size, Map<Long, List<JobContext>> jobsByCentraProduct) {
    skus.link(job, p.code(), p.id(), size.variantId(), size.sizeId());
    jobsByCentraProduct.computeIfAbsent(size.productId(), k -> new ArrayList<>()).add(job);
  }

  /**
   * Parks {@code job} (one claimant of a size others claim too), drops the size's binding so no
   * Sage item feeds it through the catalogue's link, and asks for the jobs of claimants outside
   * the batch, which park the same way (a job folds into a parked one of its key, so this ends).
   */
  private void clash(JobContext job, CatalogSize size, List<Claims.Claimant> claimants, Set<Long> inBatch) {
    String reason = Claims.reason(size, claimants);
    Optional<Binding> current = job.store().bindingByCentraId(SkuRef.ENTITY, size.bindingId());
    if (current.isPresent()) {
      job.store().unbind(SkuRef.ENTITY, size.bindingId());
      log.warn("{} (link to Sage item {} removed)", reason, current.get().sageReference().orElse(current.get().sageId()));
    }
    for (Claims.Claimant c : claimants) {
      if (!inBatch.contains(c.item().id())) {
        job.store().enqueue(NewJob.builder().flow(NAME).key(KEY_PREFIX + c.item().code()).reference(c.item().code())
            .payload(PRODUCT_PAYLOAD + c.item().id()).coalescing(Coalescing.KEEP_EXISTING).build());
      }
    }
    job.fail(JobFailure.permanent(reason));
  }

  /**
   * The job of a Sage item Sage no longer has: its linked Centra size (by the binding) joins the
   * product's sizes to withdraw; an item that was never linked parks, as there is nothing to stop.
   */
  private void deletedInSage(JobContext job, long sageId, SizeIndex centra, Map<Long, List<JobContext>> jobsByCentraProduct) {
    Optional<CatalogSize> size = job.store().bindingBySageId(SkuRef.ENTITY, Long.toString(sageId))
        .flatMap(b -> centra.byBindingId(b.centraId()));
    if (size.isPresent()) {
      jobsByCentraProduct.computeIfAbsent(size.get().productId(), k -> new ArrayList<>()).add(job);
    } else {
      job.fail(JobFailure.permanent("Sage product " + sageId + " (" + job.job().reference() + ") no longer exists"));
    }
  }

  // ---- withdrawn items

  /**
   * Applies {@link CatalogPublishOptions#withdrawnItemAction()} / {@link CatalogPublishOptions#missingPriceAction()}
   * decided for the sizes in {@code withdrawn} (deactivate, WARN once: when the write is made) and
   * activates again a size Sage sells once more, when Sage owns the status. Bindings of deleted
   * items are dropped once their size is inactive, so later passes do not look at them again.
   */
  private void withdraw(CentraClient client, SizeIndex centra, Map<String, CatalogSize> sizeBySageCode,
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
        jobs.stream().findFirst().ifPresent(j -> j.store().unbind(SkuRef.ENTITY, size.bindingId()));
      }
    }
  }

  /**
   * Sizes that Sage sells but no longer prices in a mapped band while Centra still has a price for
   * them there: parked (the product's row is held back) or withdrawn, per
   * {@link CatalogPublishOptions#missingPriceAction()}.
   */
  private void missingPrices(SyncContext ctx, Pass view, Map<String, CatalogSize> sizeBySageCode, Map<String, Product> sageByCode,
      Map<String, List<ProductPriceView>> sagePricesByBand, Map<Long, String> withdrawn,
      Map<Long, List<JobContext>> jobsByCentraProduct) {
    CentraClient client = ctx.attribute(CentraClient.class);
    for (PriceMapping mapping : options.priceMappings()) {
      Set<String> priced = sagePricesByBand.getOrDefault(mapping.sagePriceBand(), List.of()).stream()
          .filter(r -> r.productPricePrice().isPresent()).map(ProductPriceView::productCode).flatMap(Optional::stream)
          .collect(Collectors.toSet());
      Map<Long, CurrentPrices> current = currentPrices(client, view, mapping.centraPricelistId());
      Map<Long, List<String>> unpricedByProduct = new LinkedHashMap<>();
      sizeBySageCode.forEach((code, size) -> {
        CurrentPrices now = current.get(size.productId());
        boolean centraPrices = now != null && (now.product != null || now.variants.containsKey(size.variantId()));
        if (sageByCode.containsKey(code) && !priced.contains(code) && !withdrawn.containsKey(size.productSizeId())
            && centraPrices && jobsByCentraProduct.containsKey(size.productId())) {
          unpricedByProduct.computeIfAbsent(size.productId(), k -> new ArrayList<>()).add(code);
          if (options.missingPriceAction() == WithdrawAction.DEACTIVATE) {
            withdrawn.put(size.productSizeId(), "Sage has no price for item " + code + " in band " + mapping.sagePriceBand());
          }
        }
      });
      if (options.missingPriceAction() == WithdrawAction.PARK) {
        unpricedByProduct.forEach((product, codes) -> {
          String reason = "Sage band " + mapping.sagePriceBand() + " has no price for " + codes.stream().sorted().toList()
              + ", which Centra pricelist " + mapping.centraPricelistId() + " still prices; nothing of Centra product "
              + product + " is written there until Sage prices them again (or missingPriceAction is DEACTIVATE)";
          log.warn("CatalogPublish: {}", reason);
          jobsByCentraProduct.remove(product).forEach(j -> j.fail(JobFailure.permanent(reason)));
        });
      }
    }
  }

  /** After its prices: a product created in this batch is activated last, when Sage owns the status and an item sells. */
  private void activateCreated(CentraClient client, SizeIndex centra, Map<String, CatalogSize> sizeBySageCode,
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

  // ---- create missing

  /**
   * Creates the Centra items of Sage products no size matched, per product number under a store
   * lease (so two engines do not both create it), from a catalogue read after the lease was taken
   * (so what an earlier, crashed attempt created is found, not created again). Returns that read,
   * or {@code current} when no lease was taken. The ids of products it created go to {@code created}.
   */
  private SizeIndex createMissing(SyncContext ctx, CentraClient client, SizeIndex current, Map<JobContext, Product> missing,
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
            link(job, p, size, jobsByCentraProduct);
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

  // ---- fields

  /**
   * Writes the Sage-owned fields of each touched Centra product that differ from Sage: one
   * {@code updateProduct} with every differing product field, one {@code updateProductSize} per
   * differing EAN. A product Centra refuses is parked with the reason and left out of the prices.
   * A product none of whose linked sizes may still be sold gets the inactive status; a product
   * created in this batch is activated only after its prices ({@link #activateCreated}).
   */
  private void publishFields(CentraClient client, SizeIndex centra, Map<String, CatalogSize> sizeBySageCode,
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

  // ---- prices

  /** Every size of the touched Centra products by the Sage code it is bound to (else its own SKU). */
  private static Map<String, CatalogSize> sizesBySageCode(SyncContext ctx, SizeIndex centra, Set<Long> centraProducts) {
    // every size of every touched product: product-level values depend on all of them, not only the changed one
    Map<String, CatalogSize> sizeByBindingId = new LinkedHashMap<>();
    centraProducts.forEach(p -> centra.sizesOf(p).forEach(s -> sizeByBindingId.put(s.bindingId(), s)));
    Map<String, Binding> links = ctx.store().bindingsByCentraIds(SkuRef.ENTITY, sizeByBindingId.keySet());
    Map<String, CatalogSize> sizeBySageCode = new HashMap<>();
    sizeByBindingId.forEach((id, size) -> {
      Optional<String> code = Optional.ofNullable(links.get(id)).flatMap(Binding::sageReference).or(size::sku);
      code.ifPresent(c -> sizeBySageCode.put(c, size));
    });
    return sizeBySageCode;
  }

  /** Centra's pricelists (once per pass) checked against the mappings; false when every job was parked. */
  private boolean checkPricelists(SyncContext ctx, Pass view, Map<String, List<ProductPriceView>> sagePricesByBand,
      Map<Long, List<JobContext>> jobsByCentraProduct) {
    if (view.pricelists == null) {
      view.pricelists = ctx.attribute(CentraClient.class).catalog().pricelists().stream()
          .collect(Collectors.toMap(Pricelist::id, p -> p, (a, b) -> a));
    }
    for (PriceMapping mapping : options.priceMappings()) {
      List<ProductPriceView> rows = sagePricesByBand.getOrDefault(mapping.sagePriceBand(), List.of());
      Optional<String> mismatch = currencyMismatch(ctx.mappings(), mapping, view.pricelists.get(mapping.centraPricelistId()), rows);
      if (mismatch.isPresent()) {
        jobsByCentraProduct.values().forEach(js -> js.forEach(j -> j.fail(JobFailure.permanent(mismatch.get()))));
        jobsByCentraProduct.clear();
        return false;
      }
    }
    return true;
  }

  /** Centra's prices in one pricelist, read once per pass. */
  private static Map<Long, CurrentPrices> currentPrices(CentraClient client, Pass view, long pricelistId) {
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

  private void publishPrices(SyncContext ctx, Pass view, Map<String, CatalogSize> sizeBySageCode,
      Map<String, List<ProductPriceView>> sagePricesByBand, Map<Long, String> withdrawn,
      Map<Long, List<JobContext>> jobsByCentraProduct) {
    CentraClient client = ctx.attribute(CentraClient.class);
    for (PriceMapping mapping : options.priceMappings()) {
      int digits = currencyDigits(mapping.currency());
      List<ProductPriceView> rows = sagePricesByBand.getOrDefault(mapping.sagePriceBand(), List.of());
      Map<Long, Map<Long, Map<String, BigDecimal>>> wanted = new HashMap<>();
      for (ProductPriceView row : rows) {
        CatalogSize size = row.productCode().map(sizeBySageCode::get).orElse(null);
        if (size != null && row.productPricePrice().isPresent() && !withdrawn.containsKey(size.productSizeId())) {
          wanted.computeIfAbsent(size.productId(), k -> new HashMap<>())
              .computeIfAbsent(size.variantId(), k -> new HashMap<>())
              .put(row.productCode().get(), centraPrice(ctx.mappings(), mapping, row.productPricePrice().get())
                  .setScale(digits, options.priceRounding()));
        }
      }
      Map<Long, CurrentPrices> current = currentPrices(client, view, mapping.centraPricelistId());
      List<ProductPrice> changed = new ArrayList<>();
      for (Long product : new ArrayList<>(jobsByCentraProduct.keySet())) {
        CurrentPrices now = current.getOrDefault(product, new CurrentPrices());
        PricePlan.Outcome outcome = PricePlan.plan(product, mapping.currency(), mapping.sagePriceBand(),
            wanted.getOrDefault(product, Map.of()), Optional.ofNullable(now.product), now.variants,
            options.overrideIndividualVariantPrices());
        if (outcome.problem().isPresent()) {
          String reason = outcome.problem().get();
          jobsByCentraProduct.remove(product).forEach(j -> j.fail(JobFailure.permanent(reason)));
          continue;
        }
        outcome.row().ifPresent(changed::add);
      }
      write(client, mapping, changed, jobsByCentraProduct, current);
    }
  }

  /**
   * A Sage band price on the basis Centra's pricelist holds: converted with the market's rate (the
   * rule OrderImport applies the other way) when the band's basis and the pricelist's differ.
   */
  static BigDecimal centraPrice(Mappings mappings, PriceMapping mapping, BigDecimal sagePrice) {
    Optional<Mappings.PriceBasis> basis = mappings.priceBandBasis(mapping.sagePriceBand());
    if (basis.isEmpty() || mapping.centraPricesIncludeTax().isEmpty()
        || (basis.get() == Mappings.PriceBasis.GROSS) == mapping.centraPricesIncludeTax().get()) {
      return sagePrice;
    }
    BigDecimal rate = mapping.taxPercent().orElseThrow(() -> JobFailure.permanent("price band " + mapping.sagePriceBand()
        + " → pricelist " + mapping.centraPricelistId() + ": the bases differ and the mapping has no taxPercent"));
    return OrderTaxes.convert(sagePrice, rate, basis.get() == Mappings.PriceBasis.GROSS);
  }

  /** The ISO 4217 minor units of {@code currency} (2 when Java does not know it, as most currencies have). */
  static int currencyDigits(String currency) {
    try {
      int digits = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
      return digits < 0 ? 2 : digits;
    } catch (IllegalArgumentException e) {
      return 2;
    }
  }

  private void write(CentraClient client, PriceMapping mapping, List<ProductPrice> changed,
      Map<Long, List<JobContext>> jobsByCentraProduct, Map<Long, CurrentPrices> current) {
    for (int i = 0; i < changed.size(); i += options.pricesPerMutation()) {
      List<ProductPrice> chunk = changed.subList(i, Math.min(changed.size(), i + options.pricesPerMutation()));
      CentraMutationResult<Long> result = client.catalog().setPrices(SetPricesRequest.builder()
          .pricelistId(mapping.centraPricelistId()).productPrices(chunk).build());
      log.info("CatalogPublish wrote {} product price(s) of band {} to pricelist {}", chunk.size(),
          mapping.sagePriceBand(), mapping.centraPricelistId());
      Set<Long> skipped = new HashSet<>();
      for (CentraUserMessage warning : result.warnings()) {
        Optional<ProductPrice> row = PricePlan.warnedRow(warning.path()).filter(r -> r < chunk.size()).map(chunk::get);
        String reason = "Centra skipped a price of band " + mapping.sagePriceBand() + " for pricelist "
            + mapping.centraPricelistId() + ": " + warning.message();
        if (row.isPresent()) {
          skipped.add(row.get().productId());
          Optional.ofNullable(jobsByCentraProduct.get(row.get().productId()))
              .ifPresent(js -> js.forEach(j -> j.fail(JobFailure.permanent(reason))));
        } else {
          log.warn("{} (path {})", reason, warning.path());
        }
      }
      for (ProductPrice row : chunk) {
        if (!skipped.contains(row.productId())) {
          // what Centra now holds, so a later batch of this pass does not write it again
          CurrentPrices now = current.computeIfAbsent(row.productId(), k -> new CurrentPrices());
          now.product = row.price().value();
          if (row.overrideIndividualVariantPrices()) {
            now.variants.clear();
          }
          row.variantPrices().forEach(v -> now.variants.put(v.variantId(), v.price().value()));
        }
      }
    }
  }

  private static Optional<String> currencyMismatch(Mappings mappings, PriceMapping mapping, Pricelist pricelist,
      List<ProductPriceView> rows) {
    String what = "price band " + mapping.sagePriceBand() + " → pricelist " + mapping.centraPricelistId();
    if (pricelist == null) {
      return Optional.of(what + ": Centra has no pricelist " + mapping.centraPricelistId());
    }
    String centraCurrency = pricelist.currency().map(CodeRef::code).orElse("?");
    if (!centraCurrency.equals(mapping.currency())) {
      return Optional.of(what + ": the pricelist is in " + centraCurrency + ", the mapping says " + mapping.currency());
    }
    Optional<String> sageCurrency = mappings.sageCurrency(mapping.currency());
    for (ProductPriceView row : rows) {
      String rowCurrency = row.currencyId().isPresent() ? Long.toString(row.currencyId().getAsLong()) : "?";
      if (sageCurrency.filter(rowCurrency::equals).isEmpty()) {
        return Optional.of(what + ": the band is in Sage currency " + rowCurrency + " ("
            + row.currencyName().orElse("?") + "), but " + mapping.currency() + " maps to Sage currency "
            + sageCurrency.orElse("(none)"));
      }
    }
    return Optional.empty();
  }

  // ---- reads

  private static Map<Long, Product> sageProducts(Sage200Client sage, Set<Long> ids) {
    Map<Long, Product> out = new HashMap<>();
    for (List<Long> chunk : SkuDirectory.chunks(new ArrayList<>(ids))) {
      sage.products().list(ODataQuery.where(ODataFilter.in("id", chunk))).forEach(p -> out.put(p.id(), p));
    }
    return out;
  }

  private static Map<String, List<ProductPriceView>> sagePrices(Sage200Client sage, Set<String> codes, List<String> bands) {
    Map<String, List<ProductPriceView>> byBand = new HashMap<>();
    for (List<String> chunk : SkuDirectory.chunks(new ArrayList<>(codes))) {
      sage.productPrices().list(ODataQuery.where(ODataFilter.in("product_code", chunk)
          .and(ODataFilter.in("price_band_name", bands))))
          .forEach(r -> r.priceBandName().ifPresent(b -> byBand.computeIfAbsent(b, k -> new ArrayList<>()).add(r)));
    }
    return byBand;
  }

  // ---- report

  /**
   * Matches both catalogues without writing anything: Sage products without a Centra size (with the
   * reason) and Centra sizes no Sage product matched. Reads every product on both sides.
   */
  public static LinkReport linkReport(CentraClient centra, Sage200Client sage, CatalogPublishOptions options) {
    SizeIndex index = SizeIndex.read(centra);
    Map<String, List<String>> claimsBySize = new LinkedHashMap<>();
    Map<String, CatalogSize> sizes = new HashMap<>();
    Map<String, String> sageOnly = new LinkedHashMap<>();
    try (Stream<Product> products = sage.products().stream(ODataQuery.all())) {
      for (Product p : (Iterable<Product>) products::iterator) {
        SizeIndex.Match m = index.match(p.code(), p.barcode(), options.match());
        if (m.size().isPresent()) {
          sizes.put(m.size().get().bindingId(), m.size().get());
          claimsBySize.computeIfAbsent(m.size().get().bindingId(), k -> new ArrayList<>()).add(p.code());
        } else {
          sageOnly.put(p.code(), m.reason());
        }
      }
    }
    Map<String, List<String>> clashes = new LinkedHashMap<>();
    int linked = 0;
    for (Map.Entry<String, List<String>> e : claimsBySize.entrySet()) {
      if (e.getValue().size() > 1) {
        CatalogSize size = sizes.get(e.getKey());
        clashes.put(size.sku().orElse(size.bindingId()), List.copyOf(e.getValue()));
      } else {
        linked++;
      }
    }
    List<String> centraOnly = index.all().stream().filter(s -> !claimsBySize.containsKey(s.bindingId()))
        .map(s -> s.sku().orElse(s.bindingId())).collect(Collectors.toList());
    return LinkReport.builder().linked(linked).sageOnly(sageOnly).centraOnly(centraOnly).clashes(clashes).build();
  }

  // ---- small things

  private static Instant later(Instant a, Optional<Instant> b) {
    return b.filter(t -> t.isAfter(a)).orElse(a);
  }

}
