package io.github.centrasage.benchmarks;

import io.github.centrasage.centra.CompleteShipmentRequest;
import io.github.centrasage.centra.CreateShipmentRequest;
import io.github.centrasage.centra.SetStockRequest;
import io.github.centrasage.centra.ShipmentLineRequest;
import io.github.centrasage.centra.SizeStockLevel;
import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.SageSalesOrder;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sandbox.SandboxClock;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.despatch.DespatchToCentra;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.order.OrderImportOptions;
import io.github.centrasage.sync.stock.StockPublish;
import io.github.centrasage.sync.stock.StockPublishOptions;
import io.github.centrasage.sync.stock.internal.StockFormula;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A flash sale on a few SKUs with little stock: shoppers place orders in Centra every second while
 * Sage's stock changes under them (trade customers allocate, goods arrive, the warehouse despatches
 * web orders). The same seeded world runs twice, once synchronised by the library (OrderImport,
 * StockPublish and DespatchToCentra every {@code libraryInterval}) and once by the naive script
 * (every {@code naiveInterval}: import new orders, push Sage's free stock to Centra as it is, one
 * {@code setStock} per SKU, ship what Sage despatched). Counted: units Centra sold that Sage could
 * not allocate (oversold), Centra stock writes, and the lag from a Sage stock change until Centra
 * shows it, on the sandbox clock.
 */
final class FlashSale {
  static final int SKUS = 4;
  static final int OPENING_STOCK = 25;
  /** The trade account of the seed shop that allocates stock in Sage during the sale. */
  static final String TRADE_ACCOUNT = "HARR001";
  /**
   * The safety buffer of the second library run: units held back from Centra to cover what other
   * channels allocate in Sage between two polls (a trade allocation here is 2 to 5 units).
   */
  static final long BUFFER = 3;

  private FlashSale() {}

  /** What one side of the comparison needs to do at each of its sync instants. */
  private interface Integration extends AutoCloseable {
    void sync();

    /** The Centra physical level this integration means to show for {@code sku}, given Sage now. */
    int target(String sku);

    @Override
    void close();
  }

  static Map<String, Object> run(Duration sale, Duration latency, Duration libraryInterval, Duration naiveInterval) {
    Result library = simulate(sale, latency, libraryInterval, true, 0);
    Result buffered = simulate(sale, latency, libraryInterval, true, BUFFER);
    Result naive = simulate(sale, latency, naiveInterval, false, 0);
    return new Bench.Line("flash-sale").put("skus", SKUS).put("opening_stock_per_sku", OPENING_STOCK)
        .put("sale_s", sale.toSeconds()).put("latency_ms", latency.toMillis())
        .put("library_interval_s", libraryInterval.toSeconds()).put("naive_interval_s", naiveInterval.toSeconds())
        .put("shoppers", library.attempts).put("library_orders", library.placed).put("naive_orders", naive.placed)
        .put("library_oversold_units", library.oversold).put("naive_oversold_units", naive.oversold)
        .put("library_buffer", BUFFER).put("library_buffered_oversold_units", buffered.oversold)
        .put("library_buffered_units_sold", buffered.unitsSold)
        .put("library_stock_writes", library.stockWrites).put("naive_stock_writes", naive.stockWrites)
        .put("library_lag_p50_s", library.lagPercentile(50)).put("library_lag_p99_s", library.lagPercentile(99))
        .put("naive_lag_p50_s", naive.lagPercentile(50)).put("naive_lag_p99_s", naive.lagPercentile(99))
        .put("sage_stock_changes", library.lags.size())
        .put("library_units_sold", library.unitsSold).put("naive_units_sold", naive.unitsSold)
        .print();
  }

  static final class Result {
    int attempts;
    int placed;
    long unitsSold;
    long oversold;
    long stockWrites;
    final List<Long> lags = new ArrayList<>();

    double lagPercentile(int p) {
      if (lags.isEmpty()) {
        return 0;
      }
      List<Long> sorted = lags.stream().sorted().collect(Collectors.toList());
      int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
      return sorted.get(Math.max(0, index));
    }
  }

  /** One sale, second by second on the sandbox clock, with the same seed for either side. */
  static Result simulate(Duration sale, Duration latency, Duration interval, boolean useLibrary, long buffer) {
    SandboxClock clock = SandboxClock.startingAt(SandboxClock.DEFAULT_START);
    try (Shop shop = new Shop(SandboxCatalog.fashionShop(), clock, latency, 4)) {
      List<String> skus = SandboxCatalog.fashionShop().items().stream().map(SandboxCatalog.Item::sku).limit(SKUS)
          .collect(Collectors.toList());
      // the sale's stock is in Leeds only, so every web order and every trade allocation competes for it
      clock.advance(Duration.ofSeconds(1));
      for (String sku : skus) {
        setSageStock(shop, sku, Shop.LONDON, 0);
        setSageStock(shop, sku, Shop.LEEDS, OPENING_STOCK);
      }
      Map<Integer, CentraOrder> orders = new LinkedHashMap<>();
      Deque<Integer> despatchedInSage = new ArrayDeque<>();
      try (Integration integration = useLibrary ? library(shop, buffer) : naive(shop, skus, orders, despatchedInSage)) {
        integration.sync(); // both sides start with Centra agreeing with Sage
        clock.advance(Duration.ofSeconds(1));
        integration.sync();
        shop.centra.resetRequestCounts();
        Result result = new Result();
        Random random = new Random(2026);
        Map<String, List<Instant>> pending = new HashMap<>();
        Set<String> despatched = new HashSet<>();
        long seconds = sale.toSeconds();
        long every = Math.max(1, interval.toSeconds());
        for (long second = 1; second <= seconds; second++) {
          clock.advance(Duration.ofSeconds(1));
          // shoppers: about 1.3 a second, one or two units of one sale SKU
          int shoppers = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(2);
          for (int i = 0; i < shoppers; i++) {
            String sku = skus.get(random.nextInt(skus.size()));
            int quantity = 1 + random.nextInt(2);
            result.attempts++;
            try {
              CentraOrder order = shop.centra.placeOrder("GBP", Map.of(sku, quantity));
              orders.put(order.number(), order);
              result.placed++;
              result.unitsSold += quantity;
            } catch (IllegalStateException soldOut) {
              // Centra showed too little stock: a refused shopper, not an oversell
            }
          }
          // Sage: a trade customer allocates about every 20 s, goods arrive about every 90 s
          if (random.nextInt(20) == 0) {
            String sku = skus.get(random.nextInt(skus.size()));
            shop.sage.allocateNonWebOrder(TRADE_ACCOUNT, sku, Shop.LEEDS, BigDecimal.valueOf(2 + random.nextInt(4)));
            pending.computeIfAbsent(sku, k -> new ArrayList<>()).add(clock.instant());
          }
          if (random.nextInt(90) == 0) {
            String sku = skus.get(random.nextInt(skus.size()));
            shop.sage.receiveGoods(sku, Shop.LEEDS, BigDecimal.valueOf(10));
            pending.computeIfAbsent(sku, k -> new ArrayList<>()).add(clock.instant());
          }
          // the warehouse despatches one fully allocated web order a second
          despatchOne(shop, despatched, despatchedInSage);
          if (second % every == 0) {
            integration.sync();
            resolveLags(integration, shop, skus, pending, clock.instant(), result.lags);
          }
        }
        // after the sale: the integration catches up, then every order is in Sage
        for (int i = 0; i < 3; i++) {
          clock.advance(interval);
          integration.sync();
          resolveLags(integration, shop, skus, pending, clock.instant(), result.lags);
        }
        pending.values().forEach(times -> times.forEach(t -> result.lags.add(Duration.between(t, clock.instant()).toSeconds())));
        result.stockWrites = shop.centra.requestCount("setStock");
        for (CentraOrder order : orders.values()) {
          result.oversold += shortfall(shop, order);
        }
        return result;
      }
    }
  }

  static void setSageStock(Shop shop, String sku, String warehouse, int quantity) {
    BigDecimal now = shop.sage.holding(sku, warehouse).quantityInStock();
    shop.sage.adjustStock(sku, warehouse, BigDecimal.valueOf(quantity).subtract(now));
  }

  /** Every Sage change of a SKU whose Centra level is now what the integration means it to be has arrived. */
  private static void resolveLags(Integration integration, Shop shop, List<String> skus, Map<String, List<Instant>> pending,
      Instant now, List<Long> lags) {
    for (String sku : skus) {
      List<Instant> times = pending.get(sku);
      if (times == null || times.isEmpty()) {
        continue;
      }
      if (shop.centra.stock(sku, Shop.LEEDS).physical().intValue() == integration.target(sku)) {
        times.forEach(t -> lags.add(Duration.between(t, now).toSeconds()));
        times.clear();
      }
    }
  }

  private static void despatchOne(Shop shop, Set<String> despatched, Deque<Integer> despatchedInSage) {
    for (SageSalesOrder order : shop.sage.salesOrders()) {
      String key = order.customerDocumentNo();
      if (key == null || !key.startsWith("CENTRA-") || despatched.contains(key)) {
        continue;
      }
      boolean allocated = order.lines().stream().filter(l -> l.sku() != null)
          .allMatch(l -> l.allocatedQuantity().compareTo(l.lineQuantity()) >= 0);
      if (allocated) {
        shop.sage.despatch(order.documentNo(), "FS-" + order.documentNo());
        despatched.add(key);
        despatchedInSage.add(Integer.parseInt(key.substring("CENTRA-".length())));
        return;
      }
    }
  }

  /** Units of a Centra order that Sage could not allocate when it arrived: sold, but not there. */
  static long shortfall(Shop shop, CentraOrder order) {
    return shop.sage.salesOrdersWithCustomerDocumentNo("CENTRA-" + order.number()).stream()
        .flatMap(o -> o.lines().stream()).filter(l -> l.sku() != null)
        // a despatched unit had been allocated (only fully allocated orders are despatched)
        .map(l -> l.lineQuantity().subtract(l.allocatedQuantity()).subtract(l.despatchedQuantity()))
        .reduce(BigDecimal.ZERO, BigDecimal::add).longValue();
  }

  private static Integration library(Shop shop, long buffer) {
    String leeds = shop.sageWarehouse(Shop.LEEDS);
    InMemorySyncStateStore store = new InMemorySyncStateStore(shop.clock);
    RetrySettings fast = SyncEngine.defaultRetrySettings().toBuilder().maxAttempts(20).initialDelay(Duration.ofMillis(1))
        .maxDelay(Duration.ofMillis(1)).build();
    Mappings mappings = Mappings.builder().from(shop.orderMappings()).defaultSafetyBuffer(buffer).build();
    var link = shop.integration(store, mappings);
    SyncEngine engine = SyncEngine.builder().store(store).clock(shop.clock)
        .flow(new OrderImport(link,
            OrderImportOptions.builder().defaultWarehouse(shop.centraWarehouse(Shop.LEEDS)).build()))
        .flow(new StockPublish(link, StockPublishOptions.builder().initialCursor(SandboxClock.DEFAULT_START)
            .overlap(Duration.ZERO).build()))
        .flow(new DespatchToCentra(link))
        .retryPolicy(fast).lockRetryPolicy(fast).build();
    return new Integration() {
      @Override
      public void sync() {
        engine.runOnce(OrderImport.NAME);
        engine.runOnce(DespatchToCentra.NAME);
        engine.runOnce(StockPublish.NAME);
      }

      @Override
      public int target(String sku) {
        return StockFormula.centraPhysical(shop.sage.holding(sku, Shop.LEEDS).freeStockAvailable(),
            store.allocatedQuantity(sku, leeds), buffer);
      }

      @Override
      public void close() {
        engine.close();
      }
    };
  }

  /**
   * The script: orders as {@link NaiveScript} imports them; then Sage's free stock of every sale
   * SKU written to Centra as it is, one {@code setStock} each; then a completed Centra shipment for
   * every order Sage despatched since the last run.
   */
  private static Integration naive(Shop shop, List<String> skus, Map<Integer, CentraOrder> orders,
      Deque<Integer> despatchedInSage) {
    NaiveScript script = new NaiveScript(shop.centraClient, shop.sageClient, shop.sage.ids("customer").get("WEBGBP"),
        shop.sage.ids("warehouse").get(Shop.LEEDS), SandboxClock.DEFAULT_START.minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC));
    long centraLeeds = Long.parseLong(shop.centraWarehouse(Shop.LEEDS));
    // the script's SKU table: Centra variant and size name of each sale SKU
    Map<String, Long> variants = shop.centra.ids("variant");
    Map<String, String> sizeNames = SandboxCatalog.fashionShop().items().stream()
        .collect(Collectors.toMap(SandboxCatalog.Item::sku, SandboxCatalog.Item::sizeName));
    return new Integration() {
      @Override
      public void sync() {
        script.importOrders();
        for (String sku : skus) {
          int free = target(sku);
          NaiveScript.blindly(() -> shop.centraClient.stock().set(SetStockRequest.builder().warehouseId(centraLeeds)
              .addLevels(SizeStockLevel.ofSizeName(variants.get(sku), sizeNames.get(sku), free)).build()));
        }
        while (!despatchedInSage.isEmpty()) {
          CentraOrder order = orders.get(despatchedInSage.poll());
          var shipment = NaiveScript.blindly(() -> shop.centraClient.shipments().create(CreateShipmentRequest.builder()
              .orderNumber((long) order.number())
              .lines(order.lines().stream().map(l -> ShipmentLineRequest.of(l.id(), l.quantity())).collect(Collectors.toList()))
              .build()).value());
          NaiveScript.blindly(() -> shop.centraClient.shipments().complete(
              CompleteShipmentRequest.builder().shipmentId(shipment.id()).build()));
        }
      }

      @Override
      public int target(String sku) {
        return Math.max(0, shop.sage.holding(sku, Shop.LEEDS).freeStockAvailable().intValue());
      }

      @Override
      public void close() {
      }
    };
  }
}
