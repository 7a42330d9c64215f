package io.github.centrasage.sync.finance.internal;

import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.model.SalesOrder;
import io.github.centrasage.sync.JobFailure;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.finance.PayoutBatch;
import io.github.centrasage.sync.finance.PayoutItem;
import io.github.centrasage.sync.integration.RecordTreatment;
import io.github.centrasage.sync.finance.RefundImport;
import io.github.centrasage.sync.finance.SettlementPostingOptions;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.store.BindingStore;
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

/**
 * The plan of a payout: every line's treatment (from its record type), customer, currency handling,
 * date and Sage reference numbered by the line's identity.
 */
final class PayoutPlanner {
  private static final String ORDER_BINDING = "order";
  private static final String REFUND_BINDING = RefundImport.REFUND_BINDING;
  private static final String SOP_RETURN_BINDING = RefundImport.SOP_RETURN_BINDING;
  /** Identity of a payout line → its Sage reference. */
  static final String ITEM_BINDING = "payout-item";
  private static final int SAGE_DECIMALS = 2;

  private final Sage200Client sage;
  private final Mappings mappings;
  private final BindingStore bindings;
  private final SettlementPostingOptions options;

  PayoutPlanner(Sage200Client sage, Mappings mappings, BindingStore bindings, SettlementPostingOptions options) {
    this.sage = sage;
    this.mappings = mappings;
    this.bindings = bindings;
    this.options = options;
  }

  /** Every line's treatment, customer, currency and reference; holds the batch with every problem found. */
  List<PlannedLine> plan(PayoutBatch batch, PayoutAccounts accounts) {
    List<String> problems = new ArrayList<>();
    List<PlannedLine> plan = new ArrayList<>();
    for (int i = 0; i < batch.items().size(); i++) {
      PayoutItem item = batch.items().get(i);
      PlannedLine p = new PlannedLine();
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
  private Optional<String> resolveCustomer(PlannedLine p, PayoutAccounts accounts, String payoutCurrency, String where) {
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
    Optional<Long> shopperCurrency = item.shopperCurrency().flatMap(mappings::sageCurrency).flatMap(PayoutAccountResolver::id);
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
  private void assignReferences(PayoutBatch batch, PayoutAccounts accounts, List<PlannedLine> plan) {
    List<PlannedLine> byIdentity = new ArrayList<>(plan);
    byIdentity.sort(Comparator.comparing((PlannedLine p) -> p.item.identity()));
    Map<String, PlannedLine> keys = new LinkedHashMap<>();
    Map<String, Integer> occurrences = new HashMap<>();
    String base = batch.psp() + ":" + accounts.names.clearingBank() + ":" + accounts.prefix + "#";
    for (PlannedLine p : byIdentity) {
      String identity = p.item.identity();
      int n = occurrences.merge(identity, 1, Integer::sum);
      keys.put(base + storable(identity + (n > 1 ? "#" + n : "")), p);
    }
    Map<String, Binding> known = bindings.bindingsByCentraIds(ITEM_BINDING, keys.keySet());
    Set<Integer> used = new HashSet<>();
    known.values().forEach(b -> b.sageReference().ifPresent(r -> used.add(number(r))));
    int next = 1;
    for (Map.Entry<String, PlannedLine> e : keys.entrySet()) {
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
}
