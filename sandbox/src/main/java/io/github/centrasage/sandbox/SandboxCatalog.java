package io.github.centrasage.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The shop both sandboxes are seeded with: the same SKUs, EANs, prices and warehouses on the Centra
 * and the Sage side, so flows can link them. {@link #fashionShop()} is a small realistic shop;
 * {@link #generated(int, long)} makes catalogues of any size for benchmarks.
 *
 * <pre>{@code Sage200Sandbox.start(Sage200Sandbox.options().catalog(SandboxCatalog.generated(10_000, 42)));}</pre>
 */
public final class SandboxCatalog {
  /** The two warehouses of the seeded shop (the same names on both sides). */
  public static final List<String> WAREHOUSES = List.of("Leeds DC", "London Store");

  /** One sellable size: the unit both systems keep stock of. */
  public record Item(String productNumber, String productName, String variantNumber, String variantName,
      String sizeName, String sku, String ean, BigDecimal priceGbp, BigDecimal priceEur,
      Map<String, BigDecimal> stock) {
    public Item {
      stock = Collections.unmodifiableMap(new LinkedHashMap<>(stock));
    }
  }

  private final List<Item> items;

  private SandboxCatalog(List<Item> items) {
    this.items = List.copyOf(items);
  }

  /** Every item, grouped by product then variant. */
  public List<Item> items() {
    return items;
  }

  /** The warehouses stock is kept in. */
  public List<String> warehouses() {
    return WAREHOUSES;
  }

  private static final String[] GARMENTS = {"T-Shirt", "Hoodie", "Sweatshirt", "Shirt", "Knit", "Jacket",
      "Coat", "Dress", "Skirt", "Trousers"};
  private static final String[] STYLES = {"Organic", "Relaxed", "Heavyweight", "Cropped", "Classic"};
  private static final String[][] COLOURS = {{"BLK", "Black"}, {"NVY", "Navy"}, {"ECR", "Ecru"},
      {"OLV", "Olive"}, {"RST", "Rust"}};
  private static final String[] SIZES = {"XS", "S", "M", "L", "XL"};
  private static final int[] BASE_PRICES = {25, 65, 55, 60, 85, 140, 220, 95, 70, 80};

  /** A small fashion shop: 50 products, two colours each, sizes XS–XL (500 SKUs), two warehouses. */
  public static SandboxCatalog fashionShop() {
    return build(50, 2, 7L);
  }

  /** A catalogue of at least {@code skuCount} SKUs (products of one to five colours × five sizes). */
  public static SandboxCatalog generated(int skuCount, long seed) {
    if (skuCount < 1) {
      throw new IllegalArgumentException("skuCount must be at least 1, was " + skuCount);
    }
    int products = (skuCount + 9) / 10;
    return new SandboxCatalog(build(products, 2, seed).items.subList(0, skuCount));
  }

  private static SandboxCatalog build(int productCount, int coloursPerProduct, long seed) {
    Random random = new Random(seed);
    List<Item> items = new ArrayList<>();
    int eanSeq = 0;
    for (int p = 0; p < productCount; p++) {
      String garment = GARMENTS[p % GARMENTS.length];
      String style = STYLES[(p / GARMENTS.length) % STYLES.length];
      String productNumber = String.format("P%05d", p + 1);
      String name = style + " " + garment + (p >= 50 ? " " + (p / 50 + 1) : "");
      BigDecimal gbp = BigDecimal.valueOf(BASE_PRICES[p % BASE_PRICES.length] + (p / GARMENTS.length) * 5L)
          .setScale(2, RoundingMode.UNNECESSARY);
      // EUR list prices: about 1.17 × GBP, ending in .00 like most fashion pricelists.
      BigDecimal eur = gbp.multiply(new BigDecimal("1.17")).setScale(0, RoundingMode.HALF_UP).setScale(2, RoundingMode.UNNECESSARY);
      for (int c = 0; c < coloursPerProduct; c++) {
        String[] colour = COLOURS[(p + c) % COLOURS.length];
        for (String size : SIZES) {
          String sku = productNumber + "-" + colour[0] + "-" + size;
          String ean = ean13("50" + String.format("%010d", 1_000_000 + eanSeq++));
          Map<String, BigDecimal> stock = new LinkedHashMap<>();
          stock.put(WAREHOUSES.get(0), BigDecimal.valueOf(5 + random.nextInt(60)));
          stock.put(WAREHOUSES.get(1), BigDecimal.valueOf(random.nextInt(8)));
          items.add(new Item(productNumber, name, colour[0], colour[1], size, sku, ean, gbp, eur, stock));
        }
      }
    }
    return new SandboxCatalog(items);
  }

  /** Appends the GS1 check digit to 12 digits. */
  static String ean13(String twelve) {
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      int d = twelve.charAt(i) - '0';
      sum += (i % 2 == 0) ? d : d * 3;
    }
    return twelve + ((10 - sum % 10) % 10);
  }
}
