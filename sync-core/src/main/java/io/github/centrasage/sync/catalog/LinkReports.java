package io.github.centrasage.sync.catalog;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.model.Product;
import io.github.centrasage.sync.catalog.internal.SizeIndex.CatalogSize;
import io.github.centrasage.sync.catalog.internal.SizeIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@link CatalogPublish#linkReport}: both catalogues matched without writing anything. */
final class LinkReports {

  private LinkReports() {}

  /**
   * Matches both catalogues without writing anything: Sage products without a Centra size (with the
   * reason) and Centra sizes no Sage product matched. Reads every product on both sides.
   */
  static LinkReport of(CentraClient centra, Sage200Client sage, CatalogPublishOptions options) {
    SizeIndex index = SizeIndex.read(centra);
    Map<String, List<String>> claimsBySize = new LinkedHashMap<>();
    Map<String, CatalogSize> sizes = new HashMap<>();
    Map<String, String> sageOnly = new LinkedHashMap<>();
    try (Stream<Product> products = sage.products().stream(ODataQuery.all())) {
      for (Product p : (Iterable<Product>) products::iterator) {
        SizeIndex.Match m = index.match(p.code(), p.barcode(), options.match());
        if (m.size().isPresent()) {
          sizes.put(m.size().get().bindingId(), m.size().get());
          claimsBySize.computeIfAbsent(m.size().get().bindingId(), k -> new ArrayList<>()).add(p.code());
        } else {
          sageOnly.put(p.code(), m.reason());
        }
      }
    }
    Map<String, List<String>> clashes = new LinkedHashMap<>();
    int linked = 0;
    for (Map.Entry<String, List<String>> e : claimsBySize.entrySet()) {
      if (e.getValue().size() > 1) {
        CatalogSize size = sizes.get(e.getKey());
        clashes.put(size.sku().orElse(size.bindingId()), List.copyOf(e.getValue()));
      } else {
        linked++;
      }
    }
    List<String> centraOnly = index.all().stream().filter(s -> !claimsBySize.containsKey(s.bindingId()))
        .map(s -> s.sku().orElse(s.bindingId())).collect(Collectors.toList());
    return LinkReport.builder().linked(linked).sageOnly(sageOnly).centraOnly(centraOnly).clashes(clashes).build();
  }
}
