package io.github.centrasage.sandbox;

import io.github.centrasage.sandbox.internal.CentraEmulator;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A stateful Centra Integration API (GraphQL) emulator on an ephemeral localhost port: products →
 * variants → sizes with SKU and EAN, warehouses with physical / allocated / free-to-allocate stock,
 * pricelists, orders that allocate on placement, shipments that decrement stock when completed,
 * returns, the event queue, {@code setStock}/{@code changeStock}, Bearer token checks and fault
 * injection.
 *
 * <pre>{@code
 * try (CentraSandbox centra = CentraSandbox.start()) {
 *   CentraOrder order = centra.placeOrder("GBP", Map.of("P00001-BLK-M", 1));
 *   // point the Centra client at centra.graphqlUrl() with centra.token()
 * }
 * }</pre>
 */
public final class CentraSandbox extends EmulatedApi {
  private final Options options;
  private final CentraEmulator emulator;

  private CentraSandbox(Options options, CentraEmulator emulator) {
    super("centra", options, emulator);
    this.options = options;
    this.emulator = emulator;
  }

  /** Starts a sandbox seeded with {@link SandboxCatalog#fashionShop()} on an ephemeral port. */
  public static CentraSandbox start() {
    return start(options());
  }

  /** Starts a sandbox with {@code options}. */
  public static CentraSandbox start(Options options) {
    Objects.requireNonNull(options, "options");
    return new CentraSandbox(options,
        new CentraEmulator(options.token, options.clock, options.catalog, options.ftaQuantityType));
  }

  /** Default options, to adjust before {@link #start(Options)}. */
  public static Options options() {
    return new Options();
  }

  /**
   * The value for {@code CentraClient.builder().baseUrl(..)}: the tenant root, e.g.
   * {@code http://127.0.0.1:54321} (the API is at {@code /graphql} below it, as on a real tenant,
   * whose Centra URL is given without the path). {@link Sage200Sandbox#baseUrl()} is likewise what
   * the Sage client's builder takes, which for Sage includes the API path.
   */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** The GraphQL endpoint URL. */
  public String graphqlUrl() {
    return baseUrl() + "/graphql";
  }

  /** The bearer token the sandbox accepts. */
  public String token() {
    return options.token;
  }

  // ---- inspection

  /** Stock of {@code sku} in {@code warehouse} (a warehouse name, e.g. {@code "Leeds DC"}). */
  public CentraStockLevel stock(String sku, String warehouse) {
    return emulator.stock(sku, warehouse);
  }

  /** The shipments of order {@code orderNumber}. */
  public List<CentraShipment> shipments(int orderNumber) {
    return emulator.shipments(orderNumber);
  }

  /** Every order, by number. */
  public List<CentraOrder> orders() {
    return emulator.orders();
  }

  /** Events queued and not yet confirmed. */
  public int queuedEvents() {
    return emulator.queuedEvents();
  }

  /**
   * Centra ids by natural key: {@code warehouse} (name → id), {@code pricelist} (currency → id),
   * {@code variant} and {@code product} (SKU → id).
   */
  public Map<String, Long> ids(String kind) {
    return emulator.ids(kind);
  }

  /** Every size of the catalogue with its variant's and product's fields (also those created through the API). */
  public List<CentraCatalogItem> catalogItems() {
    return emulator.catalogItems();
  }

  /** The size whose SKU is {@code sku}, with its variant's and product's fields. */
  public CentraCatalogItem catalogItem(String sku) {
    Objects.requireNonNull(sku, "sku");
    return catalogItems().stream().filter(i -> sku.equals(i.sku())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown SKU " + sku));
  }

  // ---- simulation

  /**
   * Cancels {@code quantity} of an order line not yet in a shipment, as a customer-service user
   * would in Centra: the line's {@code quantity} drops by it, {@code cancelledQuantity} grows by
   * it, and the allocation is released.
   */
  public CentraOrder cancelLine(int orderNumber, String sku, int quantity) {
    return emulator.cancelLine(orderNumber, Objects.requireNonNull(sku, "sku"), quantity);
  }

  /**
   * Cancels order {@code orderNumber} as customer service would in Centra: every unit not in a
   * shipment is cancelled (its allocation released) and an order with nothing shipped becomes
   * {@code CANCELLED}.
   */
  public CentraOrder cancelOrder(int orderNumber) {
    return emulator.cancelOrder(orderNumber);
  }

  /**
   * Places a web order as a shopper would: prices from the currency's pricelist, 20% VAT included,
   * free-to-allocate stock allocated from the warehouses in order. Refused with
   * {@link IllegalStateException} when the shop has too little stock, as checkout would be.
   */
  public CentraOrder placeOrder(String currency, Map<String, Integer> skuQuantities) {
    return emulator.placeOrder(Objects.requireNonNull(currency, "currency"), Objects.requireNonNull(skuQuantities, "skuQuantities"));
  }

  /** Places a web order as {@link #placeOrder(String, Map)} does, for the returning shopper with {@code email}. */
  public CentraOrder placeOrder(String currency, Map<String, Integer> skuQuantities, String email) {
    return emulator.placeOrder(Objects.requireNonNull(currency, "currency"), Objects.requireNonNull(skuQuantities, "skuQuantities"),
        Objects.requireNonNull(email, "email"));
  }

  /**
   * Sets the VAT rate (percent, included in the price) of {@code sku} for orders placed from now on,
   * e.g. 5 or 0 for children's clothing; the default is 20.
   */
  public void setTaxPercent(String sku, BigDecimal percent) {
    emulator.setTaxPercent(Objects.requireNonNull(sku, "sku"), Objects.requireNonNull(percent, "percent"));
  }

  /** Puts order {@code number} on hold (or releases it), as a person in the AMS would. */
  public void setOnHold(int number, boolean onHold) {
    emulator.setOnHold(number, onHold);
  }

  /**
   * Gives shipment {@code shipmentId} the number {@code number}, as a store that numbers shipments
   * other than {@code <order>-<n>} would (Centra's own format is inferred, not documented).
   */
  public void renumberShipment(long shipmentId, String number) {
    emulator.renumberShipment(shipmentId, Objects.requireNonNull(number, "number"));
  }

  /** A merchandiser renames the product that {@code sku} belongs to (a Centra-owned field). */
  public void renameProduct(String sku, String name) {
    emulator.renameProduct(Objects.requireNonNull(sku, "sku"), Objects.requireNonNull(name, "name"));
  }

  /**
   * A merchandiser edits a field in the Centra admin: of the product {@code sku} belongs to
   * ({@code name}, {@code status} such as {@code INACTIVE}, {@code weight} in kilograms,
   * {@code countryOfOrigin}, {@code harmonizedCommodityCode}) or of the size itself ({@code EAN}).
   * {@code null} clears the field.
   */
  public void editProduct(String sku, String field, String value) {
    emulator.editProduct(Objects.requireNonNull(sku, "sku"), Objects.requireNonNull(field, "field"), value);
  }

  /**
   * A merchandiser changes the SKU of the size {@code sku} to {@code newSku} (so the two systems'
   * codes differ and only the EAN still links them). Afterwards the size is known as {@code newSku}.
   */
  public void changeSku(String sku, String newSku) {
    if (newSku == null || newSku.isBlank()) {
      throw new IllegalArgumentException("newSku must not be blank");
    }
    emulator.changeSku(Objects.requireNonNull(sku, "sku"), newSku);
  }

  @Override
  public String toString() {
    return "CentraSandbox[" + graphqlUrl() + "]";
  }

  /**
   * Options for {@link CentraSandbox#start(Options)}. The token is a sandbox secret only and is
   * still kept out of {@code toString}.
   *
   * <pre>{@code CentraSandbox.start(CentraSandbox.options().port(8100).token("dev"))}</pre>
   */
  public static final class Options extends Settings<Options> {
    private String ftaQuantityType = "FREE_TO_ALLOCATE";

    Options() {
      super("centra-sandbox-token");
    }

    @Override
    Options self() {
      return this;
    }

    /**
     * The {@code StockQuantityType} value accepted for free-to-allocate levels in {@code setStock};
     * Centra's docs only spell out {@code PHYSICAL}, so the default {@code FREE_TO_ALLOCATE} is a guess.
     */
    public Options ftaQuantityType(String ftaQuantityType) {
      this.ftaQuantityType = notBlank(ftaQuantityType, "ftaQuantityType");
      return this;
    }

    @Override
    public String toString() {
      return "CentraSandbox.Options[port=" + port + ", items=" + catalog.items().size() + ", ftaQuantityType="
          + ftaQuantityType + ", token=***]";
    }
  }
}
