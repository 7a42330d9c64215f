package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A despatch made in Sage, from {@code sop_order_despatch_views}, with the order and customer order number it belongs to.
 *
 * <p>Usage: {@code OrderDespatchView.builder()…build()}
 */
@Value.Immutable
public interface OrderDespatchView {
  /** JSON {@code sop_despatch_id}. */
  long sopDespatchId();

  /** JSON {@code sop_despatch_document_no}. */
  Optional<String> sopDespatchDocumentNo();

  /** JSON {@code sop_despatch_date}. */
  Optional<OffsetDateTime> sopDespatchDate();

  /** JSON {@code sop_despatch_courier_name}. */
  Optional<String> sopDespatchCourierName();

  /** JSON {@code sop_despatch_consignment_no}. */
  Optional<String> sopDespatchConsignmentNo();

  /** JSON {@code sop_despatch_pieces}. */
  OptionalLong sopDespatchPieces();

  /** JSON {@code sop_despatch_weight}. */
  Optional<BigDecimal> sopDespatchWeight();

  /** JSON {@code sop_despatch_notes}. */
  Optional<String> sopDespatchNotes();

  /** JSON {@code sop_despatch_user_name}. */
  Optional<String> sopDespatchUserName();

  /** JSON {@code sop_order_id}. */
  OptionalLong sopOrderId();

  /** JSON {@code sop_order_document_no}. */
  Optional<String> sopOrderDocumentNo();

  /** JSON {@code sop_order_customer_document_no}. */
  Optional<String> sopOrderCustomerDocumentNo();

  /** JSON {@code customer_reference}. */
  Optional<String> customerReference();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link OrderDespatchView}; get one from {@link OrderDespatchView#builder()}. */
  final class Builder extends ImmutableOrderDespatchView.Builder {
    Builder() {}
  }
}
