package io.github.centrasage.sage200;

import io.github.centrasage.sage200.internal.SageRequest;
import io.github.centrasage.sage200.internal.SageTransport;
import io.github.centrasage.sage200.model.DespatchConfirmation;
import io.github.centrasage.sage200.model.DespatchReceipt;
import io.github.centrasage.sage200.model.DespatchTracking;
import io.github.centrasage.sage200.model.DespatchableLine;
import io.github.centrasage.sage200.model.DespatchableOrder;
import io.github.centrasage.sage200.model.OrderDespatchLineView;
import io.github.centrasage.sage200.model.OrderDespatchView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Despatch of sales orders: lines ready to despatch and posting a despatch
 * ({@code sop_confirm_despatch}), despatches made in Sage ({@code sop_order_despatch_views}) and
 * despatch notes with tracking ({@code sop_despatch_receipts}).
 *
 * <p>Usage: {@code client.despatches().despatchableLines("0000012345")}
 */
public final class SalesOrderDespatches {
  private final SageTransport transport;
  private final SageResource<OrderDespatchView> views;
  private final SageResource<DespatchReceipt> receipts;
  private final SageResource<OrderDespatchLineView> lineViews;

  SalesOrderDespatches(SageTransport transport) {
    this.transport = transport;
    this.views = new SageResource<>(transport, List.of("sop_order_despatch_views"), OrderDespatchView.class,
        "sop_despatch_id", OrderDespatchView::sopDespatchId);
    this.receipts = new SageResource<>(transport, List.of("sop_despatch_receipts"), DespatchReceipt.class, "id",
        DespatchReceipt::id);
    // No key: several lines share a despatch id, so keyset paging on it would skip lines ($top/$skip instead).
    this.lineViews = new SageResource<>(transport, List.of("sop_order_despatch_line_views"), OrderDespatchLineView.class,
        null, null);
  }

  /**
   * {@code GET /sop_confirm_despatch?$filter=document_no eq …}: the order with this document number,
   * if it has lines that can be despatched now, with those lines in {@code items}.
   */
  public List<DespatchableOrder> despatchableOrders(String orderDocumentNo) {
    return transport.execute(
        SageRequest.get(List.of("sop_confirm_despatch"),
            ODataQuery.where(ODataFilter.eq("document_no", orderDocumentNo)).toParameters()),
        SageTransport.listOf(DespatchableOrder.class));
  }

  /** The lines of the order with this document number that can be despatched now (the orders' {@code items}). */
  public List<DespatchableLine> despatchableLines(String orderDocumentNo) {
    List<DespatchableLine> lines = new ArrayList<>();
    despatchableOrders(orderDocumentNo).forEach(order -> lines.addAll(order.items()));
    return lines;
  }

  /**
   * {@code POST /sop_confirm_despatch}. Not retried once it may have reached Sage: re-read the
   * despatchable lines before posting again.
   */
  public void confirm(DespatchConfirmation despatch) {
    transport.execute(SageRequest.post(List.of("sop_confirm_despatch"), transport.toJson(despatch)), null);
  }

  /** {@code sop_order_despatch_views}: despatches made in Sage. */
  public SageResource<OrderDespatchView> views() {
    return views;
  }

  /** {@code sop_order_despatch_line_views}: the lines (item and quantity) of despatches made in Sage. */
  public SageResource<OrderDespatchLineView> lineViews() {
    return lineViews;
  }

  /** Despatches on or after the instant ({@code sop_despatch_date ge …Z}), paged lazily. */
  public Stream<OrderDespatchView> despatchedSince(Instant since) {
    return views.stream(ODataQuery.where(ODataFilter.ge("sop_despatch_date", since)));
  }

  /** {@code sop_despatch_receipts}: despatch notes. */
  public SageResource<DespatchReceipt> receipts() {
    return receipts;
  }

  /** {@code PUT /sop_despatch_receipts/{id}} with courier and consignment details. */
  public DespatchReceipt updateTracking(long despatchReceiptId, DespatchTracking tracking) {
    return transport.execute(
        SageRequest.put(List.of("sop_despatch_receipts", Long.toString(despatchReceiptId)), transport.toJson(tracking)),
        DespatchReceipt.class);
  }
}
