package io.github.centrasage.centra;

import io.github.centrasage.centra.internal.CentraOperations;
import io.github.centrasage.centra.internal.GraphQLTransport;
import io.github.centrasage.centra.internal.OrderShipments;
import io.github.centrasage.centra.internal.Operation;
import io.github.centrasage.centra.internal.Variables;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Shipments: create, complete (dispatch with tracking), capture, update, and read an order's shipments.
 *
 * <pre>{@code
 * Shipment s = centra.shipments().create(request).value();
 * centra.shipments().complete(CompleteShipmentRequest.builder().shipmentId(s.id()).carrier("DHL").trackingNumber("JD01").build());
 * }</pre>
 */
public final class CentraShipments {
  private final GraphQLTransport transport;

  CentraShipments(GraphQLTransport transport) {
    this.transport = transport;
  }

  /** {@code createShipment}. */
  public CentraMutationResult<Shipment> create(CreateShipmentRequest request) {
    Map<String, Object> order = request.orderId().isPresent()
        ? Map.of("id", request.orderId().get()) : Map.of("number", request.orderNumber().get());
    List<Object> lines = request.lines().stream()
        .map(l -> Variables.of().put("orderLine", Variables.ref(l.orderLineId())).put("quantity", l.quantity()).build())
        .collect(Collectors.toList());
    Variables input = Variables.of()
        .put("order", order)
        .put("lines", lines)
        .put("isGoodToGo", request.isGoodToGo())
        .put("isPaid", request.isPaid())
        .put("sendEmail", request.sendEmail())
        .put("capture", request.capture())
        .put("allocateDemand", request.allocateDemand())
        .put("additionalMessage", request.additionalMessage());
    return shipmentResult(CentraOperations.CREATE_SHIPMENT, Variables.of().put("input", input).build());
  }

  /** {@code completeShipment}: marks it shipped with carrier, service and tracking. */
  public CentraMutationResult<Shipment> complete(CompleteShipmentRequest request) {
    Variables info = Variables.of()
        .put("carrier", request.carrier())
        .put("service", request.service())
        .put("trackingNumber", request.trackingNumber())
        .put("returnTrackingNumber", request.returnTrackingNumber())
        .put("packagesNumber", request.packagesNumber());
    Variables input = Variables.of()
        .put("shippedAt", request.shippedAt())
        .put("sendEmail", request.sendEmail())
        .put("shipmentInfo", info);
    return shipmentResult(CentraOperations.COMPLETE_SHIPMENT,
        Variables.of().put("id", request.shipmentId()).put("input", input).build());
  }

  /** {@code captureShipment}: captures the payment of the shipment (some PSPs answer asynchronously). */
  public CentraMutationResult<CaptureResult> capture(long shipmentId) {
    GraphQLTransport.Result<CaptureResult> result =
        transport.execute(CentraOperations.CAPTURE_SHIPMENT, Variables.of().put("id", shipmentId).build());
    CaptureResult value = result.value() == null ? ImmutableCaptureResult.builder().build() : result.value();
    return ImmutableCentraMutationResult.<CaptureResult>builder().value(value).warnings(result.warnings()).build();
  }

  /** {@code updateShipment}, for example marking it paid. */
  public CentraMutationResult<Shipment> update(UpdateShipmentRequest request) {
    Variables input = Variables.of().put("isPaid", request.isPaid()).put("isGoodToGo", request.isGoodToGo());
    return shipmentResult(CentraOperations.UPDATE_SHIPMENT,
        Variables.of().put("id", request.shipmentId()).put("input", input).build());
  }

  /** The shipments of an order (empty when the order does not exist). */
  public List<Shipment> ofOrder(String orderId) {
    Objects.requireNonNull(orderId, "orderId");
    OrderShipments found = transport.execute(CentraOperations.ORDER_SHIPMENTS, Variables.of().put("id", orderId).build()).value();
    if (found != null && !found.id().equals(orderId)) {
      throw new CentraWrongEntityException("order id", orderId, found.id(), CentraOperations.ORDER_SHIPMENTS.name());
    }
    return found == null ? List.of() : found.shipments();
  }

  private CentraMutationResult<Shipment> shipmentResult(Operation<Shipment> operation, Map<String, Object> variables) {
    GraphQLTransport.Result<Shipment> result = transport.execute(operation, variables);
    if (result.value() == null) {
      throw new CentraResponseException(operation.name() + " returned no shipment", operation.name(), true, null);
    }
    return ImmutableCentraMutationResult.<Shipment>builder().value(result.value()).warnings(result.warnings()).build();
  }
}
