package io.github.centrasage.centra;

import io.github.centrasage.centra.internal.CentraOperations;
import io.github.centrasage.centra.internal.GraphQLTransport;
import io.github.centrasage.centra.internal.PageStreams;
import io.github.centrasage.centra.internal.Variables;
import io.github.centrasage.centra.internal.WarehouseStockPage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Stock writes ({@code setStock} absolute, {@code changeStock} delta) and warehouse stock reads.
 *
 * <pre>{@code
 * centra.stock().set(SetStockRequest.builder().warehouseId(1).addLevels(SizeStockLevel.ofSizeId(1445, 3, 10)).build());
 * }</pre>
 */
public final class CentraStock {
  private static final int STOCK_PAGE_SIZE = 200;
  /** StockSetInput.description and StockChangeInput.description are String! in Centra's schema. */
  static final String DEFAULT_DESCRIPTION = "centra-sage200 stock write";

  private final GraphQLTransport transport;

  CentraStock(GraphQLTransport transport) {
    this.transport = transport;
  }

  /** One {@code setStock} mutation for every level of the request; returns the stock change ids. */
  public CentraMutationResult<List<Long>> set(SetStockRequest request) {
    return set(request, Integer.MAX_VALUE);
  }

  /**
   * {@link #set} with a single attempt: a failure (a 429, a 5xx, a connection error) reaches the
   * caller at once instead of the same request being sent again after a wait. For a caller whose
   * levels may go stale while it waits (Sage moved on during a rate-limit storm): it computes the
   * levels afresh and writes those, rather than letting the client repeat an old absolute level.
   */
  public CentraMutationResult<List<Long>> setWithoutRetry(SetStockRequest request) {
    return set(request, 1);
  }

  private CentraMutationResult<List<Long>> set(SetStockRequest request, int maxAttempts) {
    List<Object> variants = groupByVariant(request.levels(), SizeStockLevel::variantId, levels -> Variables.of()
        .put("productVariant", Variables.ref(levels.get(0).variantId()))
        .put("sizeStockLevels", levels.stream()
            .map(l -> Variables.of().put("size", size(l.sizeId().orElse(null), l.sizeName().orElse(null)))
                .put("quantity", l.quantity()).build())
            .collect(Collectors.toList())));
    Variables input = Variables.of()
        .put("warehouse", Variables.ref(request.warehouseId()))
        .put("description", request.description().orElse(DEFAULT_DESCRIPTION))
        .put("stockQuantityType", request.quantityType())
        .put("productVariants", variants);
    GraphQLTransport.Result<List<NamedRef>> result =
        transport.execute(CentraOperations.SET_STOCK, Variables.of().put("input", input).build(), maxAttempts);
    List<Long> ids = result.value() == null ? List.of()
        : result.value().stream().map(NamedRef::id).collect(Collectors.toList());
    return ImmutableCentraMutationResult.<List<Long>>builder().value(ids).warnings(result.warnings()).build();
  }

  /** One {@code changeStock} mutation (a delta); returns the stock change id. */
  public CentraMutationResult<Long> change(ChangeStockRequest request) {
    List<Object> variants = groupByVariant(request.changes(), SizeStockChange::variantId, changes -> {
      Variables variant = Variables.of().put("productVariant", Variables.ref(changes.get(0).variantId()));
      changes.stream().map(SizeStockChange::unitCost).flatMap(java.util.Optional::stream).findFirst()
          .ifPresent(cost -> variant.put("unitCost", cost));
      return variant.put("sizeChanges", changes.stream()
          .map(c -> Variables.of().put("size", size(c.sizeId().orElse(null), c.sizeName().orElse(null)))
              .put("deliveredQuantity", c.deliveredQuantity()).build())
          .collect(Collectors.toList()));
    });
    Variables input = Variables.of()
        .put("intoWarehouse", request.intoWarehouseId().map(Variables::ref))
        .put("outFromWarehouse", request.outFromWarehouseId().map(Variables::ref))
        .put("description", request.description().orElse(DEFAULT_DESCRIPTION))
        .put("productVariants", variants);
    GraphQLTransport.Result<NamedRef> result =
        transport.execute(CentraOperations.CHANGE_STOCK, Variables.of().put("input", input).build());
    if (result.value() == null) {
      throw new CentraResponseException("changeStock returned no stockChange", "ChangeStock", true, null);
    }
    return ImmutableCentraMutationResult.<Long>builder().value(result.value().id()).warnings(result.warnings()).build();
  }

  /** Every stock row of the warehouse with its free-to-allocate quantity, fetched 200 rows at a time. */
  public Stream<WarehouseStock> warehouseStock(long warehouseId) {
    return PageStreams.byPageNumber(STOCK_PAGE_SIZE, page -> {
      WarehouseStockPage result = transport.execute(CentraOperations.WAREHOUSE_STOCK,
          Variables.of().put("id", warehouseId).put("limit", STOCK_PAGE_SIZE).put("page", page).build()).value();
      if (result == null) {
        throw new CentraNotFoundException("Centra has no warehouse with id " + warehouseId, "WarehouseStock");
      }
      return result.stock();
    });
  }

  private static Map<String, Object> size(Long id, String name) {
    return id != null ? Variables.ref(id) : Map.of("name", name);
  }

  /** Centra takes sizes grouped under their variant; keep the caller's order of first appearance. */
  private static <E> List<Object> groupByVariant(List<E> entries, Function<E, Long> variantId, Function<List<E>, Variables> toInput) {
    Map<Long, List<E>> grouped = new LinkedHashMap<>();
    entries.forEach(e -> grouped.computeIfAbsent(variantId.apply(e), k -> new ArrayList<>()).add(e));
    return grouped.values().stream().map(group -> toInput.apply(group).build()).collect(Collectors.toList());
  }
}
