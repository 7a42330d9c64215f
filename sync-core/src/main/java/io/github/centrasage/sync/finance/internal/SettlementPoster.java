package io.github.centrasage.sync.finance.internal;

import static io.github.centrasage.sync.finance.internal.ClearingPostings.analysis;
import static io.github.centrasage.sync.finance.internal.ClearingPostings.feeKey;
import static io.github.centrasage.sync.finance.internal.ClearingPostings.postOnce;

import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.model.BankAnalysisItem;
import io.github.centrasage.sage200.model.SalesReceipt;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.finance.PayoutBatch;
import io.github.centrasage.sync.finance.PayoutItem;
import io.github.centrasage.sync.integration.RecordTreatment;
import io.github.centrasage.sync.finance.ReconciliationLine;
import io.github.centrasage.sync.finance.SettlementPostingOptions;
import io.github.centrasage.sync.finance.SettlementReport;
import io.github.centrasage.sync.store.BindingStore;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Posts one payout through the clearing bank in two steps. <b>Plan</b>: every line gets its
 * treatment (from its record type), its customer, its currency handling and a Sage reference
 * numbered by the line's identity; anything that cannot be posted correctly (an unknown record type,
 * an unmapped nominal, a currency Sage cannot take) holds the whole batch with every reason, before
 * anything is posted. <b>Post</b>: every posting has a fixed reference ({@code <prefix>/<n>} per
 * line, {@code /F} fees, {@code /V} variance, {@code /T} transfer) that is looked up on the clearing
 * bank first, so a rerun, a re-delivered report or a retry after a lost answer posts only what is
 * missing. The clearing movement is {@code sum(net) - transfer - variance}, and the variance makes
 * it exactly zero.
 */
public final class SettlementPoster {
  /** A chargeback by PSP account and PSP reference → its reference and whether it is reversed. */
  public static final String CHARGEBACK_BINDING = "chargeback";

  private final Sage200Client sage;
  private final SettlementPostingOptions options;
  private final PayoutAccountResolver resolver;
  private final PayoutPlanner planner;
  private final ClearingPostings postings;
  private final PayoutAllocator allocator;

  public SettlementPoster(Sage200Client sage, Mappings mappings, BindingStore bindings, SettlementPostingOptions options) {
    this.sage = sage;
    this.options = options;
    this.resolver = new PayoutAccountResolver(sage, mappings, bindings);
    this.planner = new PayoutPlanner(sage, mappings, bindings, options);
    this.postings = new ClearingPostings(sage, mappings);
    this.allocator = new PayoutAllocator(sage, mappings, bindings, options);
  }

  public SettlementReport post(PayoutBatch batch) {
    PayoutAccounts accounts = resolver.resolve(batch);
    List<PlannedLine> plan = planner.plan(batch, accounts);
    List<String> exceptions = new ArrayList<>();
    int[] counts = new int[2];
    BigDecimal receipts = BigDecimal.ZERO;
    BigDecimal refunds = BigDecimal.ZERO;
    BigDecimal variance = BigDecimal.ZERO;
    BigDecimal netTotal = BigDecimal.ZERO;
    // One read finds everything an earlier run (or an attempt whose answer was lost) posted.
    Set<String> existing = new HashSet<>();
    resolver.clearingPostings(accounts, batch).forEach(t -> t.reference().ifPresent(existing::add));
    String narrative = options.narrativePrefix().orElse(batch.psp()) + " payout " + batch.key();
    // Fee payment lines by nominal and tax code; positive is a cost.
    Map<String, BigDecimal> feeLines = new LinkedHashMap<>();
    String feeReference = accounts.prefix + "/F";

    // Reversals after what they reverse, and a second chargeback after the reversal it follows, so a
    // dispute's lines in one payout pair up the same way whatever their order in the file.
    List<PlannedLine> order = new ArrayList<>(plan);
    order.sort(Comparator.comparingInt(SettlementPoster::sequence));
    for (PlannedLine p : order) {
      PayoutItem item = p.item;
      String reference = p.reference;
      netTotal = netTotal.add(item.net());
      if (item.net().compareTo(item.gross().subtract(item.fee())) != 0) {
        exceptions.add(reference + ": net " + item.net() + " is not gross " + item.gross() + " less fee " + item.fee()
            + " (the batch difference goes to variance)");
      }
      if (item.fee().signum() != 0) {
        feeLines.merge(feeKey(accounts.names.feesNominal(), options.feeTaxCodeId()), item.fee(), BigDecimal::add);
        p.postings.add(feeReference);
      }
      if (item.gross().signum() == 0) {
        p.status = ReconciliationLine.Status.FEE;
        continue;
      }
      switch (p.treatment()) {
        case FEE:
          feeLines.merge(feeKey(p.nominal, p.taxCodeId), item.gross().negate(), BigDecimal::add);
          if (!p.postings.contains(feeReference)) {
            p.postings.add(feeReference);
          }
          p.status = ReconciliationLine.Status.FEE;
          break;
        case BALANCE:
        case CHARGEBACK:
        case CHARGEBACK_REVERSAL:
          postOnce(existing, reference, counts, () -> postings.bankEntry(accounts, item.gross(), reference, p.nominal,
              p.taxCodeId, p.date, postings.secondReference(batch, item), p.treatment() + " " + narrative));
          p.postings.add(0, reference);
          if (p.treatment() == RecordTreatment.CHARGEBACK) {
            allocator.chargeback(batch, p);
          } else if (p.treatment() == RecordTreatment.CHARGEBACK_REVERSAL) {
            allocator.chargebackReversal(batch, p);
          }
          break;
        case TRANSFER_IN:
          postOnce(existing, reference, counts, () -> sage.bankTransfers().post(postings.transfer(accounts,
              item.gross().signum() > 0, item.gross().abs(), reference, batch, p.date, narrative)));
          p.postings.add(0, reference);
          break;
        default: {
          if (p.customerId.isEmpty()) {
            String what = item.orderNumber().map(n -> "order " + n + " is not imported (no order binding)")
                .or(() -> item.returnId().map(r -> "return " + r + " has no credit note (no refund binding)"))
                .orElse("line has no order number");
            exceptions.add(reference + ": " + what + "; " + item.gross() + " posted to variance nominal "
                + accounts.names.varianceNominal());
            variance = variance.add(item.gross());
            postOnce(existing, reference, counts, () -> postings.bankEntry(accounts, item.gross(), reference,
                accounts.names.varianceNominal(), OptionalLong.empty(), p.date, postings.secondReference(batch, item),
                "Unmatched " + narrative));
            p.postings.add(0, reference);
            p.status = ReconciliationLine.Status.VARIANCE;
            p.note = what;
            break;
          }
          long customerId = p.customerId.get();
          SalesReceipt body = postings.receiptBody(accounts, customerId, p, batch);
          p.postings.add(0, reference);
          if (item.gross().signum() < 0) {
            refunds = refunds.add(item.gross().abs());
            postOnce(existing, reference, counts, () -> sage.salesPayments().post(body));
            allocator.allocateRefund(batch, p, customerId).ifPresent(exceptions::add);
          } else {
            receipts = receipts.add(item.gross());
            postOnce(existing, reference, counts, () -> sage.salesReceipts().post(body));
            if (p.treatment() == RecordTreatment.REFUND_REVERSAL) {
              allocator.allocateReversal(batch, p, customerId).ifPresent(exceptions::add);
            } else if (p.order.isEmpty()) {
              String why = "money in for return " + item.returnId().orElse("") + " without an order; receipt of "
                  + item.gross() + " left on account";
              exceptions.add(reference + ": " + why);
              p.status = ReconciliationLine.Status.UNALLOCATED;
              p.note = why;
            } else {
              Optional<String> why = allocator.allocateToInvoice(customerId, reference, p.order.get(), p.date);
              why.ifPresent(w -> exceptions.add(reference + ": " + w));
              p.status = why.isPresent() ? ReconciliationLine.Status.UNALLOCATED : ReconciliationLine.Status.ALLOCATED;
              p.note = why.orElse("");
            }
          }
        }
      }
    }

    // A chargeback reversed (in this payout or, on a re-delivery, before) is paired, not open.
    for (PlannedLine p : plan) {
      if (p.treatment() == RecordTreatment.CHARGEBACK && p.status == ReconciliationLine.Status.OPEN_CHARGEBACK
          && !allocator.isOpen(PayoutAllocator.chargebackKey(batch, p.item), p.reference)) {
        p.status = ReconciliationLine.Status.PAIRED;
        p.note = "chargeback of " + p.item.gross().abs() + " since reversed";
      }
    }

    BigDecimal fees = BigDecimal.ZERO;
    List<BankAnalysisItem> costLines = new ArrayList<>();
    List<BankAnalysisItem> rebateLines = new ArrayList<>();
    for (Map.Entry<String, BigDecimal> e : feeLines.entrySet()) {
      fees = fees.add(e.getValue());
      if (e.getValue().signum() != 0) {
        (e.getValue().signum() > 0 ? costLines : rebateLines).add(analysis(e.getKey(), e.getValue().abs(),
            "Fees " + narrative));
      }
    }
    if (!costLines.isEmpty()) {
      postOnce(existing, feeReference, counts, () -> postings.postEntry(accounts, false, costLines, feeReference,
          batch.payoutDate(), batch.psp().toUpperCase() + " " + batch.payoutId(), "Fees " + narrative));
    }
    if (!rebateLines.isEmpty()) {
      String rebateReference = accounts.prefix + "/FR";
      postOnce(existing, rebateReference, counts, () -> postings.postEntry(accounts, true, rebateLines, rebateReference,
          batch.payoutDate(), batch.psp().toUpperCase() + " " + batch.payoutId(), "Fee rebates " + narrative));
    }
    BigDecimal transfer = batch.transferAmount();
    // Whatever the lines do not explain (rounding, a PSP adjustment, net ≠ gross - fee) balances the clearing bank.
    BigDecimal difference = netTotal.subtract(transfer);
    if (difference.signum() != 0) {
      String reference = accounts.prefix + "/V";
      exceptions.add(reference + ": payout " + transfer + " differs from the lines' net (" + netTotal + ") by "
          + difference + "; posted to variance nominal " + accounts.names.varianceNominal());
      variance = variance.add(difference.negate());
      postOnce(existing, reference, counts, () -> postings.bankEntry(accounts, difference.negate(), reference,
          accounts.names.varianceNominal(), OptionalLong.empty(), batch.payoutDate(),
          batch.psp().toUpperCase() + " " + batch.payoutId(), "Variance " + narrative));
    }
    if (transfer.signum() > 0) {
      String reference = accounts.prefix + "/T";
      postOnce(existing, reference, counts, () -> sage.bankTransfers().post(postings.transfer(accounts, false, transfer,
          reference, batch, batch.payoutDate(), narrative)));
    } else if (transfer.signum() < 0) {
      exceptions.add(batch.payoutId() + ": negative payout " + transfer + " (the PSP debits the bank): not transferred, "
          + "post the direct debit by hand");
    }
    // Measured, not derived: what Sage's clearing bank holds for this batch's references.
    BigDecimal movement = resolver.clearingPostings(accounts, batch).stream()
        .map(t -> t.chequeValue().orElse(BigDecimal.ZERO)).reduce(BigDecimal.ZERO, BigDecimal::add);
    List<ReconciliationLine> lines = new ArrayList<>();
    for (PlannedLine p : plan) {
      PayoutItem item = p.item;
      lines.add(ReconciliationLine.builder().line(p.line).recordType(item.recordType().orElse(""))
          .pspReference(item.pspReference().orElse("")).modificationReference(item.modificationReference().orElse(""))
          .merchantReference(item.orderNumber().or(item::returnId).or(item::modificationMerchantReference).orElse(""))
          .gross(item.gross()).fee(item.fee()).net(item.net()).treatment(p.treatment()).postings(p.postings)
          .status(p.status).note(p.note).build());
    }
    return SettlementReport.builder().psp(batch.psp()).payoutId(batch.payoutId())
        .merchantAccount(batch.merchantAccount()).payoutDate(batch.payoutDate()).currency(batch.currency())
        .clearingBank(accounts.names.clearingBank()).receipts(receipts).refunds(refunds).fees(fees)
        .transferred(transfer.max(BigDecimal.ZERO)).variance(variance).clearingMovement(movement)
        .posted(counts[0]).alreadyPosted(counts[1]).exceptions(exceptions).lines(lines).build();
  }

  private static int sequence(PlannedLine p) {
    if (p.item.recordType().filter("SecondChargeback"::equals).isPresent()) {
      return 2;
    }
    return p.treatment() == RecordTreatment.CHARGEBACK_REVERSAL || p.treatment() == RecordTreatment.REFUND_REVERSAL
        ? 1 : 0;
  }

  static String truncate(String s) {
    return InvoiceAllocation.truncate(s);
  }
}
