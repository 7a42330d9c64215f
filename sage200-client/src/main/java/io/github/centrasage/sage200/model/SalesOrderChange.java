package io.github.centrasage.sage200.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The fields to change on an existing sales order; the client adds {@code lock_id} and {@code is_editing:false} itself.
 *
 * <p>Usage: {@code SalesOrderChange.builder()…build()}
 */
@Value.Immutable
public interface SalesOrderChange {
  /** JSON {@code customer_document_no}. */
  Optional<String> customerDocumentNo();

  /** JSON {@code requested_delivery_date}. */
  Optional<LocalDate> requestedDeliveryDate();

  /** JSON {@code promised_delivery_date}. */
  Optional<LocalDate> promisedDeliveryDate();

  /** JSON {@code delivery_address}. */
  Optional<DeliveryAddress> deliveryAddress();

  /** JSON {@code analysis_code_1}. */
  Optional<String> analysisCode1();

  /** JSON {@code spare_text_1}. */
  Optional<String> spareText1();

  /** JSON {@code spare_text_2}. */
  Optional<String> spareText2();

  /** JSON {@code lines}. */
  List<SalesOrderLineChange> lines();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  @Value.Check
  default void check() {
    customerDocumentNo().ifPresent(v -> SageModelChecks.maxLength("SalesOrderChange", "customer_document_no", v, 30));
  }

  /** Builds a {@link SalesOrderChange}; get one from {@link SalesOrderChange#builder()}. */
  final class Builder extends ImmutableSalesOrderChange.Builder {
    Builder() {}
  }
}
