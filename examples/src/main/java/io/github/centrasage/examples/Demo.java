package io.github.centrasage.examples;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.CentraReturn;
import io.github.centrasage.centra.CompleteShipmentRequest;
import io.github.centrasage.centra.CreateReturnRequest;
import io.github.centrasage.centra.CreateShipmentRequest;
import io.github.centrasage.centra.ReturnLineRequest;
import io.github.centrasage.centra.ReturnStockAction;
import io.github.centrasage.centra.Shipment;
import io.github.centrasage.centra.ShipmentLineRequest;
import io.github.centrasage.dashboard.DashboardOptions;
import io.github.centrasage.dashboard.DashboardRecorder;
import io.github.centrasage.dashboard.SyncDashboard;
import io.github.centrasage.doctor.Doctor;
import io.github.centrasage.doctor.DoctorReport;
import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.TokenProvider;
import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.CentraSandbox;
import io.github.centrasage.sandbox.ContractResult;
import io.github.centrasage.sandbox.Fault;
import io.github.centrasage.sandbox.FaultScope;
import io.github.centrasage.sandbox.Sage200Sandbox;
import io.github.centrasage.sandbox.SageSalesOrder;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sandbox.SandboxClock;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.SyncListener;
import io.github.centrasage.sync.SyncStatus;
import io.github.centrasage.sync.catalog.CatalogPublish;
import io.github.centrasage.sync.catalog.CatalogPublishOptions;
import io.github.centrasage.sync.catalog.PriceMapping;
import io.github.centrasage.sync.despatch.DespatchOptions;
import io.github.centrasage.sync.despatch.DespatchToCentra;
import io.github.centrasage.sync.despatch.DespatchToSage;
import io.github.centrasage.sync.finance.AdyenSettlementCsv;
import io.github.centrasage.sync.finance.CreditNoteResult;
import io.github.centrasage.sync.finance.PayoutBatch;
import io.github.centrasage.sync.finance.ReconciliationLine;
import io.github.centrasage.sync.finance.RefundImport;
import io.github.centrasage.sync.finance.RefundImportOptions;
import io.github.centrasage.sync.finance.SettlementPosting;
import io.github.centrasage.sync.finance.SettlementReport;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.order.OrderImportOptions;
import io.github.centrasage.sync.spi.FailureClassification;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.stock.StockPublish;
import io.github.centrasage.sync.stock.StockPublishOptions;
import io.github.centrasage.sync.stock.StockReconcile;
import io.github.centrasage.sync.store.JdbcSyncStateStore;
import io.github.centrasage.testing.SeedShopMappings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The end-to-end demo: both sandboxes seeded with the same fashion shop, the real clients, an
 * embedded H2 store and every flow, playing a compressed trading day with faults injected, then
 * checking the invariants against both sandboxes. (Over 600 lines on purpose: the day is one script
 * read top to bottom, hour by hour; the wiring, progress and report live in their own classes.)
 *
 * <p>Run it with {@code mvn -B -ntp -Pdemo -pl examples -am verify -DskipTests}; add
 * {@code -Ddemo.args=--dashboard} to watch the day on the operator dashboard while it plays (its
 * address is printed first) and keep it running afterwards. A progress line (a bar on a terminal)
 * comes at least every 10 s. In code: {@code DemoResult result = Demo.run(Demo.Settings.defaults(), System.out);}
 */
public final class Demo {
  static final String LEEDS = "Leeds DC";
  static final String LONDON = "London Store";
  /** The B2B customer whose phone order allocates stock the web shop must no longer sell. */
  static final String TRADE_ACCOUNT = "HARR001";
  static final String PREFIX = SeedShopMappings.DOCUMENT_PREFIX;
  /** Longer than the Sage client's read timeout, so a "timeout after commit" really times the client out. */
  private static final Duration COMMIT_DELAY = Duration.ofMillis(2500);
  private static final Duration SAGE_READ_TIMEOUT = Duration.ofMillis(2000);
  /** How often a plain progress line is printed when the output is not a terminal. */
  static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
  /** The longest line the demo prints; a longer list is cut, and the dashboard has it whole. */
  static final int LONGEST_LINE = 300;
  /**
   * How long an order on hold waits before OrderImport reads it again. The store schedules on
   * wall-clock (database) time, not the sandbox's clock: a few milliseconds here made every engine
   * cycle re-read each held order, thousands of jobs for nothing.
   */
  static final Duration HELD_ORDER_RECHECK = Duration.ofSeconds(5);

  private Demo() {}

  /**
   * How big a day to play.
   *
   * @param orders web orders placed outside the flash sale (split GBP/EUR)
   * @param storeDir where the H2 file store lives; emptied first
   * @param seed random seed, so a run can be repeated
   */
  public record Settings(int orders, Path storeDir, long seed) {
    /** A few hundred orders, the store under {@code examples/target/demo-store/} (or {@code target/} when run inside the module). */
    public static Settings defaults() {
      Path target = Files.isDirectory(Path.of("examples", "target")) ? Path.of("examples", "target") : Path.of("target");
      return new Settings(160, target.resolve("demo-store"), 20261126L);
    }
  }

  public static void main(String[] args) {
    try {
      runMain(args);
    } catch (RuntimeException e) {
      // exit here too: a sandbox left running would keep exec:java waiting forever
      e.printStackTrace();
      System.exit(2);
    }
  }

  private static void runMain(String[] args) {
    boolean dashboard = Arrays.asList(args).contains("--dashboard");
    Settings defaults = Settings.defaults();
    // exec:java passes an empty -Ddemo.args as a null argument
    int orders = Arrays.stream(args).filter(a -> a != null && a.startsWith("--orders=")).findFirst()
        .map(a -> Integer.parseInt(a.substring("--orders=".length()))).orElse(defaults.orders());
    Settings settings = new Settings(orders, defaults.storeDir(), defaults.seed());
    DemoResult result;
    if (!dashboard) {
      try (Progress progress = new Progress(System.out, Progress.consoleAllowsABar(), PROGRESS_EVERY)) {
        result = run(settings, progress);
      }
    } else {
      Progress progress = new Progress(System.out, Progress.consoleAllowsABar(), PROGRESS_EVERY);
      Shop shop = new Shop(settings);
      // up before the day starts, so the day can be watched as it plays; /doctor shows the doctor's report
      SyncDashboard board = SyncDashboard.start(shop.engine, DashboardOptions.builder().recorder(shop.recorder)
          .chartSampleInterval(Duration.ofSeconds(1)).refreshInterval(Duration.ofSeconds(5))
          .doctorReport(() -> shop.doctorReport == null ? "The doctor has not run yet." : shop.doctorReport.toText())
          .build());
      progress.out().println("Dashboard: " + board.url() + "  (token " + board.token() + ")  open it now: the day plays"
          + " on it; it stays up after the report until Ctrl-C.");
      progress.engine(shop.engine);
      result = play(shop, settings, progress);
      progress.close();
      shop.engine.start();
      System.out.println("Dashboard still at " + board.url() + "  (token " + board.token() + ")  Ctrl-C to stop.");
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        board.close();
        shop.close();
        stop.countDown();
      }));
      try {
        stop.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    System.exit(result.passed() ? 0 : 1);
  }

  /**
   * Plays the day on fresh sandboxes and a fresh store, prints the report to {@code out} with a
   * progress line every 10 s, and shuts everything down.
   */
  public static DemoResult run(Settings settings, PrintStream out) {
    try (Progress progress = new Progress(out, false, PROGRESS_EVERY)) {
      return run(settings, progress);
    }
  }

  static DemoResult run(Settings settings, Progress progress) {
    try (Shop shop = new Shop(settings)) {
      progress.engine(shop.engine);
      return play(shop, settings, progress);
    }
  }

  private static DemoResult play(Shop shop, Settings settings, Progress progress) {
    PrintStream out = progress.out();
    long started = System.nanoTime();
    out.println("centra-sage200 demo: both sandboxes up (Centra " + shop.centraSandbox.baseUrl() + ", Sage "
        + shop.sageSandbox.baseUrl() + "), store " + settings.storeDir());
    // Before the first write: the go-live doctor checks the tenant, the company, the mappings and the master data.
    shop.doctorReport = shop.doctor();
    shop.doctorReport.findings("masterdata.sage-product.missing").forEach(f -> out.println("doctor: " + f.found()));
    out.println(shop.doctorReport.summaryLine());
    TradingDay day = new TradingDay(shop, new Random(settings.seed()), out, progress);
    day.play(settings.orders());
    // What the event-driven flows achieved on their own, before reconciliation repairs anything.
    progress.phase("18:30 reconciliation of every SKU", 0.975);
    List<String> beforeReconcile = new Invariants(shop, day).stockDifferences();
    List<String> reconciliation = shop.reconcile();
    progress.phase("checking the invariants in both sandboxes", 0.99);
    DemoResult result = new Invariants(shop, day).check();
    out.println("stock levels off before reconciliation: " + beforeReconcile.size()
        + (beforeReconcile.isEmpty() ? "" : " " + beforeReconcile.subList(0, Math.min(5, beforeReconcile.size()))));
    reconciliation.forEach(r -> out.println("reconciliation " + r));
    // read once the faults are gone: the demo's own clients do not retry
    out.println("price change of " + day.repricedProduct + " to " + day.repricedTo.toPlainString()
        + " GBP in Sage: Centra's GBP pricelist shows " + day.centraPrice().map(BigDecimal::toPlainString).orElse("no price"));
    // the heartbeat stops before the report, so the DEMO RESULT line stays the last one
    progress.close();
    shop.report(out);
    result.failures().forEach(f -> out.println("  INVARIANT FAILED: " + f));
    out.printf("finished in %.1f s%n", (System.nanoTime() - started) / 1e9);
    // the sandboxes refuse what the vendors' contracts forbid; this line counts what they saw
    out.println(ContractResult.line());
    out.println(result.line());
    return result;
  }

  /** Both sandboxes, both clients, the store and the engine, wired as an application would wire them. */
  static final class Shop implements AutoCloseable {
    final SandboxClock clock = SandboxClock.startingAt(Instant.parse("2026-11-26T07:00:00Z"));
    final CentraSandbox centraSandbox;
    final Sage200Sandbox sageSandbox;
    final CentraClient centra;
    final Sage200Client sage;
    final JdbcSyncStateStore store;
    final Mappings mappings;
    final SyncEngine engine;
    final FlowTally tally = new FlowTally();
    /** Retries by cause, on the sandbox's clock, for the dashboard's chart. */
    final DashboardRecorder recorder = DashboardRecorder.create(clock);
    final List<String> flowNames = new ArrayList<>();
    private final List<io.github.centrasage.sync.spi.SyncFlow> allFlows = new ArrayList<>();
    final String centraLeeds;
    final String sageLeeds;
    final String centraLondon;
    final String sageLondon;
    final BigDecimal clearingAtStart;
    final StockReconcile reconcile;
    final RefundImport refunds;
    final SettlementPosting settlement;
    final CatalogPublish catalog;
    final List<CreditNoteResult> creditNotes = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** What the go-live doctor found before the day started. */
    volatile DoctorReport doctorReport;

    Shop(Settings settings) {
      // Centra runs ten products ahead of Sage: the new season is live in the shop but not yet set
      // up in Sage, so orders for it must park with a reason instead of vanishing.
      centraSandbox = CentraSandbox.start(CentraSandbox.options().clock(clock)
          .catalog(SandboxCatalog.generated(SandboxCatalog.fashionShop().items().size() + 10, 7L)));
      sageSandbox = Sage200Sandbox.start(Sage200Sandbox.options().clock(clock).catalog(SandboxCatalog.fashionShop()));
      // Client-side retries are off: the engine's policy decides what is re-sent, and every retry
      // shows in the report. Production code keeps the clients' defaults.
      centra = CentraClient.builder().baseUrl(centraSandbox.baseUrl()).token(centraSandbox.token())
          .allowPlainHttp(true).retrySettings(RetrySettings.none()).readTimeout(Duration.ofSeconds(5)).build();
      sage = Sage200Client.builder().baseUrl(sageSandbox.baseUrl()).siteId(sageSandbox.siteId())
          .companyId(sageSandbox.companyId()).tokenProvider(TokenProvider.staticToken(sageSandbox.token()))
          .allowPlainHttp(true).retrySettings(RetrySettings.none()).readTimeout(SAGE_READ_TIMEOUT).build();
      store = JdbcSyncStateStore.embeddedH2(freshDirectory(settings.storeDir()).resolve("sync"));
      centraLeeds = Long.toString(centraSandbox.ids("warehouse").get(LEEDS));
      centraLondon = Long.toString(centraSandbox.ids("warehouse").get(LONDON));
      sageLeeds = Long.toString(sageSandbox.ids("warehouse").get(LEEDS));
      sageLondon = Long.toString(sageSandbox.ids("warehouse").get(LONDON));
      mappings = seedShopMappings();
      clearingAtStart = sageSandbox.bankBalance("1210");

      RetrySettings quick = SyncEngine.defaultRetrySettings().toBuilder().maxAttempts(8).initialDelay(Duration.ofMillis(5))
          .maxDelay(Duration.ofMillis(20)).build();
      // The Sage order the 3PL ships into stays locked for a few writes: this schedule outlasts it.
      RetrySettings lockWait = SyncEngine.defaultRetrySettings().toBuilder().maxAttempts(12).initialDelay(Duration.ofMillis(10))
          .multiplier(1).maxDelay(Duration.ofMillis(10)).jitter(0).build();
      DespatchOptions despatch = DespatchOptions.builder().putSageCourierIds("DHL", sageSandbox.ids("courier").get("DHL"))
          .lockRetryPolicy(lockWait).build();
      StockPublishOptions stock = StockPublishOptions.builder().initialCursor(clock.instant()).build();
      // The clients, the store and the mappings joined once; every flow takes them in its constructor.
      Integration link = Integration.builder().centra(centra).sage(sage).store(store).mappings(mappings).build();
      SyncEngine.Builder builder = SyncEngine.builder().store(link.store()).clock(clock).retryPolicy(quick)
          .lockRetryPolicy(lockWait).listener(tally).listener(recorder).leaseDuration(Duration.ofMinutes(5));
      // Every flow that exists, in the order a cycle runs them.
      // pollStart: orders placed before the first subscription are listed once (the day starts empty)
      addFlow(builder, new OrderImport(link, OrderImportOptions.builder().discovery(OrderImportOptions.Discovery.EVENTS)
          .pollStart(clock.instant()).defaultWarehouse(centraLeeds).waitingOrderRecheck(HELD_ORDER_RECHECK).build()));
      addFlow(builder, new StockPublish(link, stock));
      addFlow(builder, new DespatchToSage(link, despatch));
      addFlow(builder, new DespatchToCentra(link, despatch));
      // Reconciliation reads every SKU on both sides: it runs on its own interval in production, and
      // once at the end of the demo day (runUntilQuiet skips it).
      reconcile = new StockReconcile(link, stock);
      builder.flow(reconcile);
      allFlows.add(reconcile);
      // Completed Centra returns become credit notes; PSP payout files are posted through clearing bank 1210.
      refunds = new RefundImport(link, RefundImportOptions.builder().goodsNominal("4010").shippingNominal("4900")
          .pollStart(clock.instant()).build(), creditNotes::add);
      addFlow(builder, refunds);
      settlement = new SettlementPosting(link);
      addFlow(builder, settlement);
      // Sage owns web prices: the Standard band feeds the GBP pricelist, EURO the EUR one.
      catalog = new CatalogPublish(link, CatalogPublishOptions.builder()
          .addPriceMappings(PriceMapping.of("Standard", centraSandbox.ids("pricelist").get("GBP"), "GBP"))
          .addPriceMappings(PriceMapping.of("EURO", centraSandbox.ids("pricelist").get("EUR"), "EUR"))
          .build());
      // Its first pass reads the whole catalogue on both sides, and every allocation touches a Sage
      // product: like reconciliation it runs on its own schedule, here when the price book changes.
      builder.flow(catalog);
      allFlows.add(catalog);
      engine = builder.build();
    }

    /** The go-live doctor on this shop's clients, mappings, store and flows (read-only). */
    DoctorReport doctor() {
      List<io.github.centrasage.sync.spi.SyncFlow> flows = new ArrayList<>(allFlows);
      // region doctor
      DoctorReport report = Doctor.builder().centra(centra).sage(sage).mappings(mappings).store(store)
          .flows(flows).build().run();
      // endregion
      return report;
    }

    private void addFlow(SyncEngine.Builder builder, io.github.centrasage.sync.spi.SyncFlow flow) {
      builder.flow(flow);
      allFlows.add(flow);
      flowNames.add(flow.name());
    }

    /** Mappings that fit the seed shop: both currencies, UK VAT, both warehouses, a web account per market. */
    private Mappings seedShopMappings() {
      // reference data through a patient client: the first requests of a cold sandbox can be slow
      Sage200Client setup = Sage200Client.builder().baseUrl(sageSandbox.baseUrl()).siteId(sageSandbox.siteId())
          .companyId(sageSandbox.companyId()).tokenProvider(TokenProvider.staticToken(sageSandbox.token()))
          .allowPlainHttp(true).readTimeout(Duration.ofSeconds(20)).build();
      return SeedShopMappings.builder(setup)
          .putWarehouse(centraLeeds, sageLeeds)
          .putWarehouse(centraLondon, sageLondon)
          .customerDocumentPrefix(PREFIX)
          .build();
    }

    /**
     * Runs every flow until none has a job left to run now, within {@code maxCycles}. Retries are
     * due a few milliseconds of store time later, so a round pauses briefly instead of spinning. An
     * order on hold is not waited for: its recheck is scheduled {@link #HELD_ORDER_RECHECK} later,
     * and waiting for it made every call run all its cycles, re-reading each held order every time.
     */
    void runUntilQuiet(int maxCycles) {
      runUntilQuiet(maxCycles, false);
    }

    /**
     * As {@link #runUntilQuiet(int)}; with {@code rechecksToo}, also until the scheduled rechecks of
     * orders that were on hold have run (after the holds are released, and at the end of the day).
     */
    void runUntilQuiet(int maxCycles, boolean rechecksToo) {
      for (int cycle = 0; cycle < maxCycles; cycle++) {
        long dueNow = 0;
        long later = 0;
        for (String flow : flowNames) {
          SyncStatus s = engine.runOnce(flow);
          // a discover step that met a fault found nothing: that is not quiet, the next cycle asks again
          dueNow += s.retrying() + s.running() + (tally.lastDiscoverFailed(flow) ? 1 : 0);
          if (s.queued() > 0) {
            long scheduledLater = queuedForLater(flow);
            dueNow += s.queued() - scheduledLater;
            later += scheduledLater;
          }
        }
        if (dueNow == 0 && (later == 0 || !rechecksToo)) {
          return;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(dueNow == 0 ? 100 : 15));
      }
    }

    /** Queued jobs of {@code flow} whose run time (store time) has not come yet: rechecks of orders on hold. */
    private long queuedForLater(String flow) {
      Instant now = store.now();
      return store.list(flow, EnumSet.of(JobState.QUEUED), 0, 10_000).stream()
          .filter(j -> j.nextRunAt().isAfter(now)).count();
    }

    /** One reconciliation pass over every SKU; returns its one-line summaries per warehouse. */
    List<String> reconcile() {
      engine.runOnce(reconcile.name());
      return reconcile.lastReports().entrySet().stream().map(e -> "Centra warehouse " + e.getKey() + ": checked " + e.getValue().checked() + ", repaired "
          + e.getValue().repaired() + ", in flight " + e.getValue().inFlight() + ", unknown SKUs " + e.getValue().unknown())
          .toList();
    }

    /** Catalogue publishing until it has nothing left to do; returns the Sage products it published. */
    long publishCatalog(int maxCycles) {
      return publishCatalog(maxCycles, (done, total) -> { });
    }

    /** As {@link #publishCatalog(int)}, telling {@code progress} the jobs done so far of those known. */
    long publishCatalog(int maxCycles, java.util.function.BiConsumer<Long, Long> progress) {
      SyncStatus s = engine.runOnce(catalog.name());
      long before = s.succeeded();
      // A discovery that meets a fault (the day's 429s and 503s may still be pending) enqueues
      // nothing and shows nothing pending: give it enough cycles to get past them.
      for (int cycle = 0; cycle < maxCycles && (cycle < 10 || s.queued() + s.retrying() + s.running() > 0); cycle++) {
        progress.accept(s.succeeded() - before, s.succeeded() - before + s.queued() + s.retrying() + s.running());
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(15));
        s = engine.runOnce(catalog.name());
      }
      return s.succeeded();
    }

    List<Job> parkedJobs() {
      return Stream.concat(flowNames.stream(), Stream.of(reconcile.name(), catalog.name())).flatMap(f -> store.list(f, EnumSet.of(JobState.PARKED), 0, 10_000).stream()).toList();
    }

    /** Per flow: done (orders imported, not jobs) / jobs / retried / parked and why. */
    void report(PrintStream out) {
      out.println();
      out.println("Flow                done   jobs  retried  parked  (retry causes)");
      for (String flow : Stream.concat(flowNames.stream(), Stream.of(catalog.name())).toList()) {
        SyncStatus s = engine.status(flow);
        out.printf("  %-17s %5d  %5d  %7d  %6d  %s%n", flow, s.entitiesDone(), s.succeeded(), tally.retries(flow), s.parked(),
            tally.causes(flow));
      }
      List<Job> parked = parkedJobs();
      if (!parked.isEmpty()) {
        out.println("Parked, waiting for a person:");
        parked.forEach(j -> out.println(brief("  " + j.flow() + " " + j.reference() + ": " + String.join("; ", j.parkReasons()))));
      }
      out.println();
    }

    /** A report line cut to {@value #LONGEST_LINE} characters: the dashboard shows every reason in full. */
    static String brief(String line) {
      String more = "… (in full on the dashboard)";
      return line.length() <= LONGEST_LINE ? line : line.substring(0, LONGEST_LINE - more.length()) + more;
    }

    @Override
    public void close() {
      engine.close();
      store.close();
      centraSandbox.close();
      sageSandbox.close();
    }

    private static Path freshDirectory(Path dir) {
      try {
        if (Files.exists(dir)) {
          try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
              Files.delete(p);
            }
          }
        }
        return Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot prepare the demo store directory " + dir, e);
      }
    }
  }

  /** Counts retries per flow and kind, for the report; remembers whose last discover step failed. */
  static final class FlowTally implements SyncListener {
    private final Map<String, Map<String, AtomicInteger>> retries = new ConcurrentHashMap<>();
    private final Map<String, Boolean> discoverFailed = new ConcurrentHashMap<>();

    @Override
    public void flowCycleFinished(String flow, java.util.Optional<Throwable> error) {
      discoverFailed.put(flow, error.isPresent());
    }

    boolean lastDiscoverFailed(String flow) {
      return discoverFailed.getOrDefault(flow, false);
    }

    @Override
    public void jobRetried(Job job, FailureClassification failure, Instant runAt) {
      retries.computeIfAbsent(job.flow(), f -> new ConcurrentHashMap<>())
          .computeIfAbsent(failure.kind().name().toLowerCase(java.util.Locale.ROOT), k -> new AtomicInteger())
          .incrementAndGet();
    }

    int retries(String flow) {
      return retries.getOrDefault(flow, Map.of()).values().stream().mapToInt(AtomicInteger::get).sum();
    }

    String causes(String flow) {
      Map<String, AtomicInteger> byKind = new java.util.TreeMap<>(retries.getOrDefault(flow, Map.of()));
      return byKind.isEmpty() ? "" : byKind.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().get())
          .collect(java.util.stream.Collectors.joining(", "));
    }
  }

  /** The day's events, in the order they happen, with the engine running between them. */
  static final class TradingDay {
    private final Shop shop;
    private final Random random;
    private final PrintStream out;
    private final Progress progress;
    private final List<String> regularSkus;
    final List<String> flashSkus;
    final List<String> newSeasonSkus;
    final List<CentraOrder> placed = new ArrayList<>();
    final List<Integer> unmappedOrders = new ArrayList<>();
    int soldOutRefusals;
    int lockedOrderNumber;

    TradingDay(Shop shop, Random random, PrintStream out, Progress progress) {
      this.shop = shop;
      this.random = random;
      this.out = out;
      this.progress = progress;
      List<String> sageSkus = SandboxCatalog.fashionShop().items().stream().map(SandboxCatalog.Item::sku).toList();
      flashSkus = List.of(sageSkus.get(1), sageSkus.get(2), sageSkus.get(3));
      regularSkus = sageSkus.stream().filter(s -> !flashSkus.contains(s)).toList();
      newSeasonSkus = SandboxCatalog.generated(sageSkus.size() + 10, 7L).items().stream()
          .map(SandboxCatalog.Item::sku).filter(s -> !sageSkus.contains(s)).toList();
    }

    private String elapsed() {
      return progress.elapsed();
    }

    void play(int orders) {
      Sage200Sandbox sage = shop.sageSandbox;
      CentraSandbox centra = shop.centraSandbox;

      // 07:00 goods-in and a B2B phone order before the shop gets busy
      progress.phase("07:00 goods-in, B2B order, first stock publish", 0.04);
      shop.clock.advance(Duration.ofMinutes(5));
      for (int i = 0; i < 5; i++) {
        sage.receiveGoods(regularSkus.get(10 + i), LEEDS, BigDecimal.valueOf(24));
      }
      sage.allocateNonWebOrder(TRADE_ACCOUNT, regularSkus.get(20), LEEDS, BigDecimal.valueOf(4));
      // the flash sale sells from Leeds only: London's units of those SKUs went to the shop floor
      flashSkus.forEach(sku -> sage.adjustStock(sku, LONDON, sage.holding(sku, LONDON).quantityInStock().negate()));
      // and only a few units of each are left in Leeds, so the sale sells out
      flashSkus.forEach(sku -> sage.adjustStock(sku, LEEDS,
          BigDecimal.valueOf(6).subtract(sage.holding(sku, LEEDS).quantityInStock())));
      shop.runUntilQuiet(60);
      // the first catalogue pass links every Sage product to its Centra sizes and prices; it is most of the run
      shop.publishCatalog(100, (done, total) -> progress.phase("07:00 first catalogue publish: " + done + " of " + total
          + " products", 0.06 + 0.70 * done / Math.max(1, total)));
      out.println(elapsed() + "07:00 goods-in of 5 SKUs, B2B order for " + TRADE_ACCOUNT + ", stock published");

      // 08:00–17:00 web orders in two currencies, under faults
      injectFaults();
      int morning = orders / 2;
      placeOrders(0, morning, 0.77, 0.79);
      placeUnmapped(2);
      shop.runUntilQuiet(200);
      out.println(elapsed() + "12:00 " + morning + " web orders (GBP/EUR, some on hold), 2 new-season orders; faults: "
          + "timeouts after commit, resets, 429s, 5xx");

      progress.phase("12:30 Sage price book change, catalogue publish", 0.80);
      repriceOneProduct();
      out.println(elapsed() + "12:30 Sage price book: " + repricedProduct + " to " + repricedTo.toPlainString()
          + " GBP (Standard band); " + publishedProducts + " catalogue jobs done so far");

      progress.phase("13:00 flash sale", 0.82);
      flashSale();
      out.println(elapsed() + "13:00 flash sale on " + flashSkus + ": " + soldOutRefusals + " checkouts refused as sold out");

      placeOrders(morning, orders, 0.88, 0.91);
      shop.runUntilQuiet(200);
      progress.phase("15:00 holds released", 0.91);
      releaseHolds();
      shop.runUntilQuiet(200, true);

      // 16:00 the warehouse despatches; a 3PL ships one order straight from Centra into a locked Sage order
      progress.phase("16:00 warehouse despatch, 3PL shipment into a locked order", 0.92);
      int despatched = despatchInSage();
      threePlShipmentIntoLockedOrder();
      shop.runUntilQuiet(300);
      out.println(elapsed() + "16:00 " + despatched + " orders despatched in Sage; 3PL shipped order " + lockedOrderNumber
          + " in Centra while its Sage order was locked");
      // 17:00 customers send a few parcels back; Centra refunds them and the PSP pays the day out
      progress.phase("17:00 returns and refunds", 0.95);
      int returned = refundSomeDespatched(4);
      shop.runUntilQuiet(200);
      out.println(elapsed() + "17:00 " + returned + " returns refunded in Centra; " + shop.creditNotes.size()
          + " credit notes posted in Sage");
      progress.phase("18:00 Adyen payout", 0.96);
      // 17:30 Sage's SOP invoice run invoices what left the warehouse, so the payout's receipts can be allocated
      int invoiced = shop.sageSandbox.invoiceDespatchedOrders();
      SettlementReport payout = payOut();
      payoutReport = payout;
      long allocated = payout.lines().stream().filter(l -> l.status() == ReconciliationLine.Status.ALLOCATED).count();
      long onAccount = payout.lines().stream().filter(l -> l.status() == ReconciliationLine.Status.UNALLOCATED).count();
      out.println(elapsed() + "18:00 Adyen payout " + payout.payoutId() + " (" + invoiced + " despatched orders invoiced "
          + "by Sage): " + payout.posted() + " postings, fees " + payout.fees().toPlainString() + ", transferred "
          + payout.transferred().toPlainString() + ", variance " + payout.variance().toPlainString() + ", " + allocated
          + " lines allocated to invoices and credit notes, " + onAccount + " left on account (paid, not despatched "
          + "yet), clearing movement " + payout.clearingMovement().toPlainString());
      shop.sageSandbox.faults().clear();
      shop.centraSandbox.faults().clear();
      progress.phase("18:15 letting every flow finish", 0.97);
      shop.runUntilQuiet(300, true);
    }

    String repricedProduct;
    String repricedSku;
    long publishedProducts;
    BigDecimal repricedTo;

    /**
     * A merchandiser in Sage marks one regular product (every colour and size) up by 5.00 in the
     * Standard band; the catalogue flow must carry it to Centra's GBP pricelist.
     */
    private void repriceOneProduct() {
      SandboxCatalog.Item first = SandboxCatalog.fashionShop().items().stream()
          .filter(i -> i.sku().equals(regularSkus.get(30))).findFirst().orElseThrow();
      repricedProduct = first.productNumber();
      repricedSku = first.sku();
      repricedTo = first.priceGbp().add(new BigDecimal("5.00"));
      SandboxCatalog.fashionShop().items().stream().filter(i -> i.productNumber().equals(repricedProduct))
          .forEach(i -> shop.sageSandbox.changePrice(i.sku(), "Standard", repricedTo));
      // the catalogue flow polls Sage every five minutes
      shop.clock.advance(Duration.ofMinutes(6));
      publishedProducts = shop.publishCatalog(100);
    }

    /** The GBP price Centra sells the repriced product's first size at: its variant's price row, else its product's. */
    java.util.Optional<BigDecimal> centraPrice() {
      long pricelist = shop.centraSandbox.ids("pricelist").get("GBP");
      // the sandbox keys product and variant ids by the SKU of a size
      long variant = shop.centraSandbox.ids("variant").get(repricedSku);
      long product = shop.centraSandbox.ids("product").get(repricedSku);
      try (Stream<io.github.centrasage.centra.Price> prices = shop.centra.catalog().prices(pricelist)) {
        List<io.github.centrasage.centra.Price> rows = prices.filter(p -> p.product().filter(r -> r.id() == product).isPresent()).toList();
        return rows.stream().filter(p -> p.productVariant().filter(v -> v.id() == variant).isPresent()).findFirst()
            .or(() -> rows.stream().filter(p -> p.productVariant().isEmpty()).findFirst())
            .map(p -> p.price().value());
      }
    }

    /** Returns one unit of the first line of {@code count} orders that Sage despatched, and completes each return (the refund). */
    private int refundSomeDespatched(int count) {
      int done = 0;
      for (CentraOrder order : placed) {
        if (done == count) {
          break;
        }
        List<Shipment> shipped = shop.centra.shipments().ofOrder(order.id()).stream()
            .filter(s -> !s.lines().isEmpty()).toList();
        if (shipped.isEmpty() || order.number() == lockedOrderNumber) {
          continue;
        }
        shop.clock.advance(Duration.ofMinutes(2));
        Shipment shipment = shipped.get(0);
        // the parcel goes to returns inspection, not back on sale: the stock model stays Sage's
        CentraReturn created = shop.centra.returns().create(CreateReturnRequest.builder().shipmentId(shipment.id())
            .stockAction(ReturnStockAction.REMOVE_FROM_STOCK)
            .addLines(ReturnLineRequest.of(shipment.lines().get(0).id(), 1)).build()).value();
        shop.centra.returns().complete(created.id(), false);
        refundedOrders.add(order.number());
        done++;
      }
      return done;
    }

    final List<Integer> refundedOrders = new ArrayList<>();
    /** The day's payout as posted; null until the PSP pays out. */
    SettlementReport payoutReport;

    /**
     * The PSP's settlement report for the day, written as Adyen would: every paid GBP web order
     * (less commission and interchange), the GBP refunds, a fee line and the payout to the bank.
     */
    private SettlementReport payOut() {
      String batch = "1126";
      StringBuilder csv = new StringBuilder(ADYEN_HEADER);
      BigDecimal payout = BigDecimal.ZERO;
      for (CentraOrder order : placed) {
        if (!order.currency().equals("GBP") || unmappedOrders.contains(order.number())) {
          continue;
        }
        BigDecimal commission = order.grandTotal().multiply(new BigDecimal("0.012")).setScale(2, java.math.RoundingMode.HALF_UP);
        BigDecimal interchange = new BigDecimal("0.10");
        BigDecimal net = order.grandTotal().subtract(commission).subtract(interchange);
        payout = payout.add(net);
        csv.append(adyenRow("PSP" + order.number(), Integer.toString(order.number()), "Settled", "",
            net.toPlainString(), commission.toPlainString(), interchange.toPlainString(), batch));
      }
      for (CreditNoteResult refund : shop.creditNotes) {
        CentraOrder order = placed.stream().filter(o -> o.number() == refund.orderNumber()).findFirst().orElseThrow();
        if (order.currency().equals("GBP") && !refund.alreadyPosted()) {
          payout = payout.subtract(refund.gross());
          // The refund names its credit note (Modification Merchant Reference), so the payout allocates to it.
          csv.append(adyenRow("PSPR" + refund.returnId(), Long.toString(refund.orderNumber()), "Refunded",
              refund.gross().toPlainString(), "", "", "", batch).replace(",visa,," + batch + "\n",
              ",visa," + refund.reference() + "," + batch + "\n"));
        }
      }
      BigDecimal fee = new BigDecimal("4.75");
      payout = payout.subtract(fee);
      csv.append(adyenRow("", "", "Fee", fee.toPlainString(), "", "", "", batch));
      csv.append(adyenRow("", "", "MerchantPayout", payout.toPlainString(), "", "", "", batch));
      PayoutBatch parsed;
      try {
        parsed = AdyenSettlementCsv.read(new java.io.StringReader(csv.toString()), "adyen");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the Adyen report built in memory", e);
      }
      SettlementPosting.submit(shop.engine, parsed);
      shop.runUntilQuiet(200);
      return shop.settlement.report(parsed.key())
          .orElseThrow(() -> new IllegalStateException("payout " + parsed.key() + " was not posted"));
    }

    private static final String ADYEN_HEADER = "Company Account,Merchant Account,Psp Reference,Merchant Reference,"
        + "Payment Method,Creation Date,TimeZone,Type,Modification Reference,Gross Currency,Gross Debit (GC),"
        + "Gross Credit (GC),Exchange Rate,Net Currency,Net Debit (NC),Net Credit (NC),Commission (NC),Markup (NC),"
        + "Scheme Fees (NC),Interchange (NC),Payment Method Variant,Modification Merchant Reference,Batch Number\n";

    private String adyenRow(String psp, String reference, String type, String netDebit, String netCredit,
        String commission, String interchange, String batch) {
      String date = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
          .format(shop.clock.instant().atOffset(java.time.ZoneOffset.UTC));
      return "Centra Demo,DemoShopGB," + psp + "," + reference + ",visa," + date + ",UTC," + type + ",M" + psp
          + ",GBP,,,1,GBP," + netDebit + "," + netCredit + "," + commission + ",,," + interchange + ",visa,,"
          + batch + "\n";
    }

    private void injectFaults() {
      Sage200Sandbox sage = shop.sageSandbox;
      sage.faults().inject(Fault.timeoutAfterCommit(COMMIT_DELAY), FaultScope.nextCalls(2).on("POST /sop_orders"));
      sage.faults().inject(Fault.resetAfterCommit(), FaultScope.nextCalls(2).on("POST /sop_orders"));
      sage.faults().inject(Fault.httpStatusAfterCommit(502), FaultScope.nextCalls(1).on("POST /sop_orders"));
      sage.faults().inject(Fault.rateLimited(Duration.ofSeconds(1)), FaultScope.nextCalls(3));
      sage.faults().inject(Fault.httpStatus(503), FaultScope.nextCalls(3));
      shop.centraSandbox.faults().inject(Fault.connectionReset(), FaultScope.nextCalls(2));
      shop.centraSandbox.faults().inject(Fault.httpStatus(500), FaultScope.nextCalls(2));
      shop.centraSandbox.faults().inject(Fault.rateLimited(Duration.ofSeconds(1)), FaultScope.nextCalls(2));
    }

    /** Places web orders {@code from} to {@code to}, moving the progress from {@code startsAt} to {@code endsAt}. */
    private void placeOrders(int from, int to, double startsAt, double endsAt) {
      for (int i = from; i < to; i++) {
        progress.phase((from == 0 ? "08:00-12:00" : "13:30-15:00") + " web orders: " + (i - from + 1) + " of " + (to - from)
            + " placed", startsAt + (endsAt - startsAt) * (i - from) / Math.max(1, to - from));
        shop.clock.advance(Duration.ofSeconds(60));
        Map<String, Integer> lines = new LinkedHashMap<>();
        int lineCount = 1 + random.nextInt(3);
        for (int l = 0; l < lineCount; l++) {
          lines.merge(regularSkus.get(random.nextInt(regularSkus.size())), 1, Integer::sum);
        }
        CentraOrder order;
        try {
          order = shop.centraSandbox.placeOrder(i % 3 == 2 ? "EUR" : "GBP", lines);
        } catch (IllegalStateException soldOut) {
          soldOutRefusals++;
          continue;
        }
        placed.add(order);
        if (i % 40 == 7) {
          shop.centraSandbox.setOnHold(order.number(), true);
          held.add(order.number());
        }
        if (i % 60 == 59) {
          shop.runUntilQuiet(100);
        }
      }
    }

    private final List<Integer> held = new ArrayList<>();

    private void releaseHolds() {
      held.forEach(n -> shop.centraSandbox.setOnHold(n, false));
      out.println(elapsed() + "15:00 " + held.size() + " orders released from hold (payment checks cleared)");
    }

    private void placeUnmapped(int n) {
      for (int i = 0; i < n; i++) {
        CentraOrder order = shop.centraSandbox.placeOrder("GBP",
            Map.of(newSeasonSkus.get(i), 1, regularSkus.get(100 + i), 1));
        placed.add(order);
        unmappedOrders.add(order.number());
      }
    }

    /** Shoppers buy the sale SKUs one by one until Centra says sold out; the engine keeps up in between. */
    private void flashSale() {
      for (int round = 0; round < 16; round++) {
        boolean sold = false;
        for (String sku : flashSkus) {
          shop.clock.advance(Duration.ofSeconds(2));
          try {
            placed.add(shop.centraSandbox.placeOrder("GBP", Map.of(sku, 1)));
            sold = true;
          } catch (IllegalStateException soldOut) {
            soldOutRefusals++;
          }
        }
        if (round % 5 == 4) {
          // a restock of one SKU lands mid-sale
          if (round == 5) {
            shop.sageSandbox.receiveGoods(flashSkus.get(0), LEEDS, BigDecimal.valueOf(6));
          }
          shop.runUntilQuiet(100);
        }
        if (!sold && round > 6) {
          break;
        }
      }
      shop.runUntilQuiet(100);
    }

    /** The warehouse despatches every third imported order that Sage could allocate in full. */
    private int despatchInSage() {
      int count = 0;
      int i = 0;
      for (SageSalesOrder order : shop.sageSandbox.salesOrders()) {
        if (order.customerDocumentNo() == null || !order.customerDocumentNo().startsWith(PREFIX)) {
          continue;
        }
        if (i++ % 3 != 0 || !fullyAllocated(order)) {
          continue;
        }
        shop.clock.advance(Duration.ofSeconds(30));
        shop.sageSandbox.despatch(order.documentNo(), "JD" + (100000 + count));
        count++;
        if (count % 20 == 0) {
          shop.runUntilQuiet(100);
        }
      }
      return count;
    }

    private static boolean fullyAllocated(SageSalesOrder order) {
      return order.lines().stream().filter(l -> l.sku() != null)
          .allMatch(l -> l.allocatedQuantity().compareTo(l.lineQuantity()) == 0);
    }

    /** A 3PL ships an imported, not yet despatched order through Centra while Sage keeps its order locked for a few writes. */
    private void threePlShipmentIntoLockedOrder() {
      SageSalesOrder target = shop.sageSandbox.salesOrders().stream()
          .filter(o -> o.customerDocumentNo() != null && o.customerDocumentNo().startsWith(PREFIX))
          .filter(o -> o.lines().stream().allMatch(l -> l.despatchedQuantity().signum() == 0))
          .filter(TradingDay::fullyAllocated)
          .reduce((a, b) -> b).orElseThrow();
      lockedOrderNumber = Integer.parseInt(target.customerDocumentNo().substring(PREFIX.length()));
      CentraOrder order = shop.centraSandbox.orders().stream().filter(o -> o.number() == lockedOrderNumber)
          .findFirst().orElseThrow();
      shop.sageSandbox.lockOrder(target.documentNo(), 3);
      List<ShipmentLineRequest> lines = order.lines().stream().map(l -> ShipmentLineRequest.of(l.id(), l.quantity())).toList();
      Shipment created = shop.centra.shipments().create(CreateShipmentRequest.builder()
          .orderNumber((long) lockedOrderNumber).lines(lines).build()).value();
      shop.centra.shipments().complete(CompleteShipmentRequest.builder().shipmentId(created.id()).carrier("DHL")
          .trackingNumber("3PL-" + lockedOrderNumber).packagesNumber(1).build());
    }
  }
}
