package io.github.centrasage.centra;

import io.github.centrasage.centra.internal.CentraOperations;
import io.github.centrasage.centra.internal.GraphQLTransport;
import io.github.centrasage.centra.internal.Operation;
import io.github.centrasage.centra.internal.PageStreams;
import io.github.centrasage.centra.internal.Variables;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Order reads: by date window (lazy, paged; whole orders or thin summaries), by number, by id.
 *
 * <pre>{@code
 * try (Stream<Order> orders = centra.orders().list(OrderQuery.builder().from(since).build())) { orders.forEach(this::importOrder); }
 * }</pre>
 */
public final class CentraOrders {
  private final GraphQLTransport transport;

  CentraOrders(GraphQLTransport transport) {
    this.transport = transport;
  }

  /**
   * Orders in the window, fetched page by page ({@code limit/page}) as the stream is consumed.
   * Orders on hold or waiting for payment are not returned by Centra by default.
   */
  public Stream<Order> list(OrderQuery query) {
    return pages(CentraOperations.ORDERS, query);
  }

  /**
   * The same orders as {@link #list}, with only id, number, status and order date selected. A poller
   * lists with this and reads each order with {@link #byNumber}, so an order whose full answer cannot
   * be decoded fails only its own read, never the page it is listed on.
   */
  public Stream<OrderSummary> listSummaries(OrderQuery query) {
    return pages(CentraOperations.ORDER_SUMMARIES, query);
  }

  private <T> Stream<T> pages(Operation<List<T>> operation, OrderQuery query) {
    Map<String, Object> where = where(query);
    return PageStreams.byPageNumber(query.pageSize(), page -> transport.execute(operation,
        Variables.of().put("where", where).put("sort", query.sort()).put("limit", query.pageSize()).put("page", page)
            .build()).value());
  }

  /** The same orders as {@link #list}, paged through {@code orderConnection} ({@code first/after} cursors). */
  public Stream<Order> listByCursor(OrderQuery query) {
    Map<String, Object> where = where(query);
    return PageStreams.byCursor(after -> transport.execute(CentraOperations.ORDER_CONNECTION,
        Variables.of().put("where", where).put("first", query.pageSize()).put("after", after).build()).value());
  }

  /**
   * The order with this number, if it exists.
   *
   * @throws CentraWrongEntityException when Centra answers with an order of another number
   */
  public Optional<Order> byNumber(long number) {
    List<Order> found = transport.execute(CentraOperations.ORDERS,
        Variables.of().put("where", Map.of("number", number)).put("limit", 1).build()).value();
    if (found == null || found.isEmpty()) {
      return Optional.empty();
    }
    Order order = found.get(0);
    // A mixed-up answer used as if it were the order asked for writes one order under another's key.
    if (order.number() != number) {
      throw new CentraWrongEntityException("order number", Long.toString(number), Long.toString(order.number()),
          CentraOperations.ORDERS.name());
    }
    return Optional.of(order);
  }

  /**
   * The order with this hash id, if it exists.
   *
   * @throws CentraWrongEntityException when Centra answers with an order of another id
   */
  public Optional<Order> byId(String id) {
    Objects.requireNonNull(id, "id");
    Optional<Order> order =
        Optional.ofNullable(transport.execute(CentraOperations.ORDER_BY_ID, Variables.of().put("id", id).build()).value());
    if (order.isPresent() && !order.get().id().equals(id)) {
      throw new CentraWrongEntityException("order id", id, order.get().id(), CentraOperations.ORDER_BY_ID.name());
    }
    return order;
  }

  private static Map<String, Object> where(OrderQuery query) {
    Variables window = Variables.of().put("from", query.from()).put("to", query.to());
    return Variables.of().put(query.dateField().filterName(), window).put("storeType", query.storeType()).build();
  }
}
