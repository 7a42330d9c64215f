package io.github.centrasage.sync.catalog.internal;

import io.github.centrasage.sync.catalog.SkuMatch;
import io.github.centrasage.sync.stock.internal.SkuDirectory.CentraSize;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Centra's sizes of one catalogue pass, by SKU, by EAN and by product, and the matching rule. */
public final class SizeIndex {
  private final Map<String, List<CentraSize>> bySku = new HashMap<>();
  private final Map<String, List<CentraSize>> byEan = new HashMap<>();
  private final Map<Long, List<CentraSize>> byProduct = new LinkedHashMap<>();
  private final List<CentraSize> all;

  public SizeIndex(List<CentraSize> sizes) {
    this.all = List.copyOf(sizes);
    for (CentraSize s : sizes) {
      s.sku().filter(v -> !v.isBlank()).ifPresent(v -> bySku.computeIfAbsent(v, k -> new ArrayList<>()).add(s));
      s.ean().filter(v -> !v.isBlank()).ifPresent(v -> byEan.computeIfAbsent(v, k -> new ArrayList<>()).add(s));
      byProduct.computeIfAbsent(s.productId(), k -> new ArrayList<>()).add(s);
    }
  }

  /** A match or the reason there is none. */
  public record Match(Optional<CentraSize> size, String reason) {}

  /** The Centra size of Sage product {@code code} with barcode {@code barcode}, by {@code rule}. */
  public Match match(String code, Optional<String> barcode, SkuMatch rule) {
    if (rule != SkuMatch.EAN) {
      List<CentraSize> found = bySku.getOrDefault(code, List.of());
      if (found.size() == 1) {
        return new Match(Optional.of(found.get(0)), "");
      }
      if (found.size() > 1) {
        return new Match(Optional.empty(), "SKU " + code + " is on " + found.size() + " Centra sizes; make it unique in Centra");
      }
    }
    Optional<String> ean = barcode.filter(b -> !b.isBlank());
    if (rule != SkuMatch.SKU && ean.isPresent()) {
      List<CentraSize> found = byEan.getOrDefault(ean.get(), List.of());
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
  public List<CentraSize> sizesOf(long productId) {
    return byProduct.getOrDefault(productId, List.of());
  }

  /** Every size. */
  public List<CentraSize> all() {
    return all;
  }
}
