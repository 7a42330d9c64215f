package io.github.centrasage.centra;

import io.github.centrasage.centra.internal.CentraOperations;
import io.github.centrasage.centra.internal.GraphQLTransport;
import io.github.centrasage.centra.internal.PageStreams;
import io.github.centrasage.centra.internal.Variables;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Catalogue: products with variants and sizes (SKU, EAN, size ids), pricelists, prices, {@code setPrices}.
 *
 * <pre>{@code
 * try (Stream<Product> products = centra.catalog().products()) { products.forEach(this::cacheSkus); }
 * }</pre>
 */
public final class CentraCatalog {
  private static final int PAGE_SIZE = 100;

  private final GraphQLTransport transport;

  CentraCatalog(GraphQLTransport transport) {
    this.transport = transport;
  }

  /** Every product, fetched page by page as the stream is consumed. */
  public Stream<Product> products() {
    return PageStreams.byPageNumber(PAGE_SIZE, page -> transport.execute(CentraOperations.PRODUCTS,
        Variables.of().put("limit", PAGE_SIZE).put("page", page).build()).value());
  }

  /** Every pricelist. */
  public List<Pricelist> pricelists() {
    return PageStreams.byPageNumber(PAGE_SIZE, page -> transport.execute(CentraOperations.PRICELISTS,
        Variables.of().put("limit", PAGE_SIZE).put("page", page).build()).value()).collect(Collectors.toList());
  }

  /** The prices of one pricelist, fetched page by page. */
  public Stream<Price> prices(long pricelistId) {
    Map<String, Object> where = Map.of("pricelistId", pricelistId);
    return PageStreams.byPageNumber(PAGE_SIZE, page -> transport.execute(CentraOperations.PRICES,
        Variables.of().put("where", where).put("limit", PAGE_SIZE).put("page", page).build()).value());
  }

  /** {@code setPrices}: bad rows are skipped by Centra and reported in the result's warnings. */
  public CentraMutationResult<Long> setPrices(SetPricesRequest request) {
    List<Object> productPrices = request.productPrices().stream()
        .map(p -> Variables.of()
            .put("product", Variables.ref(p.productId()))
            .put("price", p.price())
            .put("overrideIndividualVariantPrices", p.overrideIndividualVariantPrices())
            .put("individualVariantPrices", p.variantPrices().isEmpty() ? null : p.variantPrices().stream()
                .map(v -> Variables.of().put("productVariant", Variables.ref(v.variantId())).put("price", v.price()).build())
                .collect(Collectors.toList()))
            .build())
        .collect(Collectors.toList());
    Variables input = Variables.of().put("pricelist", Variables.ref(request.pricelistId())).put("productPrices", productPrices);
    GraphQLTransport.Result<NamedRef> result =
        transport.execute(CentraOperations.SET_PRICES, Variables.of().put("input", input).build());
    long id = result.value() == null ? request.pricelistId() : result.value().id();
    return ImmutableCentraMutationResult.<Long>builder().value(id).warnings(result.warnings()).build();
  }
}
