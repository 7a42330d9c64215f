package io.github.centrasage.sync.finance.internal;

import io.github.centrasage.sync.internal.Texts;
import io.github.centrasage.sage200.ODataFilter;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.model.Bank;
import io.github.centrasage.sage200.model.BankAnalysisItem;
import io.github.centrasage.sage200.model.BankEntry;
import io.github.centrasage.sage200.model.BankPostedTransaction;
import io.github.centrasage.sage200.model.BankTransfer;
import io.github.centrasage.sage200.model.SalesOrder;
import io.github.centrasage.sage200.model.SalesPostedTransaction;
import io.github.centrasage.sage200.model.SalesReceipt;
import io.github.centrasage.sync.JobFailure;
import io.github.centrasage.sync.Mappings;
import io.github.centrasage.sync.finance.PayoutBatch;
import io.github.centrasage.sync.finance.RefundImport;
import io.github.centrasage.sync.finance.PayoutItem;
import io.github.centrasage.sync.finance.SettlementPostingOptions;
import io.github.centrasage.sync.finance.SettlementReport;
import io.github.centrasage.sync.spi.BindingStore;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Posts one payout through the clearing bank. Every posting has a fixed reference
 * ({@code <payoutId>/<n>} per line, {@code /F} fees, {@code /V} variance, {@code /T} transfer) that is
 * looked up on the clearing bank before it is posted, so a rerun or a retry after a lost answer
 * posts only what is missing. The clearing movement is {@code sum(gross) - fees - transfer -
 * variance}, and the variance is chosen to make it exactly zero.
 */
public final class SettlementPoster {
  private static final String ORDER_BINDING = "order";
  private static final String REFUND_BINDING = RefundImport.REFUND_BINDING;
  private static final String SOP_RETURN_BINDING = RefundImport.SOP_RETURN_BINDING;

  private final Sage200Client sage;
  private final Mappings mappings;
  private final BindingStore bindings;
  private final SettlementPostingOptions options;
  private final InvoiceAllocation invoices;

  public SettlementPoster(Sage200Client sage, Mappings mappings, BindingStore bindings, SettlementPostingOptions options) {
    this.sage = sage;
    this.mappings = mappings;
    this.bindings = bindings;
    this.options = options;
    this.invoices = new InvoiceAllocation(sage, options.invoiceMatchField());
  }

  /** Resolved accounts of a batch; every unmapped value is reported at once. */
  private static final class Accounts {
    long clearingBankId;
    long currentBankId;
    Mappings.PaymentAccounts names;
    OptionalLong currencyId = OptionalLong.empty();
  }

  public SettlementReport post(PayoutBatch batch) {
    Accounts accounts = resolve(batch);
    List<String> exceptions = new ArrayList<>();
    int[] counts = new int[2];
    BigDecimal receipts = BigDecimal.ZERO;
    BigDecimal refunds = BigDecimal.ZERO;
    BigDecimal variance = BigDecimal.ZERO;
    BigDecimal grossTotal = BigDecimal.ZERO;
    BigDecimal feeTotal = BigDecimal.ZERO;
    // One read finds everything an earlier run (or an attempt whose answer was lost) posted.
    Set<String> existing = new HashSet<>();
    clearingPostings(accounts.clearingBankId, batch).forEach(t -> t.reference().ifPresent(existing::add));
    String narrative = options.narrativePrefix().orElse(batch.psp()) + " payout " + batch.payoutId();

    for (int i = 0; i < batch.items().size(); i++) {
      PayoutItem item = batch.items().get(i);
      String reference = batch.itemReference(i + 1);
      grossTotal = grossTotal.add(item.gross());
      feeTotal = feeTotal.add(item.fee());
      if (item.net().compareTo(item.gross().subtract(item.fee())) != 0) {
        exceptions.add(reference + ": net " + item.net() + " is not gross " + item.gross() + " less fee " + item.fee()
            + " (the batch difference goes to variance)");
      }
      if (item.gross().signum() == 0) {
        continue;
      }
      Optional<SalesOrder> order = item.orderNumber().flatMap(n -> bindings.bindingByCentraId(ORDER_BINDING, n))
          .map(b -> sage.salesOrders().get(Long.parseLong(b.sageId())));
      // A refund line may name only the Centra return: RefundImport's credit note gives the customer.
      Optional<SalesPostedTransaction> creditNote = item.returnId()
          .flatMap(id -> bindings.bindingByCentraId(REFUND_BINDING, id))
          .map(b -> sage.salesPostedTransactions().get(Long.parseLong(b.sageId())));
      Optional<Long> customer = order.map(SalesOrder::customerId).or(() -> creditNote
          .filter(c -> c.customerId().isPresent()).map(c -> c.customerId().getAsLong()))
          // A return entered as a SOP return has no credit note yet: its customer is on the return.
          .or(() -> item.returnId().flatMap(id -> bindings.bindingByCentraId(SOP_RETURN_BINDING, id))
              .map(b -> sage.salesReturns().get(Long.parseLong(b.sageId())))
              .filter(r -> r.customerId().isPresent()).map(r -> r.customerId().getAsLong()));
      if (customer.isEmpty()) {
        String what = item.orderNumber().map(n -> "order " + n + " is not imported (no order binding)")
            .or(() -> item.returnId().map(r -> "return " + r + " has no credit note (no refund binding)"))
            .orElse("line has no order number");
        exceptions.add(reference + ": " + what + "; " + item.gross() + " posted to variance nominal "
            + accounts.names.varianceNominal());
        variance = variance.add(item.gross());
        postOnce(existing, reference, counts,
            () -> bankEntry(accounts, item.gross(), reference, accounts.names.varianceNominal(), batch, item,
                "Unmatched " + narrative));
        continue;
      }
      long customerId = customer.get();
      BigDecimal value = item.gross().abs();
      SalesReceipt body = receiptBody(accounts, customerId, value, reference, batch, item);
      if (item.isRefund()) {
        refunds = refunds.add(value);
        postOnce(existing, reference, counts, () -> sage.salesPayments().post(body));
        if (creditNote.isPresent()) {
          sage.salesPostedTransactions().findByReference(reference).stream()
              .filter(t -> t.customerId().orElse(-1) == customerId).findFirst()
              .ifPresent(payment -> invoices.allocatePair(customerId, payment, creditNote.get(), batch.payoutDate()));
        }
      } else if (order.isEmpty()) {
        exceptions.add(reference + ": money in for return " + item.returnId().orElse("") + " without an order; "
            + "receipt of " + value + " left on account");
        receipts = receipts.add(value);
        postOnce(existing, reference, counts, () -> sage.salesReceipts().post(body));
      } else {
        receipts = receipts.add(value);
        postOnce(existing, reference, counts, () -> sage.salesReceipts().post(body));
        allocateToInvoice(customerId, reference, order.get(), batch).ifPresent(exceptions::add);
      }
    }

    if (feeTotal.signum() != 0) {
      String reference = batch.payoutId() + "/F";
      BigDecimal fees = feeTotal;
      postOnce(existing, reference, counts,
          () -> bankEntry(accounts, fees.negate(), reference, accounts.names.feesNominal(), batch, null, "Fees " + narrative));
    }
    BigDecimal transfer = batch.transferAmount();
    // Whatever the lines do not explain (rounding, a PSP adjustment, net ≠ gross - fee) balances the clearing bank.
    BigDecimal difference = grossTotal.subtract(feeTotal).subtract(transfer);
    if (difference.signum() != 0) {
      String reference = batch.payoutId() + "/V";
      exceptions.add(reference + ": payout " + transfer + " differs from receipts less refunds less fees ("
          + grossTotal.subtract(feeTotal) + ") by " + difference + "; posted to variance nominal "
          + accounts.names.varianceNominal());
      variance = variance.add(difference.negate());
      postOnce(existing, reference, counts, () -> bankEntry(accounts, difference.negate(), reference,
          accounts.names.varianceNominal(), batch, null, "Variance " + narrative));
    }
    if (transfer.signum() > 0) {
      String reference = batch.payoutId() + "/T";
      postOnce(existing, reference, counts, () -> sage.bankTransfers().post(BankTransfer.builder()
          .bankFromId(accounts.clearingBankId).bankToId(accounts.currentBankId).paymentValue(transfer)
          .reference(reference).secondReference(truncate(batch.psp().toUpperCase() + " " + batch.payoutId()))
          .narrative(narrative).transactionDate(batch.payoutDate()).build()));
    } else if (transfer.signum() < 0) {
      exceptions.add(batch.payoutId() + ": negative payout " + transfer + " (the PSP debits the bank): not transferred, "
          + "post the direct debit by hand");
    }
    // Measured, not derived: what Sage's clearing bank holds for this batch's references.
    BigDecimal movement = clearingPostings(accounts.clearingBankId, batch).stream()
        .map(t -> t.chequeValue().orElse(BigDecimal.ZERO)).reduce(BigDecimal.ZERO, BigDecimal::add);
    return SettlementReport.builder().psp(batch.psp()).payoutId(batch.payoutId()).currency(batch.currency())
        .clearingBank(accounts.names.clearingBank()).receipts(receipts).refunds(refunds).fees(feeTotal)
        .transferred(transfer.max(BigDecimal.ZERO)).variance(variance).clearingMovement(movement)
        .posted(counts[0]).alreadyPosted(counts[1]).exceptions(exceptions).build();
  }

  /** The clearing bank's postings of this batch: one request, by reference prefix. */
  private List<BankPostedTransaction> clearingPostings(long clearingBankId, PayoutBatch batch) {
    return sage.bankPostedTransactions().list(ODataQuery.where(ODataFilter.allOf(List.of(
        ODataFilter.eq("bank_id", clearingBankId), ODataFilter.startsWith("reference", batch.payoutId() + "/")))));
  }

  private Accounts resolve(PayoutBatch batch) {
    List<String> problems = new ArrayList<>();
    Accounts accounts = new Accounts();
    Optional<Mappings.PaymentAccounts> names = mappings.paymentAccounts(batch.psp(), batch.currency());
    Optional<String> currency = mappings.sageCurrency(batch.currency());
    if (currency.isEmpty()) {
      problems.add("currency " + batch.currency() + " has no Sage currency mapping");
    }
    if (names.isEmpty()) {
      problems.add("payment method '" + batch.psp() + "' in " + batch.currency() + " has no payment accounts mapping");
    } else {
      accounts.names = names.get();
      Map<String, Long> banks = bankIds(List.of(names.get().clearingBank(), names.get().currentBank()));
      Long clearing = banks.get(names.get().clearingBank());
      Long current = banks.get(names.get().currentBank());
      if (clearing == null) {
        problems.add("clearing bank " + names.get().clearingBank() + " does not exist in Sage");
      }
      if (current == null) {
        problems.add("current bank " + names.get().currentBank() + " does not exist in Sage");
      }
      if (clearing != null && current != null) {
        accounts.clearingBankId = clearing;
        accounts.currentBankId = current;
      }
    }
    if (!problems.isEmpty()) {
      throw JobFailure.permanent(problems);
    }
    try {
      accounts.currencyId = OptionalLong.of(Long.parseLong(currency.get()));
    } catch (NumberFormatException e) {
      throw JobFailure.permanent("Sage currency '" + currency.get() + "' of " + batch.currency() + " is not a numeric id");
    }
    return accounts;
  }

  private Map<String, Long> bankIds(List<String> codes) {
    Map<String, Long> out = new java.util.HashMap<>();
    for (Bank bank : sage.banks().list(ODataQuery.where(ODataFilter.in("code", codes)))) {
      out.put(bank.code(), bank.id());
    }
    return out;
  }

  /** Posts unless the clearing bank already holds a posting with this reference. */
  private static void postOnce(Set<String> existing, String reference, int[] counts, Supplier<String> post) {
    if (existing.contains(reference)) {
      counts[1]++;
      return;
    }
    post.get();
    existing.add(reference);
    counts[0]++;
  }

  private SalesReceipt receiptBody(Accounts accounts, long customerId, BigDecimal value, String reference,
      PayoutBatch batch, PayoutItem item) {
    return SalesReceipt.builder().customerId(customerId).bankId(accounts.clearingBankId).chequeValue(value)
        .chequeCurrencyId(accounts.currencyId).transactionDate(batch.payoutDate()).reference(reference)
        .secondReference(truncate(item.pspReference().or(() -> item.orderNumber().map(mappings::customerDocumentFor))
            .or(() -> item.returnId().map(r -> "return " + r)).orElse(batch.payoutId())))
        .build();
  }

  /** A cash-book entry on the clearing bank: a receipt when {@code signed} is positive, else a payment. */
  private String bankEntry(Accounts accounts, BigDecimal signed, String reference, String nominal, PayoutBatch batch,
      PayoutItem item, String narrative) {
    BigDecimal value = signed.abs();
    io.github.centrasage.sage200.model.ImmutableBankAnalysisItem.Builder line = BankAnalysisItem.builder()
        .code(nominal).grossValue(value).goodsValue(value).taxValue(BigDecimal.ZERO).narrative(truncate60(narrative));
    boolean fee = nominal.equals(accounts.names.feesNominal()) && item == null;
    if (fee) {
      options.feeTaxCodeId().ifPresent(line::taxCodeId);
    }
    BankEntry entry = BankEntry.builder().bankId(accounts.clearingBankId).transactionDate(batch.payoutDate())
        .reference(reference).secondReference(truncate(item == null ? batch.psp().toUpperCase() + " " + batch.payoutId()
            : item.pspReference().orElse(item.orderNumber().orElse(batch.payoutId()))))
        .narrative(truncate60(narrative)).addNominalAnalysisItems(line.build()).build();
    return signed.signum() > 0 ? sage.bankReceipts().post(entry) : sage.bankPayments().post(entry);
  }

  /** Allocates the line's receipt to the order's invoice where Sage has one; otherwise says why not. */
  private Optional<String> allocateToInvoice(long customerId, String reference, SalesOrder order, PayoutBatch batch) {
    String key = options.invoiceKey() == SettlementPostingOptions.InvoiceKey.CUSTOMER_DOCUMENT
        ? order.customerDocumentNo().orElse("") : order.documentNo().orElse("");
    Optional<SalesPostedTransaction> receipt = sage.salesPostedTransactions().findByReference(reference).stream()
        .filter(t -> t.customerId().orElse(-1) == customerId).findFirst();
    if (receipt.isEmpty()) {
      return Optional.of(reference + ": receipt not found in the sales ledger after posting; not allocated");
    }
    return invoices.allocate(customerId, receipt.get(), key, batch.payoutDate()).map(why -> reference + ": " + why);
  }

  private static String truncate(String s) {
    return InvoiceAllocation.truncate(s);
  }

  private static String truncate60(String s) {
    return Texts.cut(s, 60);
  }
}
