package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A cash-book payment ({@code POST /bank_payment}) or receipt ({@code POST /bank_receipt}), e.g. payment-gateway fees from a clearing account.
 *
 * <p>Usage: {@code BankEntry.builder()…build()}
 */
@Value.Immutable
public interface BankEntry {
  /** JSON {@code bank_id}. */
  long bankId();

  /** JSON {@code transaction_date}. */
  Optional<LocalDate> transactionDate();

  /** JSON {@code reference}. */
  Optional<String> reference();

  /** JSON {@code second_reference}. */
  Optional<String> secondReference();

  /** JSON {@code narrative}. */
  Optional<String> narrative();

  /** JSON {@code tax_code_id}. */
  OptionalLong taxCodeId();

  /** JSON {@code exchange_rate}. */
  Optional<BigDecimal> exchangeRate();

  /** JSON {@code cheque_currency_id}. */
  OptionalLong chequeCurrencyId();

  /** JSON {@code cheque_value}. */
  Optional<BigDecimal> chequeValue();

  /** JSON {@code nominal_analysis_items}. */
  List<BankAnalysisItem> nominalAnalysisItems();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  @Value.Check
  default void check() {
    reference().ifPresent(v -> SageModelChecks.maxLength("BankEntry", "reference", v, 20));
    secondReference().ifPresent(v -> SageModelChecks.maxLength("BankEntry", "second_reference", v, 20));
    SageModelChecks.notEmpty("BankEntry", "nominal_analysis_items", nominalAnalysisItems());
  }

  /** Builds a {@link BankEntry}; get one from {@link BankEntry#builder()}. */
  final class Builder extends ImmutableBankEntry.Builder {
    Builder() {}
  }
}
