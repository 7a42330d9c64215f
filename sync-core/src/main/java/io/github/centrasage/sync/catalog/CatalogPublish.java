package io.github.centrasage.sync.catalog;

import io.github.centrasage.sync.spi.FailureClassifier;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.sage200.ODataFilter;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.model.Product;
import io.github.centrasage.sage200.model.ProductPriceView;
import io.github.centrasage.sync.JobFailure;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.catalog.internal.Claims;
import io.github.centrasage.sync.catalog.internal.SizeIndex.CatalogSize;
import io.github.centrasage.sync.catalog.internal.SizeIndex;
import io.github.centrasage.sync.internal.CursorInstants;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.spi.DiscoverContext;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobContext;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.spi.NewJob;
import io.github.centrasage.sync.spi.SyncContext;
import io.github.centrasage.sync.spi.SyncFlow;
import io.github.centrasage.sync.stock.internal.SkuDirectory;
import io.github.centrasage.sync.stock.internal.SkuRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * <p>Usage: {@code SyncEngine.builder().store(link.store())
 * .flow(new CatalogPublish(link, CatalogPublishOptions.builder().addPriceMappings(PriceMapping.of("Standard", 23, "GBP")).build())).build()}
 */
public final class CatalogPublish implements SyncFlow {
  /** The flow name. */
  public static final String NAME = "CatalogPublish";

  private static final Logger log = LoggerFactory.getLogger(CatalogPublish.class);
  static final String KEY_PREFIX = "catalog:";
  static final String PRODUCT_PAYLOAD = "product:";
  private static final String FULL_MARK = "|full=";

  private final CatalogPublishOptions options;
  private final CatalogLinks links;
  private final MissingProducts creation;
  private final WithdrawnItems withdrawnItems;
  private final FieldWrites fields;
  private final CatalogPrices pricing;
  /** Guards {@link #pass}. */
  private final Object passLock = new Object();
  /** Centra as the current poll read it; dropped by each discover. */
  private CatalogPass pass;

  private final Integration integration;

  /** With {@code options}. */
  public CatalogPublish(Integration integration, CatalogPublishOptions options) {
    this.integration = Objects.requireNonNull(integration, "integration");
    integration.centra(); // no Centra client fails here, naming the builder call, not at the first cycle
    integration.sage(); // the same for Sage
    this.options = Objects.requireNonNull(options, "options");
    this.links = new CatalogLinks(integration);
    this.creation = new MissingProducts(options, links);
    this.withdrawnItems = new WithdrawnItems(integration, options);
    this.fields = new FieldWrites(options);
    this.pricing = new CatalogPrices(options);
  }

  /** The options this flow runs with. */
  public CatalogPublishOptions options() {
    return options;
  }


  /** Classifies the clients' exceptions ({@link Integration#failureClassifier()}). */
  @Override
  public Optional<FailureClassifier> failureClassifier() {
    return Optional.of(integration.failureClassifier());
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
  public List<String> problems() {
    Mappings mappings = integration.mappings();
    List<String> problems = new ArrayList<>();
    for (PriceMapping m : options.priceMappings()) {
      Optional<Mappings.PriceBasis> basis = mappings.priceBandBasis(m.sagePriceBand());
      if (basis.isEmpty() && m.centraPricesIncludeTax().isPresent()) {
        // the mapping says what Centra's pricelist holds; without the band's basis the Sage figure
        // would be published as it is, whichever it is
        problems.add("pricelist " + m.centraPricelistId() + (m.centraPricesIncludeTax().get() ? " includes" : " excludes")
            + " VAT but price band " + m.sagePriceBand() + " has no basis; add priceBand." + m.sagePriceBand()
            + " = NET or GROSS");
      }
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
    Sage200Client sage = integration.sage();

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
      long count = integration.store().countBindings(SkuRef.ENTITY);
      if (count > 0) {
        for (Binding b : integration.store().recentBindings(SkuRef.ENTITY, (int) Math.min(Integer.MAX_VALUE, count))) {
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

  private CatalogPass pass(SyncContext ctx) {
    Instant now = ctx.clock().instant();
    if (pass == null || !now.isBefore(pass.readAt.plus(options.discoverInterval()))) {
      // a poll drops the read; without one (another engine discovers) it is read again after a poll interval
      pass = new CatalogPass(SizeIndex.read(integration.centra()), now);
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
    CentraClient client = integration.centra();
    Sage200Client sage = integration.sage();
    Map<Long, Product> sageProducts = sageProducts(sage, byProductId.keySet());
    CatalogPass view = pass(any);
    SizeIndex centra = view.index;

    // link: Sage product → Centra size, as the "sku" binding stock publishing reads
    Map<Long, List<JobContext>> jobsByCentraProduct = new LinkedHashMap<>();
    Map<JobContext, Product> missing = new LinkedHashMap<>();
    Map<JobContext, Map.Entry<Product, CatalogSize>> matched = new LinkedHashMap<>();
    for (Map.Entry<Long, JobContext> e : byProductId.entrySet()) {
      JobContext job = e.getValue();
      Product p = sageProducts.get(e.getKey());
      if (p == null) {
        links.deletedInSage(job, e.getKey(), centra, jobsByCentraProduct);
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
        links.link(job, m.getKey(), m.getValue(), jobsByCentraProduct);
      } else {
        links.clash(job, m.getValue(), claimants, byProductId.keySet());
      }
    });
    Set<Long> created = new HashSet<>();
    if (!missing.isEmpty()) {
      centra = creation.createMissing(any, client, centra, missing, jobsByCentraProduct, created);
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
    Map<Long, String> withdrawn = withdrawnItems.find(integration, sizeBySageCode, sageByCode, jobsByCentraProduct);
    Map<String, List<ProductPriceView>> sagePricesByBand = Map.of();
    boolean prices = !options.priceMappings().isEmpty() && options.ownership().sageOwns(CatalogField.PRICE);
    if (prices) {
      sagePricesByBand = pricing.sagePrices(sage, sizeBySageCode.keySet().stream().filter(sageByCode::containsKey)
          .collect(Collectors.toSet()), pricing.bands());
      if (!pricing.checkPricelists(integration, view, sagePricesByBand, jobsByCentraProduct)) {
        return;
      }
      pricing.missingPrices(integration, view, sizeBySageCode, sageByCode, sagePricesByBand, withdrawn, jobsByCentraProduct);
    }
    withdrawnItems.withdraw(client, centra, sizeBySageCode, sageByCode, withdrawn, jobsByCentraProduct);
    fields.publishFields(client, centra, sizeBySageCode, sageByCode, withdrawn, created, jobsByCentraProduct);
    if (prices && !jobsByCentraProduct.isEmpty()) {
      pricing.publishPrices(integration, view, sizeBySageCode, sagePricesByBand, withdrawn, jobsByCentraProduct);
    }
    creation.activateCreated(client, centra, sizeBySageCode, sageByCode, withdrawn, created, jobsByCentraProduct);
  }

  /** Every size of the touched Centra products by the Sage code it is bound to (else its own SKU). */
  private Map<String, CatalogSize> sizesBySageCode(SyncContext ctx, SizeIndex centra, Set<Long> centraProducts) {
    // every size of every touched product: product-level values depend on all of them, not only the changed one
    Map<String, CatalogSize> sizeByBindingId = new LinkedHashMap<>();
    centraProducts.forEach(p -> centra.sizesOf(p).forEach(s -> sizeByBindingId.put(s.bindingId(), s)));
    Map<String, Binding> links = integration.store().bindingsByCentraIds(SkuRef.ENTITY, sizeByBindingId.keySet());
    Map<String, CatalogSize> sizeBySageCode = new HashMap<>();
    sizeByBindingId.forEach((id, size) -> {
      Optional<String> code = Optional.ofNullable(links.get(id)).flatMap(Binding::sageReference).or(size::sku);
      code.ifPresent(c -> sizeBySageCode.put(c, size));
    });
    return sizeBySageCode;
  }

  /** The Sage products of {@code ids} that Sage still has. */
  private static Map<Long, Product> sageProducts(Sage200Client sage, Set<Long> ids) {
    Map<Long, Product> out = new HashMap<>();
    for (List<Long> chunk : SkuDirectory.chunks(new ArrayList<>(ids))) {
      sage.products().list(ODataQuery.where(ODataFilter.in("id", chunk))).forEach(p -> out.put(p.id(), p));
    }
    return out;
  }

  // ---- report

  /**
   * Matches both catalogues without writing anything: Sage products without a Centra size (with the
   * reason) and Centra sizes no Sage product matched. Reads every product on both sides.
   */
  public static LinkReport linkReport(CentraClient centra, Sage200Client sage, CatalogPublishOptions options) {
    return LinkReports.of(centra, sage, options);
  }

  // ---- small things

  private static Instant later(Instant a, Optional<Instant> b) {
    return b.filter(t -> t.isAfter(a)).orElse(a);
  }

}
