package io.github.centrasage.benchmarks;

import io.github.centrasage.centra.CompleteShipmentRequest;
import io.github.centrasage.centra.CreateShipmentRequest;
import io.github.centrasage.centra.ShipmentLineRequest;
import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.ReceivedRequest;
import io.github.centrasage.sandbox.SageSalesOrder;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sandbox.SandboxClock;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.despatch.DespatchOptions;
import io.github.centrasage.sync.despatch.DespatchToCentra;
import io.github.centrasage.sync.despatch.DespatchToSage;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.order.OrderImportOptions;
import io.github.centrasage.sync.stock.StockPublish;
import io.github.centrasage.sync.stock.StockPublishOptions;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The flash sale of a real shop: 20 SKUs with low stock in two mapped warehouses (Centra allocates
 * across them), bursts of shoppers, and under them Sage's own life: trade (B2B) allocations, goods
 * in, stock-takes to 0, orders cancelled in Sage and in Centra, the warehouse despatching Leeds
 * orders in Sage and a 3PL shipping London orders in Centra. The library runs with buffer 0. Each
 * seed runs four times on the same world: the library polling stock every {@code fastPoll}, every
 * {@code slowPoll} and every {@code defaultPoll} (the options' default), and a perfect sync (every
 * flow run to the end after every change, before the next shopper) that says how many units were
 * sellable.
 *
 * <p>Counted against Sage's own state, never the library's ledger: units sold that Sage could not
 * allocate (oversold), units sold against the perfect sync, {@code setStock} rows against the rows a
 * writer that knew Centra's level would send (one per unit whose Centra level differed from Sage's
 * truth at a sync), and the lag from a Sage change until Centra shows Sage's truth.
 */
final class FlashSaleMulti {
  static final int SKUS = 20;
  static final String TRADE_ACCOUNT = FlashSale.TRADE_ACCOUNT;
  static final List<String> WAREHOUSES = List.of(Shop.LEEDS, Shop.LONDON);
  private static final Pattern ROW = Pattern.compile("\"quantity\"\\s*:\\s*-?\\d");

  private FlashSaleMulti() {}

  static Map<String, Object> run(Duration sale, Duration latency, Duration fastPoll, Duration slowPoll,
      Duration defaultPoll, List<Long> seeds) {
    List<Run> fast = new ArrayList<>();
    List<Run> slow = new ArrayList<>();
    List<Run> perfect = new ArrayList<>();
    List<Run> atDefault = new ArrayList<>();
    for (long seed : seeds) {
      perfect.add(simulate(sale, latency, Duration.ZERO, seed));
      fast.add(simulate(sale, latency, fastPoll, seed));
      slow.add(simulate(sale, latency, slowPoll, seed));
      atDefault.add(simulate(sale, latency, defaultPoll, seed));
    }
    Bench.Line line = new Bench.Line("flash-sale-multi").put("skus", SKUS).put("warehouses", WAREHOUSES.size())
        .put("seeds", seeds.stream().map(String::valueOf).collect(Collectors.joining(",")))
        .put("sale_s", sale.toSeconds()).put("latency_ms", latency.toMillis()).put("buffer", 0)
        .put("stock_poll_s", fastPoll.toSeconds())
        .put("library_oversold_units", total(fast, r -> r.result.oversold))
        .put("library_units_sold", total(fast, r -> r.result.unitsSold))
        .put("perfect_units_sold", total(perfect, r -> r.result.unitsSold))
        .put("perfect_oversold_units", total(perfect, r -> r.result.oversold))
        .put("sold_vs_perfect", ratio(total(fast, r -> r.result.unitsSold), total(perfect, r -> r.result.unitsSold)))
        .put("setstock_rows", total(fast, r -> r.rows))
        .put("minimum_rows", total(fast, r -> r.minimumRows))
        .put("rows_vs_minimum", ratio(total(fast, r -> r.rows), total(fast, r -> r.minimumRows)))
        .put("lag_p50_s", percentile(fast, 50)).put("lag_p99_s", percentile(fast, 99))
        .put("final_levels_off", total(fast, r -> r.finalOff))
        .put("cancelled_orders", total(fast, r -> r.cancelled)).put("shipped_3pl", total(fast, r -> r.shipped3pl))
        .put("slow_poll_s", slowPoll.toSeconds())
        .put("slow_oversold_units", total(slow, r -> r.result.oversold))
        .put("slow_sold_vs_perfect", ratio(total(slow, r -> r.result.unitsSold), total(perfect, r -> r.result.unitsSold)))
        .put("slow_lag_p99_s", percentile(slow, 99)).put("slow_final_levels_off", total(slow, r -> r.finalOff))
        .put("default_poll_s", defaultPoll.toSeconds())
        .put("default_oversold_units", total(atDefault, r -> r.result.oversold))
        .put("default_sold_vs_perfect", ratio(total(atDefault, r -> r.result.unitsSold), total(perfect, r -> r.result.unitsSold)))
        .put("default_lag_p50_s", percentile(atDefault, 50)).put("default_lag_p99_s", percentile(atDefault, 99))
        .put("default_final_levels_off", total(atDefault, r -> r.finalOff));
    for (int i = 0; i < seeds.size(); i++) {
      line.put("oversold_seed" + seeds.get(i), fast.get(i).result.oversold);
    }
    return line.print();
  }

  /** One simulation's figures. */
  static final class Run {
    final FlashSale.Result result = new FlashSale.Result();
    long rows;
    long minimumRows;
    long finalOff;
    long cancelled;
    long shipped3pl;
  }

  private static long total(List<Run> runs, java.util.function.ToLongFunction<Run> f) {
    return runs.stream().mapToLong(f).sum();
  }

  private static double ratio(long a, long b) {
    return b == 0 ? 0 : (double) a / b;
  }

  private static double percentile(List<Run> runs, int p) {
    FlashSale.Result all = new FlashSale.Result();
    runs.forEach(r -> all.lags.addAll(r.result.lags));
    return all.lagPercentile(p);
  }

  /**
   * One sale. {@code poll} zero is the perfect sync: every flow runs until nothing is left after every
   * change; otherwise orders and stock are polled every {@code poll}, the despatch flows every 5 s.
   */
  static Run simulate(Duration sale, Duration latency, Duration poll, long seed) {
    SandboxClock clock = SandboxClock.startingAt(SandboxClock.DEFAULT_START);
    try (Shop shop = new Shop(SandboxCatalog.fashionShop(), clock, latency, 4)) {
      List<String> skus = SandboxCatalog.fashionShop().items().stream().map(SandboxCatalog.Item::sku).limit(SKUS)
          .collect(Collectors.toList());
      Random random = new Random(seed);
      clock.advance(Duration.ofSeconds(1));
      for (String sku : skus) {
        for (String wh : WAREHOUSES) {
          FlashSale.setSageStock(shop, sku, wh, 2 + random.nextInt(7));
        }
      }
      Library library = new Library(shop);
      library.settle(); // Centra starts equal to Sage
      shop.centra.resetRequestCounts();
      int journalStart = shop.centra.receivedRequests().size();
      Run run = new Run();
      Map<String, List<Instant>> pending = new HashMap<>();
      Map<Integer, CentraOrder> placed = new LinkedHashMap<>();
      long seconds = sale.toSeconds();
      long every = poll.isZero() ? 1 : Math.max(1, poll.toSeconds());
      for (long second = 1; second <= seconds; second++) {
        clock.advance(Duration.ofSeconds(1));
        // shoppers: about one a second, a burst of eight every half minute; the draws never depend on
        // what happened, so every run of a seed meets the same shoppers
        int shoppers = second % 30 == 0 ? 8 : random.nextInt(3);
        for (int i = 0; i < shoppers; i++) {
          String sku = skus.get(random.nextInt(skus.size()));
          int quantity = 1 + random.nextInt(2);
          run.result.attempts++;
          try {
            CentraOrder order = shop.centra.placeOrder("GBP", Map.of(sku, quantity));
            placed.put(order.number(), order);
            run.result.placed++;
            run.result.unitsSold += quantity;
          } catch (IllegalStateException soldOut) {
            // Centra showed too little: a refused shopper
          }
        }
        int roll = random.nextInt(100);
        String sku = skus.get(random.nextInt(skus.size()));
        String wh = WAREHOUSES.get(random.nextInt(WAREHOUSES.size()));
        int pick = random.nextInt(1000);
        if (roll < 6) { // a trade customer allocates
          shop.sage.allocateNonWebOrder(TRADE_ACCOUNT, sku, wh, BigDecimal.valueOf(1 + random.nextInt(3)));
          pending.computeIfAbsent(sku + "@" + wh, k -> new ArrayList<>()).add(clock.instant());
        } else if (roll < 9) { // goods in
          shop.sage.receiveGoods(sku, wh, BigDecimal.valueOf(3 + random.nextInt(4)));
          pending.computeIfAbsent(sku + "@" + wh, k -> new ArrayList<>()).add(clock.instant());
        } else if (roll < 11) { // a stock-take finds nothing on the shelf
          FlashSale.setSageStock(shop, sku, wh, 0);
          pending.computeIfAbsent(sku + "@" + wh, k -> new ArrayList<>()).add(clock.instant());
        } else if (roll < 15) { // a cancellation, in Sage or in Centra
          if (cancel(shop, placed, pick, roll % 2 == 0, pending, clock.instant())) {
            run.cancelled++;
          }
        }
        if (second % 2 == 0) {
          despatchLeeds(shop, pick);
        }
        if (second % 10 == 5 && ship3pl(shop, placed, pick)) {
          run.shipped3pl++;
        }
        if (poll.isZero()) {
          library.settle();
        } else if (second % every == 0) {
          run.minimumRows += library.unitsOff(skus);
          library.syncStock(second % 5 == 0);
        }
        resolveLags(shop, library, skus, pending, clock.instant(), run.result.lags);
      }
      for (int i = 0; i < 3; i++) {
        clock.advance(Duration.ofSeconds(10));
        run.minimumRows += library.unitsOff(skus);
        library.settle();
        resolveLags(shop, library, skus, pending, clock.instant(), run.result.lags);
      }
      pending.values().forEach(times -> times.forEach(t -> run.result.lags.add(Duration.between(t, clock.instant()).toSeconds())));
      run.finalOff = library.levelsOff(skus);
      run.rows = rowsWritten(shop.centra.receivedRequests().subList(Math.min(journalStart,
          shop.centra.receivedRequests().size()), shop.centra.receivedRequests().size()));
      for (CentraOrder order : placed.values()) {
        run.result.oversold += FlashSale.shortfall(shop, order);
      }
      library.close();
      return run;
    }
  }

  /** A web order not despatched yet is cancelled: deleted in Sage (if imported) or cancelled in Centra. */
  private static boolean cancel(Shop shop, Map<Integer, CentraOrder> placed, int pick, boolean inSage,
      Map<String, List<Instant>> pending, Instant now) {
    List<SageSalesOrder> open = shop.sage.salesOrders().stream()
        .filter(o -> o.customerDocumentNo() != null && o.customerDocumentNo().startsWith("CENTRA-"))
        .filter(o -> o.lines().stream().allMatch(l -> l.despatchedQuantity().signum() == 0))
        .filter(o -> shop.centra.shipments(number(o)).isEmpty())
        .filter(o -> !"CANCELLED".equals(centraStatus(shop, number(o))))
        .collect(Collectors.toList());
    if (open.isEmpty()) {
      return false;
    }
    SageSalesOrder order = open.get(pick % open.size());
    if (inSage) {
      shop.sage.deleteOrder(order.documentNo());
      order.lines().stream().filter(l -> l.sku() != null)
          .forEach(l -> pending.computeIfAbsent(l.sku() + "@" + l.warehouse(), k -> new ArrayList<>()).add(now));
    } else {
      shop.centra.cancelOrder(number(order));
    }
    return true;
  }

  private static int number(SageSalesOrder order) {
    return Integer.parseInt(order.customerDocumentNo().substring("CENTRA-".length()));
  }

  private static String centraStatus(Shop shop, int number) {
    return shop.centra.orders().stream().filter(o -> o.number() == number).map(CentraOrder::status).findFirst()
        .orElse("");
  }

  /** The Leeds warehouse despatches a fully allocated Leeds-only web order in Sage. */
  private static void despatchLeeds(Shop shop, int pick) {
    List<SageSalesOrder> ready = shop.sage.salesOrders().stream()
        .filter(o -> o.customerDocumentNo() != null && o.customerDocumentNo().startsWith("CENTRA-"))
        .filter(o -> !"CANCELLED".equals(centraStatus(shop, number(o))))
        .filter(o -> o.lines().stream().filter(l -> l.sku() != null).allMatch(l -> Shop.LEEDS.equals(l.warehouse())
            && l.despatchedQuantity().signum() == 0 && l.allocatedQuantity().compareTo(l.lineQuantity()) >= 0))
        .collect(Collectors.toList());
    if (!ready.isEmpty()) {
      SageSalesOrder order = ready.get(pick % ready.size());
      shop.sage.despatch(order.documentNo(), "LDS-" + order.documentNo());
    }
  }

  /** The London 3PL ships a whole London-only order in Centra (create and complete the shipment). */
  private static boolean ship3pl(Shop shop, Map<Integer, CentraOrder> placed, int pick) {
    List<SageSalesOrder> ready = shop.sage.salesOrders().stream()
        .filter(o -> o.customerDocumentNo() != null && o.customerDocumentNo().startsWith("CENTRA-"))
        .filter(o -> !"CANCELLED".equals(centraStatus(shop, number(o))))
        .filter(o -> shop.centra.shipments(number(o)).isEmpty())
        .filter(o -> o.lines().stream().filter(l -> l.sku() != null).allMatch(l -> Shop.LONDON.equals(l.warehouse())
            && l.despatchedQuantity().signum() == 0 && l.allocatedQuantity().compareTo(l.lineQuantity()) >= 0))
        .collect(Collectors.toList());
    if (ready.isEmpty()) {
      return false;
    }
    CentraOrder order = placed.get(number(ready.get(pick % ready.size())));
    CentraOrder now = shop.centra.orders().stream().filter(o -> o.number() == order.number()).findFirst().orElseThrow();
    List<ShipmentLineRequest> lines = now.lines().stream().filter(l -> l.quantity() > 0)
        .map(l -> ShipmentLineRequest.of(l.id(), l.quantity())).collect(Collectors.toList());
    if (lines.isEmpty()) {
      return false;
    }
    var shipment = shop.centraClient.shipments().create(CreateShipmentRequest.builder().orderNumber((long) order.number())
        .lines(lines).build()).value();
    shop.centraClient.shipments().complete(CompleteShipmentRequest.builder().shipmentId(shipment.id()).carrier("DHL")
        .trackingNumber("3PL-" + order.number()).build());
    return true;
  }

  /**
   * Sage's truth for Centra, buffer 0: free stock plus Sage's allocations to web orders Centra still
   * counts as open (not cancelled, not shipped in Centra), read from both sandboxes at one instant.
   */
  static final class Truth {
    private final Shop shop;
    private final Map<String, BigDecimal> held = new HashMap<>();

    Truth(Shop shop) {
      this.shop = shop;
      Map<Integer, String> status = new HashMap<>();
      shop.centra.orders().forEach(o -> status.put(o.number(), o.status()));
      for (SageSalesOrder order : shop.sage.salesOrders()) {
        String key = order.customerDocumentNo();
        if (key == null || !key.startsWith("CENTRA-")) {
          continue;
        }
        int n = number(order);
        if ("CANCELLED".equals(status.get(n)) || !shop.centra.shipments(n).isEmpty()) {
          continue;
        }
        for (SageSalesOrder.Line l : order.lines()) {
          if (l.sku() != null) {
            held.merge(l.sku() + "@" + l.warehouse(), l.allocatedQuantity(), BigDecimal::add);
          }
        }
      }
    }

    int level(String sku, String warehouse) {
      BigDecimal level = shop.sage.holding(sku, warehouse).freeStockAvailable()
          .add(held.getOrDefault(sku + "@" + warehouse, BigDecimal.ZERO));
      return Math.max(0, level.intValue());
    }
  }

  /** Every Sage change of a unit whose Centra level is now Sage's truth has arrived. */
  private static void resolveLags(Shop shop, Library library, List<String> skus, Map<String, List<Instant>> pending,
      Instant now, List<Long> lags) {
    if (pending.values().stream().allMatch(List::isEmpty)) {
      return;
    }
    Truth truth = library.truth();
    pending.forEach((unit, times) -> {
      if (times.isEmpty()) {
        return;
      }
      String[] parts = unit.split("@");
      if (shop.centra.stock(parts[0], parts[1]).physical().intValue() == truth.level(parts[0], parts[1])) {
        times.forEach(t -> lags.add(Duration.between(t, now).toSeconds()));
        times.clear();
      }
    });
  }

  /** {@code setStock} rows in the requests: one {@code quantity} per size level. */
  static long rowsWritten(List<ReceivedRequest> requests) {
    long rows = 0;
    for (ReceivedRequest r : requests) {
      if ("setStock".equals(r.operation())) {
        Matcher m = ROW.matcher(r.body());
        while (m.find()) {
          rows++;
        }
      }
    }
    return rows;
  }

  /** The library as the README wires it, with both warehouses mapped and buffer 0. */
  static final class Library implements AutoCloseable {
    final Shop shop;
    final SyncEngine engine;
    /** Per unit, the Sage truth last counted as a needed row. */
    private final Map<String, Integer> counted = new HashMap<>();

    Library(Shop shop) {
      this.shop = shop;
      InMemorySyncStateStore store = new InMemorySyncStateStore(shop.clock);
      RetrySettings fast = SyncEngine.defaultRetrySettings().toBuilder().maxAttempts(20).initialDelay(Duration.ofMillis(1))
          .maxDelay(Duration.ofMillis(1)).build();
      Mappings mappings = shop.orderMappings();
      long dhl = shop.sage.ids("courier").get("DHL");
      DespatchOptions despatch = DespatchOptions.builder().putSageCourierIds("DHL", dhl).startAfterDespatchId(0)
          .orderWait(Duration.ofSeconds(1)).build();
      Integration link = shop.integration(store, mappings);
      engine = SyncEngine.builder().store(store).clock(shop.clock)
          .flow(new OrderImport(link,
              OrderImportOptions.builder().defaultWarehouse(shop.centraWarehouse(Shop.LEEDS)).build()))
          .flow(new StockPublish(link, StockPublishOptions.builder().initialCursor(SandboxClock.DEFAULT_START)
              .overlap(Duration.ZERO).busyDelay(Duration.ofSeconds(1)).build()))
          .flow(new DespatchToCentra(link, despatch)).flow(new DespatchToSage(link, despatch))
          .retryPolicy(fast).lockRetryPolicy(fast).build();
    }

    /** A poll: orders and stock; the despatch flows too when {@code despatch}. */
    void syncStock(boolean despatch) {
      engine.runOnce(OrderImport.NAME);
      if (despatch) {
        engine.runOnce(DespatchToSage.NAME);
        engine.runOnce(DespatchToCentra.NAME);
        engine.runOnce(OrderImport.NAME);
      }
      engine.runOnce(StockPublish.NAME);
    }

    /** Every flow until nothing is left: the perfect sync, and the catch-up after the sale. */
    void settle() {
      for (int i = 0; i < 4; i++) {
        syncStock(true);
      }
    }

    /** Sage's truth for Centra per unit ({@code sku@warehouse}) right now. */
    Truth truth() {
      return new Truth(shop);
    }

    /**
     * Rows a writer that knew both sides would send now: units whose Centra level differs from a
     * Sage truth not counted before (a level that stays wrong over several polls needs one row).
     */
    long unitsOff(List<String> skus) {
      Truth truth = truth();
      long off = 0;
      for (String sku : skus) {
        for (String wh : WAREHOUSES) {
          int level = truth.level(sku, wh);
          if (shop.centra.stock(sku, wh).physical().intValue() != level
              && !Integer.valueOf(level).equals(counted.put(sku + "@" + wh, level))) {
            off++;
          }
        }
      }
      return off;
    }

    /** Units whose Centra level differs from Sage's truth now. */
    long levelsOff(List<String> skus) {
      Truth truth = truth();
      return skus.stream().mapToLong(sku -> WAREHOUSES.stream()
          .filter(wh -> shop.centra.stock(sku, wh).physical().intValue() != truth.level(sku, wh)).count()).sum();
    }

    @Override
    public void close() {
      engine.close();
    }
  }
}
