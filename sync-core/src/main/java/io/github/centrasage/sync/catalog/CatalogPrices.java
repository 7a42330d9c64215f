package io.github.centrasage.sync.catalog;

import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.CentraMutationResult;
import io.github.centrasage.centra.CentraUserMessage;
import io.github.centrasage.centra.CodeRef;
import io.github.centrasage.centra.Pricelist;
import io.github.centrasage.centra.ProductPrice;
import io.github.centrasage.centra.SetPricesRequest;
import io.github.centrasage.sage200.ODataFilter;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.model.Product;
import io.github.centrasage.sage200.model.ProductPriceView;
import io.github.centrasage.sync.JobFailure;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.catalog.CatalogPass.CurrentPrices;
import io.github.centrasage.sync.catalog.internal.PricePlan;
import io.github.centrasage.sync.catalog.internal.SizeIndex.CatalogSize;
import io.github.centrasage.sync.integration.internal.OrderTaxes;
import io.github.centrasage.sync.spi.JobContext;
import io.github.centrasage.sync.stock.internal.SkuDirectory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The price step of {@link CatalogPublish}: Sage band prices checked and planned against Centra's pricelists, and written. */
final class CatalogPrices {
  private static final Logger log = LoggerFactory.getLogger(CatalogPublish.class);

  private final CatalogPublishOptions options;

  CatalogPrices(CatalogPublishOptions options) {
    this.options = options;
  }

  List<String> bands() {
    return options.priceMappings().stream().map(PriceMapping::sagePriceBand).distinct().collect(Collectors.toList());
  }

  static Map<String, List<ProductPriceView>> sagePrices(Sage200Client sage, Set<String> codes, List<String> bands) {
    Map<String, List<ProductPriceView>> byBand = new HashMap<>();
    for (List<String> chunk : SkuDirectory.chunks(new ArrayList<>(codes))) {
      sage.productPrices().list(ODataQuery.where(ODataFilter.in("product_code", chunk)
          .and(ODataFilter.in("price_band_name", bands))))
          .forEach(r -> r.priceBandName().ifPresent(b -> byBand.computeIfAbsent(b, k -> new ArrayList<>()).add(r)));
    }
    return byBand;
  }

  /** Centra's pricelists (once per pass) checked against the mappings; false when every job was parked. */
  boolean checkPricelists(Integration ctx, CatalogPass view, Map<String, List<ProductPriceView>> sagePricesByBand,
      Map<Long, List<JobContext>> jobsByCentraProduct) {
    if (view.pricelists == null) {
      view.pricelists = ctx.centra().catalog().pricelists().stream()
          .collect(Collectors.toMap(Pricelist::id, p -> p, (a, b) -> a));
    }
    for (PriceMapping mapping : options.priceMappings()) {
      List<ProductPriceView> rows = sagePricesByBand.getOrDefault(mapping.sagePriceBand(), List.of());
      Optional<String> mismatch = currencyMismatch(ctx.mappings(), mapping, view.pricelists.get(mapping.centraPricelistId()), rows);
      if (mismatch.isPresent()) {
        jobsByCentraProduct.values().forEach(js -> js.forEach(j -> j.fail(JobFailure.permanent(mismatch.get()))));
        jobsByCentraProduct.clear();
        return false;
      }
    }
    return true;
  }

  /**
   * Sizes that Sage sells but no longer prices in a mapped band while Centra still has a price for
   * them there: parked (the product's row is held back) or withdrawn, per
   * {@link CatalogPublishOptions#missingPriceAction()}.
   */
  void missingPrices(Integration ctx, CatalogPass view, Map<String, CatalogSize> sizeBySageCode, Map<String, Product> sageByCode,
      Map<String, List<ProductPriceView>> sagePricesByBand, Map<Long, String> withdrawn,
      Map<Long, List<JobContext>> jobsByCentraProduct) {
    CentraClient client = ctx.centra();
    for (PriceMapping mapping : options.priceMappings()) {
      Set<String> priced = sagePricesByBand.getOrDefault(mapping.sagePriceBand(), List.of()).stream()
          .filter(r -> r.productPricePrice().isPresent()).map(ProductPriceView::productCode).flatMap(Optional::stream)
          .collect(Collectors.toSet());
      Map<Long, CurrentPrices> current = CatalogPass.currentPrices(client, view, mapping.centraPricelistId());
      Map<Long, List<String>> unpricedByProduct = new LinkedHashMap<>();
      sizeBySageCode.forEach((code, size) -> {
        CurrentPrices now = current.get(size.productId());
        boolean centraPrices = now != null && (now.product != null || now.variants.containsKey(size.variantId()));
        if (sageByCode.containsKey(code) && !priced.contains(code) && !withdrawn.containsKey(size.productSizeId())
            && centraPrices && jobsByCentraProduct.containsKey(size.productId())) {
          unpricedByProduct.computeIfAbsent(size.productId(), k -> new ArrayList<>()).add(code);
          if (options.missingPriceAction() == WithdrawAction.DEACTIVATE) {
            withdrawn.put(size.productSizeId(), "Sage has no price for item " + code + " in band " + mapping.sagePriceBand());
          }
        }
      });
      if (options.missingPriceAction() == WithdrawAction.PARK) {
        unpricedByProduct.forEach((product, codes) -> {
          String reason = "Sage band " + mapping.sagePriceBand() + " has no price for " + codes.stream().sorted().toList()
              + ", which Centra pricelist " + mapping.centraPricelistId() + " still prices; nothing of Centra product "
              + product + " is written there until Sage prices them again (or missingPriceAction is DEACTIVATE)";
          log.warn("CatalogPublish: {}", reason);
          jobsByCentraProduct.remove(product).forEach(j -> j.fail(JobFailure.permanent(reason)));
        });
      }
    }
  }

  void publishPrices(Integration ctx, CatalogPass view, Map<String, CatalogSize> sizeBySageCode,
      Map<String, List<ProductPriceView>> sagePricesByBand, Map<Long, String> withdrawn,
      Map<Long, List<JobContext>> jobsByCentraProduct) {
    CentraClient client = ctx.centra();
    for (PriceMapping mapping : options.priceMappings()) {
      int digits = currencyDigits(mapping.currency());
      List<ProductPriceView> rows = sagePricesByBand.getOrDefault(mapping.sagePriceBand(), List.of());
      Map<Long, Map<Long, Map<String, BigDecimal>>> wanted = new HashMap<>();
      for (ProductPriceView row : rows) {
        CatalogSize size = row.productCode().map(sizeBySageCode::get).orElse(null);
        if (size != null && row.productPricePrice().isPresent() && !withdrawn.containsKey(size.productSizeId())) {
          wanted.computeIfAbsent(size.productId(), k -> new HashMap<>())
              .computeIfAbsent(size.variantId(), k -> new HashMap<>())
              .put(row.productCode().get(), centraPrice(ctx.mappings(), mapping, row.productPricePrice().get())
                  .setScale(digits, options.priceRounding()));
        }
      }
      Map<Long, CurrentPrices> current = CatalogPass.currentPrices(client, view, mapping.centraPricelistId());
      List<ProductPrice> changed = new ArrayList<>();
      for (Long product : new ArrayList<>(jobsByCentraProduct.keySet())) {
        CurrentPrices now = current.getOrDefault(product, new CurrentPrices());
        PricePlan.Outcome outcome = PricePlan.plan(product, mapping.currency(), mapping.sagePriceBand(),
            wanted.getOrDefault(product, Map.of()), Optional.ofNullable(now.product), now.variants,
            options.overrideIndividualVariantPrices());
        if (outcome.problem().isPresent()) {
          String reason = outcome.problem().get();
          jobsByCentraProduct.remove(product).forEach(j -> j.fail(JobFailure.permanent(reason)));
          continue;
        }
        outcome.row().ifPresent(changed::add);
      }
      write(client, mapping, changed, jobsByCentraProduct, current);
    }
  }

  /**
   * A Sage band price on the basis Centra's pricelist holds: converted with the market's rate (the
   * rule OrderImport applies the other way) when the band's basis and the pricelist's differ.
   */
  static BigDecimal centraPrice(Mappings mappings, PriceMapping mapping, BigDecimal sagePrice) {
    Optional<Mappings.PriceBasis> basis = mappings.priceBandBasis(mapping.sagePriceBand());
    if (basis.isEmpty() || mapping.centraPricesIncludeTax().isEmpty()
        || (basis.get() == Mappings.PriceBasis.GROSS) == mapping.centraPricesIncludeTax().get()) {
      return sagePrice;
    }
    BigDecimal rate = mapping.taxPercent().orElseThrow(() -> JobFailure.permanent("price band " + mapping.sagePriceBand()
        + " → pricelist " + mapping.centraPricelistId() + ": the bases differ and the mapping has no taxPercent"));
    return OrderTaxes.convert(sagePrice, rate, basis.get() == Mappings.PriceBasis.GROSS);
  }

  /** The ISO 4217 minor units of {@code currency} (2 when Java does not know it, as most currencies have). */
  static int currencyDigits(String currency) {
    try {
      int digits = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
      return digits < 0 ? 2 : digits;
    } catch (IllegalArgumentException e) {
      return 2;
    }
  }

  void write(CentraClient client, PriceMapping mapping, List<ProductPrice> changed,
      Map<Long, List<JobContext>> jobsByCentraProduct, Map<Long, CurrentPrices> current) {
    for (int i = 0; i < changed.size(); i += options.pricesPerMutation()) {
      List<ProductPrice> chunk = changed.subList(i, Math.min(changed.size(), i + options.pricesPerMutation()));
      CentraMutationResult<Long> result = client.catalog().setPrices(SetPricesRequest.builder()
          .pricelistId(mapping.centraPricelistId()).productPrices(chunk).build());
      log.info("CatalogPublish wrote {} product price(s) of band {} to pricelist {}", chunk.size(),
          mapping.sagePriceBand(), mapping.centraPricelistId());
      Set<Long> skipped = new HashSet<>();
      for (CentraUserMessage warning : result.warnings()) {
        Optional<ProductPrice> row = PricePlan.warnedRow(warning.path()).filter(r -> r < chunk.size()).map(chunk::get);
        String reason = "Centra skipped a price of band " + mapping.sagePriceBand() + " for pricelist "
            + mapping.centraPricelistId() + ": " + warning.message();
        if (row.isPresent()) {
          skipped.add(row.get().productId());
          Optional.ofNullable(jobsByCentraProduct.get(row.get().productId()))
              .ifPresent(js -> js.forEach(j -> j.fail(JobFailure.permanent(reason))));
        } else {
          log.warn("{} (path {})", reason, warning.path());
        }
      }
      for (ProductPrice row : chunk) {
        if (!skipped.contains(row.productId())) {
          // what Centra now holds, so a later batch of this pass does not write it again
          CurrentPrices now = current.computeIfAbsent(row.productId(), k -> new CurrentPrices());
          now.product = row.price().value();
          if (row.overrideIndividualVariantPrices()) {
            now.variants.clear();
          }
          row.variantPrices().forEach(v -> now.variants.put(v.variantId(), v.price().value()));
        }
      }
    }
  }

  static Optional<String> currencyMismatch(Mappings mappings, PriceMapping mapping, Pricelist pricelist,
      List<ProductPriceView> rows) {
    String what = "price band " + mapping.sagePriceBand() + " → pricelist " + mapping.centraPricelistId();
    if (pricelist == null) {
      return Optional.of(what + ": Centra has no pricelist " + mapping.centraPricelistId());
    }
    String centraCurrency = pricelist.currency().map(CodeRef::code).orElse("?");
    if (!centraCurrency.equals(mapping.currency())) {
      return Optional.of(what + ": the pricelist is in " + centraCurrency + ", the mapping says " + mapping.currency());
    }
    Optional<String> sageCurrency = mappings.sageCurrency(mapping.currency());
    for (ProductPriceView row : rows) {
      String rowCurrency = row.currencyId().isPresent() ? Long.toString(row.currencyId().getAsLong()) : "?";
      if (sageCurrency.filter(rowCurrency::equals).isEmpty()) {
        return Optional.of(what + ": the band is in Sage currency " + rowCurrency + " ("
            + row.currencyName().orElse("?") + "), but " + mapping.currency() + " maps to Sage currency "
            + sageCurrency.orElse("(none)"));
      }
    }
    return Optional.empty();
  }
}
