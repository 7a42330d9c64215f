package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A sales order ({@code sop_orders}) as Sage returns it; {@code lockId} is present when read with the {@code is_to_lock} expand.
 *
 * <p>Usage: {@code SalesOrder.builder()…build()}
 */
@Value.Immutable
public interface SalesOrder {
  /** JSON {@code id}. */
  long id();

  /** JSON {@code document_no}. */
  Optional<String> documentNo();

  /** JSON {@code customer_id}. */
  long customerId();

  /** JSON {@code customer_document_no}. */
  Optional<String> customerDocumentNo();

  /** JSON {@code document_date}. */
  Optional<LocalDate> documentDate();

  /** JSON {@code requested_delivery_date}. */
  Optional<LocalDate> requestedDeliveryDate();

  /** JSON {@code promised_delivery_date}. */
  Optional<LocalDate> promisedDeliveryDate();

  /** JSON {@code document_status}. */
  Optional<String> documentStatus();

  /** JSON {@code despatch_receipt_status}. */
  Optional<String> despatchReceiptStatus();

  /** JSON {@code invoice_credit_status}. */
  Optional<String> invoiceCreditStatus();

  /** JSON {@code cancelled_status}. */
  Optional<String> cancelledStatus();

  /** JSON {@code is_draft}. */
  Optional<Boolean> isDraft();

  /** JSON {@code currency_id}. */
  OptionalLong currencyId();

  /** JSON {@code exchange_rate}. */
  Optional<BigDecimal> exchangeRate();

  /** JSON {@code subtotal_goods_value}. */
  Optional<BigDecimal> subtotalGoodsValue();

  /** JSON {@code total_net_value}. */
  Optional<BigDecimal> totalNetValue();

  /** JSON {@code total_tax_value}. */
  Optional<BigDecimal> totalTaxValue();

  /** JSON {@code total_gross_value}. */
  Optional<BigDecimal> totalGrossValue();

  /** JSON {@code lock_id}. */
  OptionalLong lockId();

  /** JSON {@code analysis_code_1}. */
  Optional<String> analysisCode1();

  /** JSON {@code spare_text_1}. */
  Optional<String> spareText1();

  /** JSON {@code delivery_address}. */
  Optional<DeliveryAddress> deliveryAddress();

  /** JSON {@code lines}. */
  List<SalesOrderLine> lines();

  /** JSON {@code date_time_created}. */
  Optional<OffsetDateTime> dateTimeCreated();

  /** JSON {@code date_time_updated}. */
  Optional<OffsetDateTime> dateTimeUpdated();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SalesOrder}; get one from {@link SalesOrder#builder()}. */
  final class Builder extends ImmutableSalesOrder.Builder {
    Builder() {}
  }
}
