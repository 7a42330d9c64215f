package io.github.centrasage.centra;

import io.github.centrasage.centra.internal.CentraOperations;
import io.github.centrasage.centra.internal.GraphQLTransport;
import io.github.centrasage.centra.internal.Operation;
import io.github.centrasage.centra.internal.PageStreams;
import io.github.centrasage.centra.internal.Variables;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Returns: list by creation window (with refund payment history), create, complete.
 *
 * <pre>{@code
 * try (Stream<CentraReturn> returns = centra.returns().createdBetween(from, to)) { returns.forEach(this::credit); }
 * }</pre>
 */
public final class CentraReturns {
  private static final int PAGE_SIZE = 50;

  private final GraphQLTransport transport;

  CentraReturns(GraphQLTransport transport) {
    this.transport = transport;
  }

  /** Returns created in {@code [from, to]}, fetched page by page as the stream is consumed. */
  public Stream<CentraReturn> createdBetween(OffsetDateTime from, OffsetDateTime to) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("createdBetween: to (" + to + ") is before from (" + from + ")");
    }
    Map<String, Object> where = Variables.of().put("createdAt", Variables.of().put("from", from).put("to", to)).build();
    return PageStreams.byPageNumber(PAGE_SIZE, page -> transport.execute(CentraOperations.RETURNS,
        Variables.of().put("where", where).put("limit", PAGE_SIZE).put("page", page).build()).value());
  }

  /** {@code createReturn} against a shipment. */
  public CentraMutationResult<CentraReturn> create(CreateReturnRequest request) {
    List<Object> lines = request.lines().stream()
        .map(l -> Variables.of().put("shipmentLine", Variables.ref(l.shipmentLineId())).put("quantity", l.quantity()).build())
        .collect(Collectors.toList());
    Map<String, Object> stockPolicy = request.stockAction() == ReturnStockAction.REMOVE_FROM_STOCK
        ? Map.of("removeItemsFromStock", true) : Map.of("releaseItemsBackToWarehouse", true);
    Variables input = Variables.of()
        .put("shipment", Variables.ref(request.shipmentId()))
        .put("lines", lines)
        .put("returnStockActionPolicy", stockPolicy)
        .put("shippingCost", request.shippingCost().map(cost -> Map.of("value", Variables.money(cost))))
        .put("comment", request.comment());
    return returnResult(CentraOperations.CREATE_RETURN, Variables.of().put("input", input).build());
  }

  /** {@code completeReturn}. */
  public CentraMutationResult<CentraReturn> complete(long returnId, boolean sendEmail) {
    return returnResult(CentraOperations.COMPLETE_RETURN, Variables.of().put("id", returnId)
        .put("input", Variables.of().put("sendEmail", sendEmail)).build());
  }

  private CentraMutationResult<CentraReturn> returnResult(Operation<CentraReturn> operation, Map<String, Object> variables) {
    GraphQLTransport.Result<CentraReturn> result = transport.execute(operation, variables);
    if (result.value() == null) {
      throw new CentraResponseException(operation.name() + " returned no return", operation.name(), true, null);
    }
    return ImmutableCentraMutationResult.<CentraReturn>builder().value(result.value()).warnings(result.warnings()).build();
  }
}
