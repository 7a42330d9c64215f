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
import io.github.centrasage.sage200.model.Currency;
import io.github.centrasage.sage200.model.ImmutableBankAnalysisItem;
import io.github.centrasage.sage200.model.ImmutableBankEntry;
import io.github.centrasage.sage200.model.ImmutableSalesReceipt;
import io.github.centrasage.sage200.model.SalesOrder;
import io.github.centrasage.sage200.model.SalesPostedTransaction;
import io.github.centrasage.sage200.model.SalesReceipt;
import io.github.centrasage.sync.JobFailure;
import io.github.centrasage.sync.Mappings;
import io.github.centrasage.sync.finance.PayoutBatch;
import io.github.centrasage.sync.finance.PayoutItem;
import io.github.centrasage.sync.finance.RecordTreatment;
import io.github.centrasage.sync.finance.ReconciliationLine;
import io.github.centrasage.sync.finance.RefundImport;
import io.github.centrasage.sync.finance.SettlementPostingOptions;
import io.github.centrasage.sync.finance.SettlementReport;
import io.github.centrasage.sync.spi.Binding;
import io.github.centrasage.sync.spi.BindingStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

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
  private static final String ORDER_BINDING = "order";
  private static final String REFUND_BINDING = RefundImport.REFUND_BINDING;
  private static final String SOP_RETURN_BINDING = RefundImport.SOP_RETURN_BINDING;
  /** Identity of a payout line → its Sage reference. */
  static final String ITEM_BINDING = "payout-item";
  /** Sage reference prefix on a clearing bank → the payout (merchant account and batch) that owns it. */
  static final String PREFIX_BINDING = "payout-prefix";
  /** A chargeback by PSP account and PSP reference → its reference and whether it is reversed. */
  public static final String CHARGEBACK_BINDING = "chargeback";
  /** A refund line by PSP reference and modification reference → the sales payment's reference. */
  static final String REFUND_LINE_BINDING = "payout-refund";
  private static final String CREDIT_NOTE_TYPE = "TradingAccountEntryTypeCreditNote";
  private static final int SAGE_DECIMALS = 2;

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

  /** Resolved accounts of a batch. */
  private static final class Accounts {
    long clearingBankId;
    long currentBankId;
    Mappings.PaymentAccounts names;
    long currencyId;
    boolean baseCurrency = true;
    Optional<BigDecimal> bankRate = Optional.empty();
    String prefix;
  }

  /** One line of the batch as it will be posted. */
  private static final class Planned {
    int line;
    PayoutItem item;
    RecordTreatment.Rule rule;
    String reference;
    String nominal;
    OptionalLong taxCodeId = OptionalLong.empty();
    Optional<SalesOrder> order = Optional.empty();
    Optional<SalesPostedTransaction> creditNote = Optional.empty();
    Optional<Long> customerId = Optional.empty();
    Optional<BigDecimal> customerValue = Optional.empty();
    Optional<BigDecimal> customerRate = Optional.empty();
    LocalDate date;
    final List<String> postings = new ArrayList<>();
    ReconciliationLine.Status status = ReconciliationLine.Status.POSTED;
    String note = "";

    RecordTreatment treatment() {
      return rule.treatment();
    }
  }

  public SettlementReport post(PayoutBatch batch) {
    Accounts accounts = resolve(batch);
    List<Planned> plan = plan(batch, accounts);
    List<String> exceptions = new ArrayList<>();
    int[] counts = new int[2];
    BigDecimal receipts = BigDecimal.ZERO;
    BigDecimal refunds = BigDecimal.ZERO;
    BigDecimal variance = BigDecimal.ZERO;
    BigDecimal netTotal = BigDecimal.ZERO;
    // One read finds everything an earlier run (or an attempt whose answer was lost) posted.
    Set<String> existing = new HashSet<>();
    clearingPostings(accounts, batch).forEach(t -> t.reference().ifPresent(existing::add));
    String narrative = options.narrativePrefix().orElse(batch.psp()) + " payout " + batch.key();
    // Fee payment lines by nominal and tax code; positive is a cost.
    Map<String, BigDecimal> feeLines = new LinkedHashMap<>();
    String feeReference = accounts.prefix + "/F";

    // Reversals after what they reverse, and a second chargeback after the reversal it follows, so a
    // dispute's lines in one payout pair up the same way whatever their order in the file.
    List<Planned> order = new ArrayList<>(plan);
    order.sort(Comparator.comparingInt(SettlementPoster::sequence));
    for (Planned p : order) {
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
          postOnce(existing, reference, counts, () -> bankEntry(accounts, item.gross(), reference, p.nominal,
              p.taxCodeId, p.date, secondReference(batch, item), p.treatment() + " " + narrative));
          p.postings.add(0, reference);
          if (p.treatment() == RecordTreatment.CHARGEBACK) {
            chargeback(batch, p);
          } else if (p.treatment() == RecordTreatment.CHARGEBACK_REVERSAL) {
            chargebackReversal(batch, p);
          }
          break;
        case TRANSFER_IN:
          postOnce(existing, reference, counts, () -> sage.bankTransfers().post(transfer(accounts,
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
            postOnce(existing, reference, counts, () -> bankEntry(accounts, item.gross(), reference,
                accounts.names.varianceNominal(), OptionalLong.empty(), p.date, secondReference(batch, item),
                "Unmatched " + narrative));
            p.postings.add(0, reference);
            p.status = ReconciliationLine.Status.VARIANCE;
            p.note = what;
            break;
          }
          long customerId = p.customerId.get();
          SalesReceipt body = receiptBody(accounts, customerId, p, batch);
          p.postings.add(0, reference);
          if (item.gross().signum() < 0) {
            refunds = refunds.add(item.gross().abs());
            postOnce(existing, reference, counts, () -> sage.salesPayments().post(body));
            allocateRefund(batch, p, customerId).ifPresent(exceptions::add);
          } else {
            receipts = receipts.add(item.gross());
            postOnce(existing, reference, counts, () -> sage.salesReceipts().post(body));
            if (p.treatment() == RecordTreatment.REFUND_REVERSAL) {
              allocateReversal(batch, p, customerId).ifPresent(exceptions::add);
            } else if (p.order.isEmpty()) {
              String why = "money in for return " + item.returnId().orElse("") + " without an order; receipt of "
                  + item.gross() + " left on account";
              exceptions.add(reference + ": " + why);
              p.status = ReconciliationLine.Status.UNALLOCATED;
              p.note = why;
            } else {
              Optional<String> why = allocateToInvoice(customerId, reference, p.order.get(), p.date);
              why.ifPresent(w -> exceptions.add(reference + ": " + w));
              p.status = why.isPresent() ? ReconciliationLine.Status.UNALLOCATED : ReconciliationLine.Status.ALLOCATED;
              p.note = why.orElse("");
            }
          }
        }
      }
    }

    // A chargeback reversed (in this payout or, on a re-delivery, before) is paired, not open.
    for (Planned p : plan) {
      if (p.treatment() == RecordTreatment.CHARGEBACK && p.status == ReconciliationLine.Status.OPEN_CHARGEBACK
          && !isOpen(chargebackKey(batch, p.item), p.reference)) {
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
      postOnce(existing, feeReference, counts, () -> postEntry(accounts, false, costLines, feeReference,
          batch.payoutDate(), batch.psp().toUpperCase() + " " + batch.payoutId(), "Fees " + narrative));
    }
    if (!rebateLines.isEmpty()) {
      String rebateReference = accounts.prefix + "/FR";
      postOnce(existing, rebateReference, counts, () -> postEntry(accounts, true, rebateLines, rebateReference,
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
      postOnce(existing, reference, counts, () -> bankEntry(accounts, difference.negate(), reference,
          accounts.names.varianceNominal(), OptionalLong.empty(), batch.payoutDate(),
          batch.psp().toUpperCase() + " " + batch.payoutId(), "Variance " + narrative));
    }
    if (transfer.signum() > 0) {
      String reference = accounts.prefix + "/T";
      postOnce(existing, reference, counts, () -> sage.bankTransfers().post(transfer(accounts, false, transfer,
          reference, batch, batch.payoutDate(), narrative)));
    } else if (transfer.signum() < 0) {
      exceptions.add(batch.payoutId() + ": negative payout " + transfer + " (the PSP debits the bank): not transferred, "
          + "post the direct debit by hand");
    }
    // Measured, not derived: what Sage's clearing bank holds for this batch's references.
    BigDecimal movement = clearingPostings(accounts, batch).stream()
        .map(t -> t.chequeValue().orElse(BigDecimal.ZERO)).reduce(BigDecimal.ZERO, BigDecimal::add);
    List<ReconciliationLine> lines = new ArrayList<>();
    for (Planned p : plan) {
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

  // ------------------------------------------------------------------ plan

  /** Every line's treatment, customer, currency and reference; holds the batch with every problem found. */
  private List<Planned> plan(PayoutBatch batch, Accounts accounts) {
    List<String> problems = new ArrayList<>();
    List<Planned> plan = new ArrayList<>();
    for (int i = 0; i < batch.items().size(); i++) {
      PayoutItem item = batch.items().get(i);
      Planned p = new Planned();
      p.line = i + 1;
      p.item = item;
      String where = "line " + p.line + item.pspReference().map(r -> " (PSP reference " + r + ")").orElse("");
      Optional<RecordTreatment.Rule> rule = rule(accounts.names, item);
      if (rule.isEmpty()) {
        problems.add(where + ": record type '" + item.recordType().orElse("") + "' has no treatment; map payment."
            + batch.psp() + ".recordType." + item.recordType().orElse("") + " = TREATMENT[:nominal][:taxCodeId] "
            + "and replay");
        continue;
      }
      p.rule = rule.get();
      if (p.treatment() == RecordTreatment.PAYOUT) {
        problems.add(where + ": a " + item.recordType().orElse("payout") + " line is the payout itself; give it as "
            + "the batch's payout amount");
        continue;
      }
      for (BigDecimal amount : List.of(item.gross(), item.fee(), item.net())) {
        if (amount.stripTrailingZeros().scale() > SAGE_DECIMALS) {
          problems.add(where + ": amount " + amount.toPlainString() + " " + batch.currency() + " has more than "
              + SAGE_DECIMALS + " decimals, which Sage 200 amounts do not hold (inferred); post it by hand or round "
              + "it with the PSP's figures");
          break;
        }
      }
      p.taxCodeId = p.rule.taxCodeId();
      if (p.taxCodeId.isEmpty()) {
        p.taxCodeId = p.treatment() == RecordTreatment.FEE ? options.feeTaxCodeId()
            : p.treatment() == RecordTreatment.BALANCE || p.treatment() == RecordTreatment.CHARGEBACK
                || p.treatment() == RecordTreatment.CHARGEBACK_REVERSAL ? options.outOfScopeTaxCodeId()
                : OptionalLong.empty();
      }
      Optional<String> nominalText = p.rule.nominal();
      if (nominalText.isPresent()) {
        String n = nominalText.get();
        Optional<String> code = n.startsWith("@") ? accounts.names.nominal(n.substring(1)) : Optional.of(n);
        if (code.isEmpty()) {
          problems.add(where + ": record type '" + item.recordType().orElse("") + "' needs the " + n.substring(1)
              + " nominal; map payment." + batch.psp() + ".nominal." + n.substring(1));
        } else {
          p.nominal = code.get();
        }
      }
      p.date = date(batch, item, p.treatment());
      if (isCustomerLine(p.treatment())) {
        resolveCustomer(p, accounts, batch.currency(), where).ifPresent(problems::add);
      }
      plan.add(p);
    }
    if (!problems.isEmpty()) {
      throw JobFailure.permanent("payout " + batch.psp() + " " + batch.key() + " held, nothing posted: "
          + String.join("; ", problems));
    }
    assignReferences(batch, accounts, plan);
    return plan;
  }

  private static int sequence(Planned p) {
    if (p.item.recordType().filter("SecondChargeback"::equals).isPresent()) {
      return 2;
    }
    return p.treatment() == RecordTreatment.CHARGEBACK_REVERSAL || p.treatment() == RecordTreatment.REFUND_REVERSAL
        ? 1 : 0;
  }

  /** Whether the chargeback binding says the chargeback posted as {@code reference} is open. */
  private boolean isOpen(String key, String reference) {
    return bindings.bindingByCentraId(CHARGEBACK_BINDING, key).flatMap(Binding::sageReference)
        .filter(r -> r.startsWith("open " + reference + " ")).isPresent();
  }

  private static boolean isCustomerLine(RecordTreatment t) {
    return t == RecordTreatment.RECEIPT || t == RecordTreatment.REFUND || t == RecordTreatment.REFUND_REVERSAL;
  }

  private Optional<RecordTreatment.Rule> rule(Mappings.PaymentAccounts names, PayoutItem item) {
    if (item.recordType().isEmpty()) {
      // A line built in code without a record type: by its sign, as before record types were known.
      RecordTreatment t = item.gross().signum() > 0 ? RecordTreatment.RECEIPT
          : item.gross().signum() < 0 ? RecordTreatment.REFUND : RecordTreatment.FEE;
      return Optional.of(new RecordTreatment.Rule(t, t == RecordTreatment.FEE ? Optional.of("@fees") : Optional.empty(),
          OptionalLong.empty()));
    }
    String type = item.recordType().get();
    String mapped = names.recordTypes().get(type);
    return mapped != null ? Optional.of(RecordTreatment.Rule.parse(mapped)) : RecordTreatment.adyenDefault(type);
  }

  private LocalDate date(PayoutBatch batch, PayoutItem item, RecordTreatment treatment) {
    boolean eventDated = isCustomerLine(treatment) || treatment == RecordTreatment.CHARGEBACK
        || treatment == RecordTreatment.CHARGEBACK_REVERSAL;
    if (!eventDated || item.eventDate().isEmpty() || item.eventDate().get().isAfter(batch.payoutDate())) {
      return batch.payoutDate();
    }
    LocalDate event = item.eventDate().get();
    switch (options.dating()) {
      case EVENT_DATE:
        return event;
      case MONTH_END:
        return YearMonth.from(event).isBefore(YearMonth.from(batch.payoutDate())) ? YearMonth.from(event).atEndOfMonth()
            : batch.payoutDate();
      default:
        return batch.payoutDate();
    }
  }

  /** Finds the line's customer and how its currency is posted; a problem that holds the batch, if any. */
  private Optional<String> resolveCustomer(Planned p, Accounts accounts, String payoutCurrency, String where) {
    PayoutItem item = p.item;
    p.order = item.orderNumber().flatMap(n -> bindings.bindingByCentraId(ORDER_BINDING, n))
        .map(b -> sage.salesOrders().get(Long.parseLong(b.sageId())));
    // A refund line may name only the Centra return: RefundImport's credit note gives the customer.
    p.creditNote = item.returnId().flatMap(id -> bindings.bindingByCentraId(REFUND_BINDING, id))
        .map(b -> sage.salesPostedTransactions().get(Long.parseLong(b.sageId())));
    p.customerId = p.order.map(SalesOrder::customerId).or(() -> p.creditNote
        .filter(c -> c.customerId().isPresent()).map(c -> c.customerId().getAsLong()))
        // A return entered as a SOP return has no credit note yet: its customer is on the return.
        .or(() -> item.returnId().flatMap(id -> bindings.bindingByCentraId(SOP_RETURN_BINDING, id))
            .map(b -> sage.salesReturns().get(Long.parseLong(b.sageId())))
            .filter(r -> r.customerId().isPresent()).map(r -> r.customerId().getAsLong()));
    OptionalLong customerCurrency = p.order.map(SalesOrder::currencyId).orElse(OptionalLong.empty());
    if (customerCurrency.isEmpty() || customerCurrency.getAsLong() == accounts.currencyId) {
      return Optional.empty();
    }
    // The customer account is in another currency than the payout: post in the customer's currency with the report's rate.
    Optional<Long> shopperCurrency = item.shopperCurrency().flatMap(mappings::sageCurrency).flatMap(SettlementPoster::id);
    if (shopperCurrency.isEmpty() || shopperCurrency.get() != customerCurrency.getAsLong()) {
      return Optional.of(where + ": order " + item.orderNumber().orElse("") + " is on a customer account in Sage "
          + "currency " + customerCurrency.getAsLong() + ", the payout is in " + payoutCurrency + " and the line's "
          + "shopper currency " + item.shopperCurrency().orElse("is not given") + " is not the customer's: it cannot "
          + "be posted in the customer's currency");
    }
    if (!accounts.baseCurrency) {
      return Optional.of(where + ": a " + item.shopperCurrency().get() + " customer paid through a " + payoutCurrency
          + " clearing bank that is not in the base currency: three currencies in one receipt are not posted; post "
          + "it by hand");
    }
    BigDecimal customerValue = item.grossInShopperCurrency().get().abs();
    if (customerValue.signum() == 0 || customerValue.stripTrailingZeros().scale() > SAGE_DECIMALS) {
      return Optional.of(where + ": shopper amount " + customerValue + " " + item.shopperCurrency().get()
          + " cannot be posted");
    }
    p.customerValue = Optional.of(customerValue);
    // Customer currency per bank (base) currency, as Sage states rates (foreign units per base unit); inferred.
    p.customerRate = Optional.of(customerValue.divide(item.gross().abs(), 6, RoundingMode.HALF_UP));
    return Optional.empty();
  }

  /**
   * Numbers the lines by identity: a line seen before (any delivery, any order) keeps its reference;
   * new lines take the next free numbers in identity order, so the same report in any row order
   * gets the same references.
   */
  private void assignReferences(PayoutBatch batch, Accounts accounts, List<Planned> plan) {
    List<Planned> byIdentity = new ArrayList<>(plan);
    byIdentity.sort(Comparator.comparing((Planned p) -> p.item.identity()));
    Map<String, Planned> keys = new LinkedHashMap<>();
    Map<String, Integer> occurrences = new HashMap<>();
    String base = batch.psp() + ":" + accounts.names.clearingBank() + ":" + accounts.prefix + "#";
    for (Planned p : byIdentity) {
      String identity = p.item.identity();
      int n = occurrences.merge(identity, 1, Integer::sum);
      keys.put(base + storable(identity + (n > 1 ? "#" + n : "")), p);
    }
    Map<String, Binding> known = bindings.bindingsByCentraIds(ITEM_BINDING, keys.keySet());
    Set<Integer> used = new HashSet<>();
    known.values().forEach(b -> b.sageReference().ifPresent(r -> used.add(number(r))));
    int next = 1;
    for (Map.Entry<String, Planned> e : keys.entrySet()) {
      Binding b = known.get(e.getKey());
      if (b != null && b.sageReference().isPresent()) {
        e.getValue().reference = b.sageReference().get();
        continue;
      }
      while (used.contains(next)) {
        next++;
      }
      used.add(next);
      String reference = accounts.prefix + "/" + next;
      if (reference.length() > 20) {
        throw JobFailure.permanent("payout " + batch.key() + ": Sage reference " + reference + " is longer than 20 "
            + "characters; use a shorter account tag");
      }
      e.getValue().reference = reference;
      // Bound before posting: a crash between the two reuses the reference, and the clearing bank says if it was posted.
      bindings.bind(Binding.builder().entityType(ITEM_BINDING).centraId(e.getKey())
          .sageId(batch.psp() + ":" + accounts.names.clearingBank() + ":" + reference).sageReference(reference).build());
    }
  }

  private static int number(String reference) {
    try {
      return Integer.parseInt(reference.substring(reference.lastIndexOf('/') + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** An identity as a store key: itself when short, else a digest (the store's ids are 200 characters). */
  private static String storable(String identity) {
    if (identity.length() <= 120) {
      return identity;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder("sha256:");
      for (int i = 0; i < 16; i++) {
        hex.append(String.format("%02x", digest[i]));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------ accounts

  private Accounts resolve(PayoutBatch batch) {
    List<String> problems = new ArrayList<>();
    Accounts accounts = new Accounts();
    Optional<Mappings.PaymentAccounts> names = mappings.paymentAccounts(batch.psp(), batch.currency());
    Optional<String> currency = mappings.sageCurrency(batch.currency());
    if (currency.isEmpty()) {
      problems.add("currency " + batch.currency() + " has no Sage currency mapping");
    } else if (id(currency.get()).isEmpty()) {
      problems.add("Sage currency '" + currency.get() + "' of " + batch.currency() + " is not a numeric id");
    } else {
      accounts.currencyId = id(currency.get()).get();
    }
    if (names.isEmpty()) {
      problems.add("payment method '" + batch.psp() + "' in " + batch.currency() + " has no payment accounts mapping");
    } else {
      accounts.names = names.get();
      String tag = batch.merchantAccount().map(a -> names.get().accountTags().getOrDefault(a, "")).orElse("");
      accounts.prefix = tag + batch.payoutId();
      Map<String, Bank> banks = banks(List.of(names.get().clearingBank(), names.get().currentBank()));
      Bank clearing = banks.get(names.get().clearingBank());
      Bank current = banks.get(names.get().currentBank());
      if (clearing == null) {
        problems.add("clearing bank " + names.get().clearingBank() + " does not exist in Sage");
      }
      if (current == null) {
        problems.add("current bank " + names.get().currentBank() + " does not exist in Sage");
      }
      for (Bank bank : new Bank[] {clearing, current}) {
        if (bank != null && currency.isPresent() && bank.accountCurrencyId().isPresent()
            && id(currency.get()).filter(c -> c != bank.accountCurrencyId().getAsLong()).isPresent()) {
          problems.add("bank " + bank.code() + " is in Sage currency " + bank.accountCurrencyId().getAsLong()
              + " but the payout is in " + batch.currency() + " (Sage currency " + currency.get() + "); map payment."
              + batch.psp() + "@" + batch.currency() + " to banks in " + batch.currency());
        }
      }
      if (clearing != null && current != null) {
        accounts.clearingBankId = clearing.id();
        accounts.currentBankId = current.id();
      }
    }
    if (!problems.isEmpty()) {
      throw JobFailure.permanent(problems);
    }
    rates(accounts);
    claimPrefix(batch, accounts);
    return accounts;
  }

  /** Whether the payout currency is the base currency; if not, the rate Sage holds for it. */
  private void rates(Accounts accounts) {
    for (Currency c : sage.currencies().list(ODataQuery.all())) {
      if (c.id() == accounts.currencyId) {
        accounts.baseCurrency = c.isBaseCurrency().orElse(false);
        accounts.bankRate = accounts.baseCurrency ? Optional.empty() : c.coreCurrencyRate();
      }
    }
  }

  /**
   * Two PSP accounts that share a clearing bank and number their batches alike would share Sage
   * references: the first to post a prefix owns it; the other holds until an account tag is mapped.
   */
  private void claimPrefix(PayoutBatch batch, Accounts accounts) {
    String key = batch.psp() + ":" + accounts.names.clearingBank() + ":" + accounts.prefix;
    String owner = batch.merchantAccount().orElse("");
    Optional<Binding> claimed = bindings.bindingByCentraId(PREFIX_BINDING, key);
    if (claimed.isPresent() && !claimed.get().sageReference().orElse("").equals(owner)) {
      throw JobFailure.permanent("payout " + batch.key() + " held: Sage references " + accounts.prefix + "/… on "
          + "clearing bank " + accounts.names.clearingBank() + " belong to batch " + batch.payoutId() + " of merchant "
          + "account '" + claimed.get().sageReference().orElse("") + "'; map payment." + batch.psp() + ".accountTag."
          + owner + " (a short tag) and replay");
    }
    if (claimed.isEmpty()) {
      bindings.bind(Binding.builder().entityType(PREFIX_BINDING).centraId(key).sageId(key).sageReference(owner).build());
    }
  }

  private Map<String, Bank> banks(List<String> codes) {
    Map<String, Bank> out = new HashMap<>();
    for (Bank bank : sage.banks().list(ODataQuery.where(ODataFilter.in("code", codes)))) {
      out.put(bank.code(), bank);
    }
    return out;
  }

  private static Optional<Long> id(String text) {
    try {
      return Optional.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The clearing bank's postings of this batch: one request, by reference prefix. */
  private List<BankPostedTransaction> clearingPostings(Accounts accounts, PayoutBatch batch) {
    return sage.bankPostedTransactions().list(ODataQuery.where(ODataFilter.allOf(List.of(
        ODataFilter.eq("bank_id", accounts.clearingBankId), ODataFilter.startsWith("reference", accounts.prefix + "/")))));
  }

  // ------------------------------------------------------------------ postings

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

  private SalesReceipt receiptBody(Accounts accounts, long customerId, Planned p, PayoutBatch batch) {
    ImmutableSalesReceipt.Builder b = SalesReceipt.builder().customerId(customerId).bankId(accounts.clearingBankId)
        .chequeValue(p.item.gross().abs()).chequeCurrencyId(accounts.currencyId).transactionDate(p.date)
        .reference(p.reference).secondReference(secondReference(batch, p.item));
    p.customerValue.ifPresent(b::customerChequeValue);
    p.customerRate.ifPresent(rate -> b.exchangeRate(rate).bankExchangeRate(rate));
    return b.build();
  }

  private String secondReference(PayoutBatch batch, PayoutItem item) {
    return truncate(item.pspReference().or(() -> item.orderNumber().map(mappings::customerDocumentFor))
        .or(() -> item.returnId().map(r -> "return " + r)).orElse(batch.psp().toUpperCase() + " " + batch.payoutId()));
  }

  private static String feeKey(String nominal, OptionalLong taxCodeId) {
    return nominal + "\u0000" + (taxCodeId.isPresent() ? Long.toString(taxCodeId.getAsLong()) : "");
  }

  private static BankAnalysisItem analysis(String feeKey, BigDecimal value, String narrative) {
    String[] part = feeKey.split("\u0000", -1);
    ImmutableBankAnalysisItem.Builder line = BankAnalysisItem.builder().code(part[0]).grossValue(value)
        .goodsValue(value).taxValue(BigDecimal.ZERO).narrative(truncate60(narrative));
    if (!part[1].isEmpty()) {
      line.taxCodeId(Long.parseLong(part[1]));
    }
    return line.build();
  }

  /** A cash-book entry on the clearing bank: a receipt when {@code signed} is positive, else a payment. */
  private String bankEntry(Accounts accounts, BigDecimal signed, String reference, String nominal,
      OptionalLong taxCodeId, LocalDate date, String secondReference, String narrative) {
    return postEntry(accounts, signed.signum() > 0, List.of(analysis(feeKey(nominal, taxCodeId), signed.abs(),
        narrative)), reference, date, secondReference, narrative);
  }

  private String postEntry(Accounts accounts, boolean receipt, List<BankAnalysisItem> lines, String reference,
      LocalDate date, String secondReference, String narrative) {
    ImmutableBankEntry.Builder entry = BankEntry.builder().bankId(accounts.clearingBankId).transactionDate(date)
        .reference(reference).secondReference(truncate(secondReference)).narrative(truncate60(narrative))
        .addAllNominalAnalysisItems(lines);
    // A clearing bank in a foreign currency: every posting of the payout carries the same rate (Sage's for the currency).
    accounts.bankRate.ifPresent(entry::exchangeRate);
    return receipt ? sage.bankReceipts().post(entry.build()) : sage.bankPayments().post(entry.build());
  }

  private BankTransfer transfer(Accounts accounts, boolean intoClearing, BigDecimal value, String reference,
      PayoutBatch batch, LocalDate date, String narrative) {
    io.github.centrasage.sage200.model.ImmutableBankTransfer.Builder t = BankTransfer.builder()
        .bankFromId(intoClearing ? accounts.currentBankId : accounts.clearingBankId)
        .bankToId(intoClearing ? accounts.clearingBankId : accounts.currentBankId).paymentValue(value)
        .reference(reference).secondReference(truncate(batch.psp().toUpperCase() + " " + batch.payoutId()))
        .narrative(narrative).transactionDate(date);
    accounts.bankRate.ifPresent(t::exchangeRate);
    return t.build();
  }

  // ------------------------------------------------------------------ allocation and pairing

  /** Allocates the line's receipt to the order's invoice where Sage has one; otherwise says why not. */
  private Optional<String> allocateToInvoice(long customerId, String reference, SalesOrder order, LocalDate date) {
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
  private Optional<String> allocateRefund(PayoutBatch batch, Planned p, long customerId) {
    PayoutItem item = p.item;
    item.pspReference().ifPresent(psp -> bindings.bind(Binding.builder().entityType(REFUND_LINE_BINDING)
        .centraId(batch.psp() + ":" + psp + ":" + item.modificationReference().orElse(""))
        .sageId(batch.psp() + ":" + accounts(batch) + ":" + p.reference).sageReference(p.reference).build()));
    Optional<SalesPostedTransaction> creditNote = p.creditNote.or(() -> item.modificationMerchantReference()
        .flatMap(ref -> sage.salesPostedTransactions().findByReference(truncate(ref)).stream()
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
  private Optional<String> allocateReversal(PayoutBatch batch, Planned p, long customerId) {
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

  private static String chargebackKey(PayoutBatch batch, PayoutItem item) {
    return batch.psp() + ":" + batch.merchantAccount().orElse("") + ":" + item.pspReference().orElse(item.identity());
  }

  /**
   * Records an open chargeback. The {@code chargeback} binding of a payment reads {@code open <ref> …}
   * (with {@code second} for a second chargeback) or {@code reversed <ref> of <ref> …}; a dispute
   * moves first chargeback → reversal → second chargeback, and a re-delivered report never moves it back.
   */
  private void chargeback(PayoutBatch batch, Planned p) {
    String key = chargebackKey(batch, p.item);
    boolean second = p.item.recordType().filter("SecondChargeback"::equals).isPresent();
    Optional<String> known = bindings.bindingByCentraId(CHARGEBACK_BINDING, key).flatMap(Binding::sageReference);
    if (!second && known.isPresent() && !known.get().startsWith("open " + p.reference + " ")) {
      // The dispute has moved on (reversed, or charged back a second time) since this chargeback.
      p.status = ReconciliationLine.Status.PAIRED;
      p.note = "chargeback of " + p.item.gross().abs() + " since reversed";
      return;
    }
    bindings.bind(Binding.builder().entityType(CHARGEBACK_BINDING).centraId(key).sageId(key)
        .sageReference("open " + p.reference + " " + p.item.gross().abs().toPlainString() + " " + batch.currency()
            + (second ? " second" : "")).build());
    p.status = ReconciliationLine.Status.OPEN_CHARGEBACK;
    p.note = (second ? "second chargeback of " : "chargeback of ") + p.item.gross().abs() + " open until reversed";
  }

  private void chargebackReversal(PayoutBatch batch, Planned p) {
    String key = chargebackKey(batch, p.item);
    Optional<String> known = bindings.bindingByCentraId(CHARGEBACK_BINDING, key).flatMap(Binding::sageReference);
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
    bindings.bind(Binding.builder().entityType(CHARGEBACK_BINDING).centraId(key).sageId(key)
        .sageReference("reversed " + p.reference + " of " + reversed + " ").build());
    p.note = "reverses chargeback " + reversed;
  }

  static String truncate(String s) {
    return InvoiceAllocation.truncate(s);
  }

  private static String truncate60(String s) {
    return Texts.cut(s, 60);
  }
}
