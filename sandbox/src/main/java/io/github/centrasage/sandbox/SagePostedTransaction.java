package io.github.centrasage.sandbox;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A snapshot of a sales-ledger or cash-book transaction the sandbox posted (credit notes, receipts,
 * invoices, bank payments, receipts and transfers). {@code ledger} is {@code "sales"} or {@code "bank"}.
 *
 * <pre>{@code sage.postedTransactions().stream().filter(t -> t.urn() == urn)}</pre>
 */
public record SagePostedTransaction(long id, long urn, String ledger, String transactionType, String account,
    String reference, String secondReference, BigDecimal grossValue, BigDecimal outstandingValue,
    Instant transactionDate) {}
