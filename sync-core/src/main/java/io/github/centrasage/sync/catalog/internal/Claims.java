package io.github.centrasage.sync.catalog.internal;

import io.github.centrasage.sage200.ODataFilter;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.model.Product;
import io.github.centrasage.sync.catalog.SkuMatch;
import io.github.centrasage.sync.catalog.internal.SizeIndex.CatalogSize;
import io.github.centrasage.sync.stock.internal.SkuDirectory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Identity is exclusive: a Centra size takes one Sage item. This finds the sizes more than one Sage
 * item claims (one by SKU, another by the same EAN; two by one EAN), looking beyond the batch at
 * every Sage item with those sizes' SKUs or EANs, so a clash is found whichever item changed.
 */
public final class Claims {
  private Claims() {}

  /** A Sage item claiming a size, and how ({@code SKU} or {@code EAN <barcode>}). */
  public record Claimant(Product item, String how) {}

  /**
   * The sizes among {@code sizes} that more than one Sage item claims under {@code rule}, by
   * binding id, with every claimant. {@code known} are Sage items already read (the batch's).
   */
  public static Map<String, List<Claimant>> clashes(Sage200Client sage, SizeIndex index, SkuMatch rule,
      Collection<Product> known, Collection<CatalogSize> sizes) {
    if (rule == SkuMatch.SKU || sizes.isEmpty()) {
      return Map.of(); // Sage codes are unique and a SKU on two Centra sizes matches none: no two claims
    }
    Map<Long, Product> candidates = new LinkedHashMap<>();
    known.forEach(p -> candidates.put(p.id(), p));
    Set<String> knownCodes = known.stream().map(Product::code).collect(Collectors.toSet());
    List<String> codes = sizes.stream().map(CatalogSize::sku).flatMap(Optional::stream)
        .filter(c -> !c.isBlank() && !knownCodes.contains(c)).distinct().collect(Collectors.toList());
    List<String> eans = sizes.stream().map(CatalogSize::ean).flatMap(Optional::stream).filter(e -> !e.isBlank())
        .distinct().collect(Collectors.toList());
    for (List<String> chunk : SkuDirectory.chunks(codes)) {
      sage.products().list(ODataQuery.where(ODataFilter.in("code", chunk))).forEach(p -> candidates.putIfAbsent(p.id(), p));
    }
    for (List<String> chunk : SkuDirectory.chunks(eans)) {
      sage.products().list(ODataQuery.where(ODataFilter.in("barcode", chunk))).forEach(p -> candidates.putIfAbsent(p.id(), p));
    }
    Set<String> wanted = sizes.stream().map(CatalogSize::bindingId).collect(Collectors.toSet());
    Map<String, List<Claimant>> bySize = new LinkedHashMap<>();
    for (Product p : candidates.values()) {
      index.match(p.code(), p.barcode(), rule).size().filter(s -> wanted.contains(s.bindingId())).ifPresent(s -> {
        String how = rule != SkuMatch.EAN && s.sku().filter(p.code()::equals).isPresent() ? "SKU"
            : "EAN " + p.barcode().orElse("?");
        bySize.computeIfAbsent(s.bindingId(), k -> new ArrayList<>()).add(new Claimant(p, how));
      });
    }
    bySize.values().removeIf(l -> l.size() < 2);
    return bySize;
  }

  /** The park reason naming the size and every claimant. */
  public static String reason(CatalogSize size, List<Claimant> claimants) {
    String who = claimants.stream().map(c -> c.item().code() + " (by " + c.how() + ")").collect(Collectors.joining(", "));
    return "Centra size " + size.sku().orElse(size.bindingId()) + size.ean().map(e -> " (EAN " + e + ")").orElse("")
        + " is claimed by more than one Sage item: " + who + "; a Centra size takes one Sage item, so none of them is"
        + " linked or published until the SKU or barcode is made unique, then replay";
  }
}
