package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A posted sales-ledger transaction ({@code sales_posted_transactions}).
 *
 * <p>Usage: {@code SalesPostedTransaction.builder()…build()}
 */
@Value.Immutable
public interface SalesPostedTransaction {
  /** JSON {@code id}. */
  long id();

  /** JSON {@code customer_id}. */
  OptionalLong customerId();

  /** JSON {@code trader_transaction_type}. */
  Optional<String> traderTransactionType();

  /** JSON {@code reference}. */
  Optional<String> reference();

  /** JSON {@code second_reference}. */
  Optional<String> secondReference();

  /** JSON {@code transaction_date}. */
  Optional<LocalDate> transactionDate();

  /** JSON {@code posted_date}. */
  Optional<LocalDate> postedDate();

  /** JSON {@code due_date}. */
  Optional<LocalDate> dueDate();

  /** JSON {@code document_gross_value}. */
  Optional<BigDecimal> documentGrossValue();

  /** JSON {@code document_allocated_value}. */
  Optional<BigDecimal> documentAllocatedValue();

  /** JSON {@code document_outstanding_value}. */
  Optional<BigDecimal> documentOutstandingValue();

  /** JSON {@code exchange_rate}. */
  Optional<BigDecimal> exchangeRate();

  /** JSON {@code urn}. */
  OptionalLong urn();

  /** JSON {@code user_name}. */
  Optional<String> userName();

  /** JSON {@code queried}. */
  Optional<Boolean> queried();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SalesPostedTransaction}; get one from {@link SalesPostedTransaction#builder()}. */
  final class Builder extends ImmutableSalesPostedTransaction.Builder {
    Builder() {}
  }
}
