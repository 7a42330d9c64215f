package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A transfer between two bank accounts ({@code POST /bank_transfer}), e.g. a payout from clearing to current account.
 *
 * <p>Usage: {@code BankTransfer.builder()…build()}
 */
@Value.Immutable
public interface BankTransfer {
  /** JSON {@code bank_from_id}. */
  long bankFromId();

  /** JSON {@code bank_to_id}. */
  long bankToId();

  /** JSON {@code payment_value}. */
  BigDecimal paymentValue();

  /** JSON {@code reference}. */
  Optional<String> reference();

  /** JSON {@code second_reference}. */
  Optional<String> secondReference();

  /** JSON {@code narrative}. */
  Optional<String> narrative();

  /** JSON {@code transaction_date}. */
  Optional<LocalDate> transactionDate();

  /** JSON {@code receipt_value}. */
  Optional<BigDecimal> receiptValue();

  /** JSON {@code exchange_rate}. */
  Optional<BigDecimal> exchangeRate();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  @Value.Check
  default void check() {
    reference().ifPresent(v -> SageModelChecks.maxLength("BankTransfer", "reference", v, 20));
    secondReference().ifPresent(v -> SageModelChecks.maxLength("BankTransfer", "second_reference", v, 20));
  }

  /** Builds a {@link BankTransfer}; get one from {@link BankTransfer#builder()}. */
  final class Builder extends ImmutableBankTransfer.Builder {
    Builder() {}
  }
}
