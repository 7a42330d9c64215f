package io.github.centrasage.sync.finance.internal;

import io.github.centrasage.sync.internal.Texts;
import io.github.centrasage.sage200.ODataFilter;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.model.AllocationLine;
import io.github.centrasage.sage200.model.SalesAllocation;
import io.github.centrasage.sage200.model.SalesPostedTransaction;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Allocates a posted receipt or credit note against the order's invoice. Safe to repeat: what is
 * allocated is the smaller of the two outstanding values, so a second run allocates nothing.
 */
public final class InvoiceAllocation {
  static final String INVOICE_TYPE = "TradingAccountEntryTypeInvoice";

  private final Sage200Client sage;
  private final String matchField;

  public InvoiceAllocation(Sage200Client sage, String matchField) {
    this.sage = sage;
    this.matchField = matchField;
  }

  /**
   * Allocates {@code posted} against the customer's open invoice keyed {@code invoiceKey}.
   *
   * @return empty when allocated (now or before), else why not, for the report
   */
  public Optional<String> allocate(long customerId, SalesPostedTransaction posted, String invoiceKey, LocalDate date) {
    BigDecimal open = posted.documentOutstandingValue().orElse(BigDecimal.ZERO);
    if (open.signum() == 0) {
      return Optional.empty();
    }
    Optional<SalesPostedTransaction> invoice = invoiceKey.isEmpty() ? Optional.empty() : sage.salesPostedTransactions()
        .list(ODataQuery.where(ODataFilter.allOf(List.of(ODataFilter.eq("customer_id", customerId),
            ODataFilter.eq(matchField, truncate(invoiceKey)), ODataFilter.eq("trader_transaction_type", INVOICE_TYPE)))))
        .stream().filter(t -> t.documentOutstandingValue().orElse(BigDecimal.ZERO).signum() > 0).findFirst();
    if (invoice.isEmpty()) {
      return Optional.of("no open invoice for " + invoiceKey + "; " + open + " left on account (unallocated)");
    }
    BigDecimal value = allocatePair(customerId, posted, invoice.get(), date);
    return value.compareTo(open) < 0
        ? Optional.of(open.subtract(value) + " exceeds the open invoice " + invoiceKey + "; left on account")
        : Optional.empty();
  }

  /** Allocates the smaller of the two outstanding values of {@code a} and {@code b}; returns it (zero: nothing to do). */
  public BigDecimal allocatePair(long customerId, SalesPostedTransaction a, SalesPostedTransaction b, LocalDate date) {
    BigDecimal value = a.documentOutstandingValue().orElse(BigDecimal.ZERO).abs()
        .min(b.documentOutstandingValue().orElse(BigDecimal.ZERO).abs());
    if (value.signum() == 0) {
      return value;
    }
    sage.salesAllocations().allocate(SalesAllocation.builder().customerId(customerId).allocationDate(date)
        .addAllocationLines(AllocationLine.builder().postedTranId(a.id()).valueToAllocate(value).build(),
            AllocationLine.builder().postedTranId(b.id()).valueToAllocate(value).build())
        .build());
    return value;
  }

  static String truncate(String s) {
    return Texts.cut(s, 20);
  }
}
