package io.github.centrasage.testing;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.TokenProvider;
import io.github.centrasage.sandbox.CentraSandbox;
import io.github.centrasage.sandbox.Sage200Sandbox;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sandbox.SandboxClock;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sync.store.SyncStateStore;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Both sandboxes with the seed fashion shop, on one clock, with clients ready to use and the
 * mappings that fit the shop: the quickest way to run the library end to end in a test or a first
 * try, with nothing to configure. The engine builder it gives runs on the sandboxes' clock, so
 * polling windows and retry times agree with the data.
 *
 * <pre>{@code
 * try (SandboxShop shop = SandboxShop.start()) {
 *   Integration link = shop.integration(new InMemorySyncStateStore(shop.clock()));
 *   SyncEngine engine = shop.engine(link)
 *       .flow(new OrderImport(link, OrderImportOptions.builder().discovery(Discovery.POLLING)
 *           .defaultWarehouse(shop.centraWarehouse(SandboxShop.LEEDS)).build()))
 *       .build();
 *   shop.centra().placeOrder("GBP", Map.of(shop.sku(0), 1));
 *   engine.runUntilIdle(Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>Belongs in test scope: the sandboxes carry an embedded HTTP server.
 */
public final class SandboxShop implements AutoCloseable {
  /** The seed shop's warehouse in Leeds (the name is the same in both systems). */
  public static final String LEEDS = "Leeds DC";
  /** The seed shop's warehouse in London. */
  public static final String LONDON = "London Store";

  private final SandboxClock clock;
  private final CentraSandbox centra;
  private final Sage200Sandbox sage;
  private final CentraClient centraClient;
  private final Sage200Client sageClient;
  private final Mappings mappings;

  private SandboxShop(SandboxClock clock) {
    this.clock = clock;
    this.centra = CentraSandbox.start(CentraSandbox.options().clock(clock).catalog(SandboxCatalog.fashionShop()));
    try {
      this.sage = Sage200Sandbox.start(Sage200Sandbox.options().clock(clock).catalog(SandboxCatalog.fashionShop()));
    } catch (RuntimeException e) {
      centra.close();
      throw e;
    }
    this.centraClient = CentraClient.builder().baseUrl(centra.baseUrl()).token(centra.token()).allowPlainHttp(true)
        .build();
    // the first requests of a cold sandbox can be slow on a loaded machine
    this.sageClient = Sage200Client.builder().baseUrl(sage.baseUrl()).siteId(sage.siteId())
        .companyId(sage.companyId()).tokenProvider(TokenProvider.staticToken(sage.token())).allowPlainHttp(true)
        .readTimeout(Duration.ofSeconds(20)).build();
    var seed = SeedShopMappings.builder(sageClient);
    for (String name : new String[] {LEEDS, LONDON}) {
      seed.putWarehouse(centraWarehouse(name), Long.toString(sage.ids("warehouse").get(name)));
    }
    this.mappings = seed.build();
  }

  /** Starts both sandboxes on a clock that follows system time (from now). */
  public static SandboxShop start() {
    return start(SandboxClock.ticking());
  }

  /** Starts both sandboxes on {@code clock} (a pinned clock makes a test fully deterministic). */
  public static SandboxShop start(SandboxClock clock) {
    return new SandboxShop(Objects.requireNonNull(clock, "clock"));
  }

  /** The one clock of both sandboxes; give it to the engine and the store too. */
  public SandboxClock clock() {
    return clock;
  }

  /** The Centra sandbox: place orders, inspect stock and shipments, inject faults. */
  public CentraSandbox centra() {
    return centra;
  }

  /** The Sage 200 sandbox: inspect sales orders, despatch, change stock and prices, lock records. */
  public Sage200Sandbox sage() {
    return sage;
  }

  /** A Centra client for the Centra sandbox (plain HTTP allowed, the sandbox's token). */
  public CentraClient centraClient() {
    return centraClient;
  }

  /** A Sage 200 client for the Sage sandbox (plain HTTP allowed, the sandbox's token, site and company). */
  public Sage200Client sageClient() {
    return sageClient;
  }

  /** The Centra warehouse id of a seed-shop warehouse ({@link #LEEDS}, {@link #LONDON}), as mappings key it. */
  public String centraWarehouse(String name) {
    Long id = centra.ids("warehouse").get(name);
    if (id == null) {
      throw new IllegalArgumentException("No Centra warehouse named '" + name + "'; known: "
          + new TreeMap<>(centra.ids("warehouse")).keySet());
    }
    return Long.toString(id);
  }

  /** The {@code i}-th SKU of the seed catalogue (wraps around), for placing orders. */
  public String sku(int i) {
    var items = SandboxCatalog.fashionShop().items();
    return items.get(Math.floorMod(i, items.size())).sku();
  }

  /**
   * The seed shop's mappings: GBP and EUR, UK VAT, Adyen through clearing bank 1210, a shared web
   * account per market, both warehouses mapped by name ({@link SeedShopMappings}).
   */
  public Mappings mappings() {
    return mappings;
  }

  /**
   * Both sandboxes' clients, {@code store} and {@link #mappings()} joined, for the flows' constructors.
   *
   * @throws io.github.centrasage.sync.integration.StoreIdentityException if {@code store} was used with
   *     another pair of sandboxes (each sandbox start has its own base URL)
   */
  public Integration integration(SyncStateStore store) {
    return Integration.builder().centra(centraClient).sage(sageClient).store(store).mappings(mappings).build();
  }

  /** An engine builder on {@code integration}'s store and the sandboxes' clock. Add flows and build. */
  public SyncEngine.Builder engine(Integration integration) {
    return SyncEngine.builder().store(integration.store()).clock(clock);
  }

  /** The Centra warehouse ids of the seed shop by name. */
  public Map<String, String> centraWarehouses() {
    Map<String, String> out = new TreeMap<>();
    centra.ids("warehouse").forEach((name, id) -> out.put(name, Long.toString(id)));
    return out;
  }

  /** Stops both sandboxes. */
  @Override
  public void close() {
    try {
      centra.close();
    } finally {
      sage.close();
    }
  }
}
