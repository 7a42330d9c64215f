package io.github.centrasage.sync.catalog.internal;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.NamedRef;
import io.github.centrasage.centra.Product;
import io.github.centrasage.centra.ProductSize;
import io.github.centrasage.centra.ProductVariant;
import io.github.centrasage.sync.catalog.SkuMatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Centra's catalogue of one pass: sizes by SKU, by EAN and by product, products with the fields
 * the flow compares, and variants by number; the matching rule. Objects the flow creates are added,
 * so the rest of the batch sees them.
 */
public final class SizeIndex {
  private final Map<String, List<CatalogSize>> bySku = new HashMap<>();
  private final Map<String, List<CatalogSize>> byEan = new HashMap<>();
  private final Map<Long, List<CatalogSize>> byProduct = new LinkedHashMap<>();
  private final Map<Long, Product> products = new LinkedHashMap<>();
  /** productId → variant number → variant id. */
  private final Map<Long, Map<String, Long>> variantByNumber = new HashMap<>();
  /** productId → its variants as read (or created). */
  private final Map<Long, List<ProductVariant>> variants = new HashMap<>();
  /** binding id ({@code variant:size}) → size. */
  private final Map<String, CatalogSize> byBindingId = new HashMap<>();
  private final List<CatalogSize> all = new ArrayList<>();

  /**
   * One Centra size: product, variant, size-chart size and product-size ids, SKU, EAN, size name,
   * size number (the SKU's size part) and whether it may be sold (empty: Centra did not say).
   */
  public record CatalogSize(long productId, long variantId, long sizeId, long productSizeId, Optional<String> sku,
      Optional<String> ean, Optional<String> sizeName, Optional<String> sizeNumber, Optional<Boolean> active) {
    /** The {@code "sku"} binding's centraId of this size (the same as StockPublish's). */
    public String bindingId() {
      return variantId + ":" + sizeId;
    }
  }

  /** A match or the reason there is none. */
  public record Match(Optional<CatalogSize> size, String reason) {}

  public SizeIndex(List<Product> catalogue) {
    catalogue.forEach(this::addProduct);
  }

  /** Every product of Centra's catalogue, in one full pass. */
  public static SizeIndex read(CentraClient centra) {
    try (Stream<Product> products = centra.catalog().products()) {
      return new SizeIndex(products.collect(Collectors.toList()));
    }
  }

  /** Adds a product with its variants and sizes. */
  public void addProduct(Product p) {
    products.put(p.id(), p);
    byProduct.computeIfAbsent(p.id(), k -> new ArrayList<>());
    variantByNumber.computeIfAbsent(p.id(), k -> new HashMap<>());
    p.variants().forEach(v -> addVariant(p.id(), v));
  }

  /** Adds a variant with its sizes to product {@code productId}. */
  public void addVariant(long productId, ProductVariant v) {
    v.variantNumber().ifPresent(n -> variantByNumber.computeIfAbsent(productId, k -> new HashMap<>()).put(n, v.id()));
    variants.computeIfAbsent(productId, k -> new ArrayList<>()).add(v);
    v.productSizes().forEach(s -> addSize(productId, v.id(), s));
  }

  /** Adds a size (those without a size-chart size cannot carry stock and are left out). */
  public Optional<CatalogSize> addSize(long productId, long variantId, ProductSize s) {
    if (s.size().isEmpty()) {
      return Optional.empty();
    }
    CatalogSize size = new CatalogSize(productId, variantId, s.size().get().id(), s.id(), s.sku(), s.ean(),
        s.size().flatMap(NamedRef::name), s.sizeNumber(), s.isActive());
    all.add(size);
    byBindingId.put(size.bindingId(), size);
    size.sku().filter(v -> !v.isBlank()).ifPresent(v -> bySku.computeIfAbsent(v, k -> new ArrayList<>()).add(size));
    size.ean().filter(v -> !v.isBlank()).ifPresent(v -> byEan.computeIfAbsent(v, k -> new ArrayList<>()).add(size));
    byProduct.computeIfAbsent(productId, k -> new ArrayList<>()).add(size);
    return Optional.of(size);
  }

  /** The Centra size of Sage product {@code code} with barcode {@code barcode}, by {@code rule}. */
  public Match match(String code, Optional<String> barcode, SkuMatch rule) {
    if (rule != SkuMatch.EAN) {
      List<CatalogSize> found = bySku.getOrDefault(code, List.of());
      if (found.size() == 1) {
        return new Match(Optional.of(found.get(0)), "");
      }
      if (found.size() > 1) {
        return new Match(Optional.empty(), "SKU " + code + " is on " + found.size() + " Centra sizes; make it unique in Centra");
      }
    }
    Optional<String> ean = barcode.filter(b -> !b.isBlank());
    if (rule != SkuMatch.SKU && ean.isPresent()) {
      List<CatalogSize> found = byEan.getOrDefault(ean.get(), List.of());
      if (found.size() == 1) {
        return new Match(Optional.of(found.get(0)), "");
      }
      if (found.size() > 1) {
        return new Match(Optional.empty(), "EAN " + ean.get() + " of Sage product " + code + " is on " + found.size()
            + " Centra sizes; make it unique in Centra");
      }
    }
    String by = rule == SkuMatch.SKU ? "SKU" : rule == SkuMatch.EAN ? "EAN" : "SKU or EAN";
    return new Match(Optional.empty(), "Sage product " + code + ean.map(e -> " (EAN " + e + ")").orElse("")
        + " has no Centra size with that " + by + " (add it in Centra, or set the SKU/EAN on the size)");
  }

  /** The sizes of a Centra product. */
  public List<CatalogSize> sizesOf(long productId) {
    return byProduct.getOrDefault(productId, List.of());
  }

  /** The product as the pass read it (or as the flow created it). */
  public Optional<Product> product(long productId) {
    return Optional.ofNullable(products.get(productId));
  }

  /** The products with product number {@code number}. */
  public List<Long> productsNumbered(String number) {
    return products.values().stream().filter(p -> p.productNumber().filter(number::equals).isPresent())
        .map(Product::id).collect(Collectors.toList());
  }

  /** The variant of product {@code productId} with variant number {@code number}. */
  public Optional<Long> variantNumbered(long productId, String number) {
    return Optional.ofNullable(variantByNumber.getOrDefault(productId, Map.of()).get(number));
  }

  /** The size of variant {@code variantId} that is size-chart size {@code sizeName}. */
  public Optional<CatalogSize> sizeOf(long productId, long variantId, String sizeName) {
    return sizesOf(productId).stream().filter(s -> s.variantId() == variantId && s.sizeName().filter(sizeName::equals).isPresent())
        .findFirst();
  }

  /** The size a {@code "sku"} binding's centraId ({@code variant:size}) names. */
  public Optional<CatalogSize> byBindingId(String bindingId) {
    return Optional.ofNullable(byBindingId.get(bindingId));
  }

  /** The variants of product {@code productId}, as read or created. */
  public List<ProductVariant> variantsOf(long productId) {
    return variants.getOrDefault(productId, List.of());
  }

  /** Records a product write Centra accepted (its product-level fields), so later batches of the pass compare with it. */
  public void productWritten(Product saved) {
    products.put(saved.id(), saved);
  }

  /** Records a size write Centra accepted: its EAN and active flag as now saved. */
  public void sizeWritten(CatalogSize size, Optional<String> ean, Optional<Boolean> active) {
    CatalogSize now = new CatalogSize(size.productId(), size.variantId(), size.sizeId(), size.productSizeId(), size.sku(),
        ean, size.sizeName(), size.sizeNumber(), active);
    all.replaceAll(s -> s.productSizeId() == size.productSizeId() ? now : s);
    byBindingId.put(now.bindingId(), now);
    List<CatalogSize> ofProduct = byProduct.get(size.productId());
    if (ofProduct != null) {
      ofProduct.replaceAll(s -> s.productSizeId() == size.productSizeId() ? now : s);
    }
    size.sku().ifPresent(v -> Optional.ofNullable(bySku.get(v)).ifPresent(l -> l.replaceAll(s -> s.productSizeId() == size.productSizeId() ? now : s)));
    size.ean().ifPresent(v -> Optional.ofNullable(byEan.get(v)).ifPresent(l -> l.removeIf(s -> s.productSizeId() == size.productSizeId())));
    ean.filter(v -> !v.isBlank()).ifPresent(v -> byEan.computeIfAbsent(v, k -> new ArrayList<>()).add(now));
  }

  /** Every size. */
  public List<CatalogSize> all() {
    return List.copyOf(all);
  }
}
