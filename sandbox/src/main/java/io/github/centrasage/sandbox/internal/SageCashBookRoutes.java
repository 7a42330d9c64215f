package io.github.centrasage.sandbox.internal;

import static io.github.centrasage.sandbox.internal.Rows.objects;
import static io.github.centrasage.sandbox.internal.Rows.optionalDecimal;
import static io.github.centrasage.sandbox.internal.Rows.optionalString;
import static io.github.centrasage.sandbox.internal.Rows.requiredDecimal;
import static io.github.centrasage.sandbox.internal.Rows.row;

import io.github.centrasage.sandbox.SagePostedTransaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The cash book: bank accounts and their balances, bank payments and receipts analysed to nominal
 * codes, transfers between accounts, and the bank posted transactions every bank movement leaves
 * (sales receipts and refunds post theirs through {@link #bankTransaction}).
 */
final class SageCashBookRoutes extends SageRoutes {
  SageCashBookRoutes(SageState state) {
    super(state);
  }

  private static final java.util.Set<String> BANK_VIEW_FIELDS = java.util.Set.of("account_name", "account_no",
      "account_status_type_id", "account_type_id", "balance", "balance_in_base", "bank_account_nominal_cost_centre",
      "bank_account_nominal_department", "bank_account_nominal_reference", "bank_charges_nominal_cost_centre",
      "bank_charges_nominal_department", "bank_charges_nominal_reference", "bank_name", "bic", "code", "currency_id",
      "currency_iso_code", "currency_iso_code_id", "currency_iso_code_name", "currency_name", "currency_symbol",
      "description", "electronic_bank", "electronic_bank_function_id", "exchange_diff_nominal_cost_centre",
      "exchange_diff_nominal_department", "exchange_diff_nominal_reference", "iban", "id", "overdraft_limit",
      "sort_code", "statement_balance", "statement_date", "statement_page_number");

  @Override
  void register(SageRouter router) {
    table(router, "banks", state.banks, "bank");
    table(router, "bank_posted_transactions", state.bankTransactions, "bank posted transaction");
    // bank_view (cash-book.json): the bank record's fields a view carries
    router.get("/bank_views", (rq, id) -> listOnly(rq, state.banks.values(), BANK_VIEW_FIELDS));
    router.get("/banks/{id}/bank_posted_transactions", (rq, id) -> list(rq, where(state.bankTransactions.values(), "bank_id", id)));
    router.post("/bank_payment", (rq, id) -> created(urn(postBankEntry(Json.parseObject(rq.body()), false))));
    router.post("/bank_receipt", (rq, id) -> created(urn(postBankEntry(Json.parseObject(rq.body()), true))));
    router.post("/bank_transfer", (rq, id) -> created(urn(postBankTransfer(Json.parseObject(rq.body())))));
  }

  /** Moves {@code bank}'s balance by {@code signedValue} and records the bank posted transaction. */
  void bankTransaction(Map<String, Object> bank, String type, Map<String, Object> body, BigDecimal signedValue, long urn) {
    Instant now = state.clock.instant();
    bank.put("balance", ((BigDecimal) bank.get("balance")).add(signedValue));
    bank.put("date_time_updated", now);
    state.add(state.bankTransactions, row("bank_id", bank.get("id"), "bank_transaction_type", type,
        "reference", optionalString(body, "reference", 20), "second_reference", optionalString(body, "second_reference", 20),
        "transaction_date", SageState.dateOr(body.get("transaction_date"), now),
        "posted_date", now, "cheque_value", signedValue, "urn", urn, "user_name", "api", "source", "api",
        "date_time_updated", now));
  }

  private long postBankEntry(Map<String, Object> body, boolean receipt) {
    Map<String, Object> bank = state.requireBank(body, "bank_id");
    List<Map<String, Object>> items = objects(body.get("nominal_analysis_items"), "nominal_analysis_items");
    if (items.isEmpty()) {
      items = objects(body.get("nominal_journal_items"), "nominal_journal_items");
    }
    if (items.isEmpty()) {
      throw new BadRequest("The nominal_analysis_items field must contain at least one item.");
    }
    BigDecimal total = BigDecimal.ZERO;
    for (Map<String, Object> item : items) {
      state.requireNominal(item);
      BigDecimal gross = optionalDecimal(item, "gross_value", null);
      if (gross == null) {
        gross = optionalDecimal(item, "goods_value", BigDecimal.ZERO).add(optionalDecimal(item, "tax_value", BigDecimal.ZERO));
      }
      total = total.add(gross);
    }
    if (total.signum() <= 0) {
      throw new BadRequest("The total of the nominal analysis items must be greater than zero.");
    }
    long urn = state.nextUrn++;
    bankTransaction(bank, receipt ? "BankAccountEntryTypeReceipt" : "BankAccountEntryTypePayment", body,
        receipt ? total : total.negate(), urn);
    return urn;
  }

  private long postBankTransfer(Map<String, Object> body) {
    Map<String, Object> from = state.requireBank(body, "bank_from_id");
    Map<String, Object> to = state.requireBank(body, "bank_to_id");
    if (from == to) {
      throw new BadRequest("The bank_from_id and bank_to_id must be different bank accounts.");
    }
    BigDecimal value = requiredDecimal(body, "payment_value");
    if (value.signum() <= 0) {
      throw new BadRequest("The payment_value must be greater than zero.");
    }
    long urn = state.nextUrn++;
    bankTransaction(from, "BankAccountEntryTypeTransferPayment", body, value.negate(), urn);
    bankTransaction(to, "BankAccountEntryTypeTransferReceipt", body, value, urn);
    return urn;
  }

  // ------------------------------------------------------------------ inspection (Java API)

  /** Adds the bank posted transactions to {@code out}, in posting order. */
  void postedTransactionSnapshots(List<SagePostedTransaction> out) {
    for (Map<String, Object> t : state.bankTransactions.values()) {
      out.add(new SagePostedTransaction((Long) t.get("id"), (Long) t.get("urn"), "bank",
          (String) t.get("bank_transaction_type"), (String) state.banks.get((Long) t.get("bank_id")).get("code"),
          (String) t.get("reference"),
          (String) t.get("second_reference"), (BigDecimal) t.get("cheque_value"), BigDecimal.ZERO,
          (Instant) t.get("transaction_date")));
    }
  }

  BigDecimal bankBalance(String code) {
    Long id = state.bankByCode.get(code);
    if (id == null) {
      throw new IllegalArgumentException("unknown bank account " + code + "; known: " + state.bankByCode.keySet());
    }
    return (BigDecimal) state.banks.get(id).get("balance");
  }
}
