package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A sales order to create ({@code POST /sop_orders}); the idempotency key usually goes into {@code customerDocumentNo}.
 *
 * <p>Usage: {@code NewSalesOrder.builder()…build()}
 */
@Value.Immutable
public interface NewSalesOrder {
  /** JSON {@code customer_id}. */
  long customerId();

  /** JSON {@code document_no}. */
  Optional<String> documentNo();

  /** JSON {@code document_date}. */
  Optional<LocalDate> documentDate();

  /** JSON {@code requested_delivery_date}. */
  Optional<LocalDate> requestedDeliveryDate();

  /** JSON {@code promised_delivery_date}. */
  Optional<LocalDate> promisedDeliveryDate();

  /** JSON {@code customer_document_no}. */
  Optional<String> customerDocumentNo();

  /** JSON {@code customer_delivery_address_id}. */
  OptionalLong customerDeliveryAddressId();

  /** JSON {@code use_invoice_address}. */
  Optional<Boolean> useInvoiceAddress();

  /** JSON {@code delivery_address}. */
  Optional<DeliveryAddress> deliveryAddress();

  /** JSON {@code analysis_code_1}. */
  Optional<String> analysisCode1();

  /** JSON {@code analysis_code_2}. */
  Optional<String> analysisCode2();

  /** JSON {@code analysis_code_3}. */
  Optional<String> analysisCode3();

  /** JSON {@code analysis_code_4}. */
  Optional<String> analysisCode4();

  /** JSON {@code analysis_code_5}. */
  Optional<String> analysisCode5();

  /** JSON {@code spare_text_1}. */
  Optional<String> spareText1();

  /** JSON {@code spare_text_2}. */
  Optional<String> spareText2();

  /** JSON {@code spare_text_3}. */
  Optional<String> spareText3();

  /** JSON {@code payment_with_order}. */
  Optional<Boolean> paymentWithOrder();

  /** JSON {@code payment_type}. */
  Optional<String> paymentType();

  /** JSON {@code payment_value}. */
  Optional<BigDecimal> paymentValue();

  /** JSON {@code payment_reference}. */
  Optional<String> paymentReference();

  /** JSON {@code payment_method_id}. */
  OptionalLong paymentMethodId();

  /** JSON {@code document_discount_percent}. */
  Optional<BigDecimal> documentDiscountPercent();

  /** JSON {@code override_on_hold}. */
  Optional<Boolean> overrideOnHold();

  /** JSON {@code suppress_warnings}. */
  Optional<Boolean> suppressWarnings();

  /** JSON {@code lines}. */
  List<NewSalesOrderLine> lines();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  @Value.Check
  default void check() {
    customerDocumentNo().ifPresent(v -> SageModelChecks.maxLength("NewSalesOrder", "customer_document_no", v, 30));
    paymentReference().ifPresent(v -> SageModelChecks.maxLength("NewSalesOrder", "payment_reference", v, 20));
  }

  /** Builds a {@link NewSalesOrder}; get one from {@link NewSalesOrder#builder()}. */
  final class Builder extends ImmutableNewSalesOrder.Builder {
    Builder() {}
  }
}
