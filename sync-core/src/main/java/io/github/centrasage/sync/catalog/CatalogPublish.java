package io.github.centrasage.sync.catalog;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.CentraMutationResult;
import io.github.centrasage.centra.CentraUserErrorException;
import io.github.centrasage.centra.CentraUserMessage;
import io.github.centrasage.centra.CodeRef;
import io.github.centrasage.centra.Price;
import io.github.centrasage.centra.Pricelist;
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
import io.github.centrasage.sync.catalog.internal.FieldPlan;
import io.github.centrasage.sync.catalog.internal.PricePlan;
import io.github.centrasage.sync.catalog.internal.ProductCreator;
import io.github.centrasage.sync.catalog.internal.SizeIndex.CatalogSize;
import io.github.centrasage.sync.catalog.internal.SizeIndex;
import io.github.centrasage.sync.internal.CursorInstants;
import io.github.centrasage.sync.spi.Binding;
import io.github.centrasage.sync.spi.DiscoverContext;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobContext;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.spi.NewJob;
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
    try (Stream<Product> rows = sage.products().stream(since.map(ODataQuery::where).orElse(ODataQuery.all()))) {
      for (Product p : (Iterable<Product>) rows::iterator) {
        newest = later(newest, p.dateTimeUpdated().map(t -> t.toInstant()));
        enqueue.accept(p.id(), p.code());
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
    Map<Long, Product> sageProducts = sageProducts(any.attribute(Sage200Client.class), byProductId.keySet());
    SizeIndex centra = SizeIndex.read(client);

    // link: Sage product → Centra size, as the "sku" binding stock publishing reads
    Map<Long, List<JobContext>> jobsByCentraProduct = new LinkedHashMap<>();
    Map<JobContext, Product> missing = new LinkedHashMap<>();
    for (Map.Entry<Long, JobContext> e : byProductId.entrySet()) {
      JobContext job = e.getValue();
      Product p = sageProducts.get(e.getKey());
      if (p == null) {
        job.fail(JobFailure.permanent("Sage product " + e.getKey() + " (" + job.job().reference() + ") no longer exists"));
        continue;
      }
      SizeIndex.Match match = centra.match(p.code(), p.barcode(), options.match());
      if (match.size().isPresent()) {
        link(job, p, match.size().get(), jobsByCentraProduct);
      } else if (options.createMissingProducts()) {
        missing.put(job, p);
      } else if (options.parkUnmatched()) {
        job.fail(JobFailure.permanent(match.reason()));
      } else {
        log.info("{}; not published", match.reason());
      }
    }
    if (!missing.isEmpty()) {
      centra = createMissing(any, client, centra, missing, jobsByCentraProduct);
    }
    if (jobsByCentraProduct.isEmpty()) {
      return;
    }
    Map<String, CatalogSize> sizeBySageCode = sizesBySageCode(any, centra, jobsByCentraProduct.keySet());
    Map<String, Product> sageByCode = new HashMap<>();
    sageProducts.values().forEach(p -> sageByCode.put(p.code(), p));
    publishFields(any, client, centra, sizeBySageCode, sageByCode, jobsByCentraProduct);
    if (jobsByCentraProduct.isEmpty() || options.priceMappings().isEmpty()
        || !options.ownership().sageOwns(CatalogField.PRICE)) {
      return;
    }
    publishPrices(any, centra, sizeBySageCode, jobsByCentraProduct);
  }

  private void link(JobContext job, Product p, CatalogSize size, Map<Long, List<JobContext>> jobsByCentraProduct) {
    skus.link(job, p.code(), p.id(), size.variantId(), size.sizeId());
    jobsByCentraProduct.computeIfAbsent(size.productId(), k -> new ArrayList<>()).add(job);
  }

  // ---- create missing

  /**
   * Creates the Centra items of Sage products no size matched, per product number under a store
   * lease (so two engines do not both create it), from a catalogue read after the lease was taken
   * (so what an earlier, crashed attempt created is found, not created again). Returns that read,
   * or {@code current} when no lease was taken.
   */
  private SizeIndex createMissing(SyncContext ctx, CentraClient client, SizeIndex current, Map<JobContext, Product> missing,
      Map<Long, List<JobContext>> jobsByCentraProduct) {
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
            CatalogSize size = again.size().isPresent() ? again.size().get() : creator.ensure(client, fresh, p, e.getValue());
            link(job, p, size, jobsByCentraProduct);
          } catch (RuntimeException ex) {
            failure = ex;
            job.fail(ex);
          }
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
   */
  private void publishFields(SyncContext ctx, CentraClient client, SizeIndex centra, Map<String, CatalogSize> sizeBySageCode,
      Map<String, Product> sageByCode, Map<Long, List<JobContext>> jobsByCentraProduct) {
    FieldOwnership own = options.ownership();
    if (!own.sageOwns(CatalogField.EAN) && !own.sageOwns(CatalogField.NAME) && !own.sageOwns(CatalogField.STATUS)
        && !own.sageOwns(CatalogField.WEIGHT) && !own.sageOwns(CatalogField.COUNTRY_OF_ORIGIN)
        && !own.sageOwns(CatalogField.COMMODITY_CODE)) {
      return;
    }
    List<String> unread = sizeBySageCode.keySet().stream().filter(c -> !sageByCode.containsKey(c)).collect(Collectors.toList());
    Sage200Client sage = ctx.attribute(Sage200Client.class);
    for (List<String> chunk : SkuDirectory.chunks(unread)) {
      sage.products().list(ODataQuery.where(ODataFilter.in("code", chunk))).forEach(p -> sageByCode.put(p.code(), p));
    }
    Map<Long, Map<Long, Product>> sageBySizeByProduct = new HashMap<>();
    sizeBySageCode.forEach((code, size) -> Optional.ofNullable(sageByCode.get(code)).ifPresent(p ->
        sageBySizeByProduct.computeIfAbsent(size.productId(), k -> new LinkedHashMap<>()).put(size.productSizeId(), p)));
    for (Long productId : new ArrayList<>(jobsByCentraProduct.keySet())) {
      Optional<io.github.centrasage.centra.Product> current = centra.product(productId);
      if (current.isEmpty()) {
        continue;
      }
      FieldPlan.Writes writes = FieldPlan.plan(current.get(), centra.sizesOf(productId),
          sageBySizeByProduct.getOrDefault(productId, Map.of()), options);
      try {
        if (writes.product().isPresent()) {
          client.catalog().updateProduct(productId, writes.product().get());
          log.info("CatalogPublish put back Sage-owned fields of Centra product {}: {}", productId, writes.product().get());
        }
        writes.eanByProductSizeId().forEach((sizeId, ean) ->
            client.catalog().updateProductSize(sizeId, ProductSizeInput.builder().ean(ean).build()));
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

  private void publishPrices(SyncContext ctx, SizeIndex centra, Map<String, CatalogSize> sizeBySageCode,
      Map<Long, List<JobContext>> jobsByCentraProduct) {
    List<String> bands = options.priceMappings().stream().map(PriceMapping::sagePriceBand).distinct()
        .collect(Collectors.toList());
    Map<String, List<ProductPriceView>> sagePricesByBand = sagePrices(ctx.attribute(Sage200Client.class),
        sizeBySageCode.keySet(), bands);
    CentraClient client = ctx.attribute(CentraClient.class);
    Map<Long, Pricelist> pricelists = client.catalog().pricelists().stream()
        .collect(Collectors.toMap(Pricelist::id, p -> p, (a, b) -> a));

    for (PriceMapping mapping : options.priceMappings()) {
      List<ProductPriceView> rows = sagePricesByBand.getOrDefault(mapping.sagePriceBand(), List.of());
      Optional<String> mismatch = currencyMismatch(ctx.mappings(), mapping, pricelists.get(mapping.centraPricelistId()), rows);
      if (mismatch.isPresent()) {
        jobsByCentraProduct.values().forEach(js -> js.forEach(j -> j.fail(JobFailure.permanent(mismatch.get()))));
        return;
      }
      Map<Long, Map<Long, Map<String, BigDecimal>>> wanted = new HashMap<>();
      for (ProductPriceView row : rows) {
        CatalogSize size = row.productCode().map(sizeBySageCode::get).orElse(null);
        if (size != null && row.productPricePrice().isPresent()) {
          wanted.computeIfAbsent(size.productId(), k -> new HashMap<>())
              .computeIfAbsent(size.variantId(), k -> new HashMap<>())
              .put(row.productCode().get(), row.productPricePrice().get());
        }
      }
      Map<Long, BigDecimal> currentProduct = new HashMap<>();
      Map<Long, Map<Long, BigDecimal>> currentVariants = new HashMap<>();
      try (Stream<Price> prices = client.catalog().prices(mapping.centraPricelistId())) {
        prices.forEach(p -> p.product().map(r -> r.id()).filter(jobsByCentraProduct::containsKey).ifPresent(product -> {
          if (p.productVariant().isPresent()) {
            currentVariants.computeIfAbsent(product, k -> new HashMap<>()).put(p.productVariant().get().id(), p.price().value());
          } else {
            currentProduct.put(product, p.price().value());
          }
        }));
      }
      List<ProductPrice> changed = new ArrayList<>();
      Set<Long> failed = new HashSet<>();
      for (Long product : jobsByCentraProduct.keySet()) {
        if (failed.contains(product)) {
          continue;
        }
        PricePlan.Outcome outcome = PricePlan.plan(product, mapping.currency(), mapping.sagePriceBand(),
            wanted.getOrDefault(product, Map.of()), Optional.ofNullable(currentProduct.get(product)),
            currentVariants.getOrDefault(product, Map.of()), options.overrideIndividualVariantPrices());
        outcome.problem().ifPresent(reason -> {
          failed.add(product);
          jobsByCentraProduct.get(product).forEach(j -> j.fail(JobFailure.permanent(reason)));
        });
        outcome.row().ifPresent(changed::add);
      }
      write(client, mapping, changed, jobsByCentraProduct);
    }
  }

  private void write(CentraClient client, PriceMapping mapping, List<ProductPrice> changed,
      Map<Long, List<JobContext>> jobsByCentraProduct) {
    for (int i = 0; i < changed.size(); i += options.pricesPerMutation()) {
      List<ProductPrice> chunk = changed.subList(i, Math.min(changed.size(), i + options.pricesPerMutation()));
      CentraMutationResult<Long> result = client.catalog().setPrices(SetPricesRequest.builder()
          .pricelistId(mapping.centraPricelistId()).productPrices(chunk).build());
      log.info("CatalogPublish wrote {} product price(s) of band {} to pricelist {}", chunk.size(),
          mapping.sagePriceBand(), mapping.centraPricelistId());
      for (CentraUserMessage warning : result.warnings()) {
        Optional<ProductPrice> row = PricePlan.warnedRow(warning.path()).filter(r -> r < chunk.size()).map(chunk::get);
        String reason = "Centra skipped a price of band " + mapping.sagePriceBand() + " for pricelist "
            + mapping.centraPricelistId() + ": " + warning.message();
        if (row.isPresent()) {
          jobsByCentraProduct.get(row.get().productId()).forEach(j -> j.fail(JobFailure.permanent(reason)));
        } else {
          log.warn("{} (path {})", reason, warning.path());
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
    Set<String> matched = new LinkedHashSet<>();
    Map<String, String> sageOnly = new LinkedHashMap<>();
    int linked = 0;
    try (Stream<Product> products = sage.products().stream(ODataQuery.all())) {
      for (Product p : (Iterable<Product>) products::iterator) {
        SizeIndex.Match m = index.match(p.code(), p.barcode(), options.match());
        if (m.size().isPresent()) {
          linked++;
          matched.add(m.size().get().bindingId());
        } else {
          sageOnly.put(p.code(), m.reason());
        }
      }
    }
    List<String> centraOnly = index.all().stream().filter(s -> !matched.contains(s.bindingId()))
        .map(s -> s.sku().orElse(s.bindingId())).collect(Collectors.toList());
    return LinkReport.builder().linked(linked).sageOnly(sageOnly).centraOnly(centraOnly).build();
  }

  // ---- small things

  private static Instant later(Instant a, Optional<Instant> b) {
    return b.filter(t -> t.isAfter(a)).orElse(a);
  }

}
