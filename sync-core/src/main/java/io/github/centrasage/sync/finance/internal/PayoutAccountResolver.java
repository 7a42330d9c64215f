package io.github.centrasage.sync.finance.internal;

import io.github.centrasage.sage200.ODataFilter;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.model.Bank;
import io.github.centrasage.sage200.model.BankPostedTransaction;
import io.github.centrasage.sage200.model.Currency;
import io.github.centrasage.sync.JobFailure;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.finance.PayoutBatch;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.store.BindingStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Resolves a batch's clearing and current banks, currency and reference prefix, and claims the prefix. */
final class PayoutAccountResolver {
  /** Sage reference prefix on a clearing bank → the payout (merchant account and batch) that owns it. */
  static final String PREFIX_BINDING = "payout-prefix";

  private final Sage200Client sage;
  private final Mappings mappings;
  private final BindingStore bindings;

  PayoutAccountResolver(Sage200Client sage, Mappings mappings, BindingStore bindings) {
    this.sage = sage;
    this.mappings = mappings;
    this.bindings = bindings;
  }

  PayoutAccounts resolve(PayoutBatch batch) {
    List<String> problems = new ArrayList<>();
    PayoutAccounts accounts = new PayoutAccounts();
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
  private void rates(PayoutAccounts accounts) {
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
  private void claimPrefix(PayoutBatch batch, PayoutAccounts accounts) {
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

  static Optional<Long> id(String text) {
    try {
      return Optional.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The clearing bank's postings of this batch: one request, by reference prefix. */
  List<BankPostedTransaction> clearingPostings(PayoutAccounts accounts, PayoutBatch batch) {
    return sage.bankPostedTransactions().list(ODataQuery.where(ODataFilter.allOf(List.of(
        ODataFilter.eq("bank_id", accounts.clearingBankId), ODataFilter.startsWith("reference", accounts.prefix + "/")))));
  }
}
