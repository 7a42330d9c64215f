package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A customer receipt to post ({@code POST /sales_receipts}); Sage answers with a URN.
 *
 * <p>Usage: {@code SalesReceipt.builder()…build()}
 */
@Value.Immutable
public interface SalesReceipt {
  /** JSON {@code customer_id}. */
  long customerId();

  /** JSON {@code bank_id}. */
  long bankId();

  /** JSON {@code cheque_value}. */
  BigDecimal chequeValue();

  /** JSON {@code cheque_currency_id}. */
  OptionalLong chequeCurrencyId();

  /** JSON {@code customer_cheque_value}: the value in the customer's currency when it differs from the cheque's. */
  Optional<BigDecimal> customerChequeValue();

  /** JSON {@code exchange_rate}. */
  Optional<BigDecimal> exchangeRate();

  /** JSON {@code bank_exchange_rate}. */
  Optional<BigDecimal> bankExchangeRate();

  /** JSON {@code transaction_date}. */
  Optional<LocalDate> transactionDate();

  /** JSON {@code settlement_discount_value}. */
  Optional<BigDecimal> settlementDiscountValue();

  /** JSON {@code reference}. */
  Optional<String> reference();

  /** JSON {@code second_reference}. */
  Optional<String> secondReference();

  /** JSON {@code nominal_analysis_items}. */
  List<NominalAnalysisItem> nominalAnalysisItems();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  @Value.Check
  default void check() {
    reference().ifPresent(v -> SageModelChecks.maxLength("SalesReceipt", "reference", v, 20));
    secondReference().ifPresent(v -> SageModelChecks.maxLength("SalesReceipt", "second_reference", v, 20));
  }

  /** Builds a {@link SalesReceipt}; get one from {@link SalesReceipt#builder()}. */
  final class Builder extends ImmutableSalesReceipt.Builder {
    Builder() {}
  }
}
