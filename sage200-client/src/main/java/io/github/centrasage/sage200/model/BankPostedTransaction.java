package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A posted cash-book transaction ({@code bank_posted_transactions}).
 *
 * <p>Usage: {@code BankPostedTransaction.builder()…build()}
 */
@Value.Immutable
public interface BankPostedTransaction {
  /** JSON {@code id}. */
  long id();

  /** JSON {@code bank_id}. */
  OptionalLong bankId();

  /** JSON {@code bank_transaction_type}. */
  Optional<String> bankTransactionType();

  /** JSON {@code reference}. */
  Optional<String> reference();

  /** JSON {@code second_reference}. */
  Optional<String> secondReference();

  /** JSON {@code transaction_date}. */
  Optional<LocalDate> transactionDate();

  /** JSON {@code posted_date}. */
  Optional<LocalDate> postedDate();

  /** JSON {@code cheque_value}. */
  Optional<BigDecimal> chequeValue();

  /** JSON {@code urn}. */
  OptionalLong urn();

  /** JSON {@code user_name}. */
  Optional<String> userName();

  /** JSON {@code source}. */
  Optional<String> source();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link BankPostedTransaction}; get one from {@link BankPostedTransaction#builder()}. */
  final class Builder extends ImmutableBankPostedTransaction.Builder {
    Builder() {}
  }
}
