package io.github.centrasage.sync.finance.internal;

import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.model.SalesOrder;
import io.github.centrasage.sage200.model.SalesPostedTransaction;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.finance.PayoutBatch;
import io.github.centrasage.sync.finance.PayoutItem;
import io.github.centrasage.sync.finance.ReconciliationLine;
import io.github.centrasage.sync.finance.RefundImport;
import io.github.centrasage.sync.finance.SettlementPostingOptions;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.store.BindingStore;
import java.time.LocalDate;
import java.util.Optional;

/** Allocates a line's receipt or payment (to an invoice, a credit note, a refund) and tracks chargebacks. */
final class PayoutAllocator {
  /** A refund line by PSP reference and modification reference → the sales payment's reference. */
  static final String REFUND_LINE_BINDING = "payout-refund";
  private static final String CREDIT_NOTE_TYPE = "TradingAccountEntryTypeCreditNote";

  private final Sage200Client sage;
  private final Mappings mappings;
  private final BindingStore bindings;
  private final SettlementPostingOptions options;
  private final InvoiceAllocation invoices;

  PayoutAllocator(Sage200Client sage, Mappings mappings, BindingStore bindings, SettlementPostingOptions options) {
    this.sage = sage;
    this.mappings = mappings;
    this.bindings = bindings;
    this.options = options;
    this.invoices = new InvoiceAllocation(sage, options.invoiceMatchField());
  }

  /** Allocates the line's receipt to the order's invoice where Sage has one; otherwise says why not. */
  Optional<String> allocateToInvoice(long customerId, String reference, SalesOrder order, LocalDate date) {
    String key = options.invoiceKey() == SettlementPostingOptions.InvoiceKey.CUSTOMER_DOCUMENT
        ? order.customerDocumentNo().orElse("") : order.documentNo().orElse("");
    Optional<SalesPostedTransaction> receipt = posted(reference, customerId);
    if (receipt.isEmpty()) {
      return Optional.of("receipt not found in the sales ledger after posting; not allocated");
    }
    return invoices.allocate(customerId, receipt.get(), key, date);
  }

  private Optional<SalesPostedTransaction> posted(String reference, long customerId) {
    return sage.salesPostedTransactions().findByReference(reference).stream()
        .filter(t -> t.customerId().orElse(-1) == customerId).findFirst();
  }

  /**
   * Allocates a refund's payment to its credit note: the one RefundImport raised for the line's
   * return, else the customer's credit note whose reference is the line's modification merchant
   * reference ({@code RMA678}).
   */
  Optional<String> allocateRefund(PayoutBatch batch, PlannedLine p, long customerId) {
    PayoutItem item = p.item;
    item.pspReference().ifPresent(psp -> bindings.bind(Binding.builder().entityType(REFUND_LINE_BINDING)
        .centraId(batch.psp() + ":" + psp + ":" + item.modificationReference().orElse(""))
        .sageId(batch.psp() + ":" + accounts(batch) + ":" + p.reference).sageReference(p.reference).build()));
    Optional<SalesPostedTransaction> creditNote = p.creditNote.or(() -> item.modificationMerchantReference()
        .flatMap(ref -> sage.salesPostedTransactions().findByReference(SettlementPoster.truncate(ref)).stream()
            .filter(t -> t.customerId().orElse(-1) == customerId)
            .filter(t -> t.traderTransactionType().filter(CREDIT_NOTE_TYPE::equals).isPresent()).findFirst()));
    Optional<SalesPostedTransaction> payment = posted(p.reference, customerId);
    if (creditNote.isEmpty() || payment.isEmpty()) {
      String why = "refund of " + item.gross().abs() + " has no credit note to allocate to"
          + item.modificationMerchantReference().map(r -> " (no credit note " + r + ")").orElse("")
          + "; left on account (unallocated)";
      p.status = ReconciliationLine.Status.UNALLOCATED;
      p.note = why;
      return Optional.of(p.reference + ": " + why);
    }
    invoices.allocatePair(customerId, payment.get(), creditNote.get(), p.date);
    p.status = ReconciliationLine.Status.ALLOCATED;
    p.note = "credit note " + creditNote.get().reference().orElse("");
    return Optional.empty();
  }

  private String accounts(PayoutBatch batch) {
    return mappings.paymentAccounts(batch.psp(), batch.currency()).map(Mappings.PaymentAccounts::clearingBank).orElse("");
  }

  /** A refund taken back: its receipt is allocated against the refund's payment, found by PSP and modification reference. */
  Optional<String> allocateReversal(PayoutBatch batch, PlannedLine p, long customerId) {
    PayoutItem item = p.item;
    Optional<SalesPostedTransaction> refund = item.pspReference()
        .flatMap(psp -> bindings.bindingByCentraId(REFUND_LINE_BINDING,
            batch.psp() + ":" + psp + ":" + item.modificationReference().orElse("")))
        .flatMap(Binding::sageReference).flatMap(ref -> posted(ref, customerId));
    Optional<SalesPostedTransaction> receipt = posted(p.reference, customerId);
    boolean pairedBefore = receipt.flatMap(SalesPostedTransaction::documentOutstandingValue)
        .filter(v -> v.signum() == 0).isPresent();
    if (refund.isPresent() && pairedBefore) {
      p.status = ReconciliationLine.Status.PAIRED;
      p.note = "pairs with refund " + refund.get().reference().orElse("");
      return Optional.empty();
    }
    if (refund.isEmpty() || receipt.isEmpty()
        || invoices.allocatePair(customerId, receipt.get(), refund.get(), p.date).signum() == 0) {
      String why = "refund reversal of " + item.gross() + " found no open refund payment to pair with; left on account";
      p.status = ReconciliationLine.Status.UNALLOCATED;
      p.note = why;
      return Optional.of(p.reference + ": " + why);
    }
    p.status = ReconciliationLine.Status.PAIRED;
    p.note = "pairs with refund " + refund.get().reference().orElse("");
    return Optional.empty();
  }

  static String chargebackKey(PayoutBatch batch, PayoutItem item) {
    return batch.psp() + ":" + batch.merchantAccount().orElse("") + ":" + item.pspReference().orElse(item.identity());
  }

  /**
   * Records an open chargeback. The {@code chargeback} binding of a payment reads {@code open <ref> …}
   * (with {@code second} for a second chargeback) or {@code reversed <ref> of <ref> …}; a dispute
   * moves first chargeback → reversal → second chargeback, and a re-delivered report never moves it back.
   */
  void chargeback(PayoutBatch batch, PlannedLine p) {
    String key = chargebackKey(batch, p.item);
    boolean second = p.item.recordType().filter("SecondChargeback"::equals).isPresent();
    Optional<String> known = bindings.bindingByCentraId(SettlementPoster.CHARGEBACK_BINDING, key).flatMap(Binding::sageReference);
    if (!second && known.isPresent() && !known.get().startsWith("open " + p.reference + " ")) {
      // The dispute has moved on (reversed, or charged back a second time) since this chargeback.
      p.status = ReconciliationLine.Status.PAIRED;
      p.note = "chargeback of " + p.item.gross().abs() + " since reversed";
      return;
    }
    bindings.bind(Binding.builder().entityType(SettlementPoster.CHARGEBACK_BINDING).centraId(key).sageId(key)
        .sageReference("open " + p.reference + " " + p.item.gross().abs().toPlainString() + " " + batch.currency()
            + (second ? " second" : "")).build());
    p.status = ReconciliationLine.Status.OPEN_CHARGEBACK;
    p.note = (second ? "second chargeback of " : "chargeback of ") + p.item.gross().abs() + " open until reversed";
  }

  void chargebackReversal(PayoutBatch batch, PlannedLine p) {
    String key = chargebackKey(batch, p.item);
    Optional<String> known = bindings.bindingByCentraId(SettlementPoster.CHARGEBACK_BINDING, key).flatMap(Binding::sageReference);
    if (known.isEmpty()) {
      p.status = ReconciliationLine.Status.POSTED;
      p.note = "no chargeback of PSP reference " + p.item.pspReference().orElse("") + " was posted here";
      return;
    }
    String was = known.get();
    p.status = ReconciliationLine.Status.PAIRED;
    if (was.startsWith("open ") && was.endsWith(" second")) {
      // A re-delivered reversal of the first chargeback: the second one stays open.
      p.note = "reverses the first chargeback";
      return;
    }
    String reversed = was.startsWith("open ") ? was.substring(5).split(" ")[0]
        : was.contains(" of ") ? was.substring(was.indexOf(" of ") + 4).split(" ")[0] : "";
    bindings.bind(Binding.builder().entityType(SettlementPoster.CHARGEBACK_BINDING).centraId(key).sageId(key)
        .sageReference("reversed " + p.reference + " of " + reversed + " ").build());
    p.note = "reverses chargeback " + reversed;
  }

  /** Whether the chargeback binding says the chargeback posted as {@code reference} is open. */
  boolean isOpen(String key, String reference) {
    return bindings.bindingByCentraId(SettlementPoster.CHARGEBACK_BINDING, key).flatMap(Binding::sageReference)
        .filter(r -> r.startsWith("open " + reference + " ")).isPresent();
  }
}
