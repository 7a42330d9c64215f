package io.github.centrasage.centra;

import io.github.centrasage.centra.internal.CentraOperations;
import io.github.centrasage.centra.internal.GraphQLTransport;
import io.github.centrasage.centra.internal.Operation;
import io.github.centrasage.centra.internal.PageStreams;
import io.github.centrasage.centra.internal.Variables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Catalogue: products with variants and sizes (SKU, EAN, size ids, the ERP-owned product fields),
 * product / variant / size create and update, pricelists, prices, {@code setPrices}.
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

  /**
   * {@code updateProduct}: writes only the fields set in {@code input}, so a field the caller leaves
   * unset (one a merchandiser owns) keeps Centra's value. Returns the product as saved.
   */
  public CentraMutationResult<Product> updateProduct(long productId, ProductInput input) {
    if (input.isEmpty()) {
      throw new IllegalArgumentException("updateProduct " + productId + ": the input sets no field");
    }
    return mutate(CentraOperations.UPDATE_PRODUCT, Variables.of().put("id", productId).put("input", productFields(input)));
  }

  /** {@code createProduct}: needs name, product number and status; returns the new product. */
  public CentraMutationResult<Product> createProduct(ProductInput input) {
    List<String> missing = new ArrayList<>();
    if (input.name().isEmpty()) {
      missing.add("name");
    }
    if (input.productNumber().isEmpty()) {
      missing.add("productNumber");
    }
    if (input.status().isEmpty()) {
      missing.add("status");
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("createProduct needs " + String.join(", ", missing));
    }
    return mutate(CentraOperations.CREATE_PRODUCT, Variables.of().put("input", productFields(input)));
  }

  /** {@code createProductVariant}, with its sizes when the request lists them; returns the new variant. */
  public CentraMutationResult<ProductVariant> createProductVariant(CreateProductVariantRequest request) {
    Variables input = Variables.of().put("product", Variables.ref(request.productId())).put("name", request.name())
        .put("variantNumber", request.variantNumber()).put("status", request.status())
        .put("sizeChart", request.sizeChartId().isPresent() ? Variables.ref(request.sizeChartId().getAsLong()) : null)
        .put("productSizes", request.productSizes().isEmpty() ? null
            : request.productSizes().stream().map(CentraCatalog::sizeFields).collect(Collectors.toList()));
    return mutate(CentraOperations.CREATE_PRODUCT_VARIANT, Variables.of().put("input", input));
  }

  /** {@code createProductSize} on variant {@code variantId}; returns the new size (with the SKU Centra built). */
  public CentraMutationResult<ProductSize> createProductSize(long variantId, NewProductSize size) {
    Variables input = sizeFields(size).put("productVariant", Variables.ref(variantId));
    return mutate(CentraOperations.CREATE_PRODUCT_SIZE, Variables.of().put("input", input));
  }

  /** {@code updateProductSize}: writes only the fields set (an empty EAN unsets it); returns the size as saved. */
  public CentraMutationResult<ProductSize> updateProductSize(long productSizeId, ProductSizeInput input) {
    Variables fields = Variables.of().put("EAN", input.ean()).put("sizeNumber", input.sizeNumber())
        .put("isActive", input.isActive());
    return mutate(CentraOperations.UPDATE_PRODUCT_SIZE, Variables.of().put("id", productSizeId).put("input", fields));
  }

  private <T> CentraMutationResult<T> mutate(Operation<T> operation, Variables variables) {
    GraphQLTransport.Result<T> result = transport.execute(operation, variables.build());
    if (result.value() == null) {
      throw new CentraResponseException(operation + " returned no " + operation.payloadField(), operation.name(), true, null);
    }
    return ImmutableCentraMutationResult.<T>builder().value(result.value()).warnings(result.warnings()).build();
  }

  private static Variables productFields(ProductInput in) {
    return Variables.of().put("name", in.name()).put("status", in.status()).put("productNumber", in.productNumber())
        .put("brand", refOf(in.brandId())).put("collection", refOf(in.collectionId())).put("folder", refOf(in.folderId()))
        .put("countryOfOrigin", in.countryOfOrigin().map(c -> Map.of("code", c)))
        .put("harmonizedCommodityCode", in.harmonizedCommodityCode())
        .put("harmonizedCommodityCodeDescription", in.harmonizedCommodityCodeDescription())
        .put("weight", in.weight().map(w -> Variables.of().put("value", w.value()).put("unit", w.unit())));
  }

  private static Variables sizeFields(NewProductSize size) {
    Variables chartSize = size.sizeName().isPresent() ? Variables.of().put("name", size.sizeName())
        : Variables.of().put("id", size.sizeId().getAsLong());
    return Variables.of().put("size", chartSize).put("EAN", size.ean()).put("sizeNumber", size.sizeNumber())
        .put("isActive", size.isActive());
  }

  private static Map<String, Object> refOf(OptionalLong id) {
    return id.isPresent() ? Variables.ref(id.getAsLong()) : null;
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
