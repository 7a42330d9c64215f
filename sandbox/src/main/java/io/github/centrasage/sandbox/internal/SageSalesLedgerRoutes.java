package io.github.centrasage.sandbox.internal;

import static io.github.centrasage.sandbox.internal.Rows.objects;
import static io.github.centrasage.sandbox.internal.Rows.optionalDecimal;
import static io.github.centrasage.sandbox.internal.Rows.optionalString;
import static io.github.centrasage.sandbox.internal.Rows.required;
import static io.github.centrasage.sandbox.internal.Rows.requiredDecimal;
import static io.github.centrasage.sandbox.internal.Rows.requiredLong;
import static io.github.centrasage.sandbox.internal.Rows.row;

import io.github.centrasage.sandbox.SagePostedTransaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sales ledger: invoices and credit notes (with tax and nominal analysis that must add up),
 * receipts from and payments (refunds) to customers, allocations between posted transactions, the
 * sales posted transactions they leave, and the SOP invoice run the desktop does for despatched
 * orders. Receipts and payments also move a bank account, through the {@link SageCashBookRoutes}.
 */
final class SageSalesLedgerRoutes extends SageRoutes {
  private final SageCashBookRoutes cashBook;

  SageSalesLedgerRoutes(SageState state, SageCashBookRoutes cashBook) {
    super(state);
    this.cashBook = cashBook;
  }

  @Override
  void register(SageRouter router) {
    table(router, "sales_posted_transactions", state.salesTransactions, "posted transaction");
    router.get("/customers/{id}/sales_posted_transactions",
        (rq, id) -> list(rq, where(state.salesTransactions.values(), "customer_id", id)));
    router.post("/sales_invoices", (rq, id) ->
        created(urn(postSalesDocument(Json.parseObject(rq.body()), "TradingAccountEntryTypeInvoice"))));
    router.post("/sales_credit_notes", (rq, id) ->
        created(urn(postSalesDocument(Json.parseObject(rq.body()), "TradingAccountEntryTypeCreditNote"))));
    router.post("/sales_receipts", (rq, id) -> created(urn(postSalesReceipt(Json.parseObject(rq.body()), false))));
    router.post("/sales_payments", (rq, id) -> created(urn(postSalesReceipt(Json.parseObject(rq.body()), true))));
    router.post("/sales_allocations", (rq, id) -> created(allocate(Json.parseObject(rq.body()))));
  }

  private long postSalesDocument(Map<String, Object> body, String type) {
    Map<String, Object> customer = state.requireCustomer(body);
    BigDecimal goods = optionalDecimal(body, "document_goods_value", BigDecimal.ZERO);
    BigDecimal tax = optionalDecimal(body, "document_tax_value", BigDecimal.ZERO);
    List<Map<String, Object>> taxItems = objects(body.get("tax_analysis_items"), "tax_analysis_items");
    if (!taxItems.isEmpty()) {
      BigDecimal g = BigDecimal.ZERO;
      BigDecimal t = BigDecimal.ZERO;
      for (Map<String, Object> item : taxItems) {
        if (item.get("id") == null) {
          // target-sage-200 saw exactly this exception name for a tax analysis item without id.
          throw new BadRequest("SageNullFieldException: tax_analysis_items.id must be set.");
        }
        long taxId = requiredLong(item, "id");
        if (!state.taxCodes.containsKey(taxId)) {
          throw new BadRequest("The tax code id " + taxId + " is not valid.");
        }
        g = g.add(optionalDecimal(item, "goods_amount", BigDecimal.ZERO));
        t = t.add(optionalDecimal(item, "tax_amount", BigDecimal.ZERO));
      }
      if (g.compareTo(goods) != 0 || t.compareTo(tax) != 0) {
        throw new BadRequest("The tax analysis totals (goods " + g + ", tax " + t
            + ") do not match the document values (goods " + goods + ", tax " + tax + ").");
      }
    }
    List<Map<String, Object>> nominal = objects(body.get("nominal_analysis_items"), "nominal_analysis_items");
    if (!nominal.isEmpty()) {
      BigDecimal n = BigDecimal.ZERO;
      for (Map<String, Object> item : nominal) {
        state.requireNominal(item);
        n = n.add(optionalDecimal(item, "value", BigDecimal.ZERO));
      }
      if (n.compareTo(goods) != 0) {
        throw new BadRequest("The nominal analysis total " + n + " does not match the goods value " + goods + ".");
      }
    }
    BigDecimal gross = goods.add(tax);
    if (gross.signum() <= 0) {
      throw new BadRequest("The document value must be greater than zero.");
    }
    BigDecimal sign = type.endsWith("Invoice") ? BigDecimal.ONE : BigDecimal.ONE.negate();
    customer.put("balance", ((BigDecimal) customer.get("balance")).add(gross.multiply(sign)));
    customer.put("date_time_updated", state.clock.instant());
    return salesTransaction(customer, type, body, gross);
  }

  /** Records a sales posted transaction under a new URN; returns the URN. */
  private long salesTransaction(Map<String, Object> customer, String type, Map<String, Object> body, BigDecimal gross) {
    long urn = state.nextUrn++;
    Instant now = state.clock.instant();
    state.add(state.salesTransactions, row("customer_id", customer.get("id"),
        "trader_transaction_type", type, "reference", optionalString(body, "reference", 20),
        "second_reference", optionalString(body, "second_reference", 20),
        "transaction_date", SageState.dateOr(body.get("transaction_date"), now), "posted_date", now,
        "document_gross_value", gross, "document_allocated_value", BigDecimal.ZERO.setScale(2),
        "document_outstanding_value", gross, "exchange_rate", optionalDecimal(body, "exchange_rate", BigDecimal.ONE),
        "urn", urn, "user_name", "api", "queried", false, "date_time_updated", now));
    return urn;
  }

  /** A receipt from a customer, or ({@code payment}) money paid back to one: a refund. */
  private long postSalesReceipt(Map<String, Object> body, boolean payment) {
    Map<String, Object> customer = state.requireCustomer(body);
    Map<String, Object> bank = state.requireBank(body, "bank_id");
    BigDecimal value = requiredDecimal(body, "cheque_value");
    if (value.signum() <= 0) {
      throw new BadRequest("The cheque_value must be greater than zero.");
    }
    // customer_cheque_value: what the customer account (in its own currency) moves by, when the bank's currency differs.
    BigDecimal customerValue = optionalDecimal(body, "customer_cheque_value", value);
    if (customerValue.signum() <= 0) {
      throw new BadRequest("The customer_cheque_value must be greater than zero.");
    }
    customer.put("balance", ((BigDecimal) customer.get("balance")).add(payment ? customerValue : customerValue.negate()));
    long urn = salesTransaction(customer, payment ? "TradingAccountEntryTypeSalesPayment"
        : "TradingAccountEntryTypePurchasePaymentSalesReceipt", body, customerValue);
    cashBook.bankTransaction(bank, payment ? "BankAccountEntryTypeSalesPayment" : "BankAccountEntryTypeSalesReceipt", body,
        payment ? value.negate() : value, urn);
    return urn;
  }

  private Map<String, Object> allocate(Map<String, Object> body) {
    Map<String, Object> customer = state.requireCustomer(body);
    List<Map<String, Object>> lines = objects(required(body, "allocation_lines"), "allocation_lines");
    if (lines.size() < 2) {
      throw new BadRequest("An allocation needs at least two allocation_lines (e.g. a receipt and an invoice).");
    }
    List<Object[]> planned = new ArrayList<>();
    for (Map<String, Object> line : lines) {
      long tranId = requiredLong(line, "posted_tran_id");
      Map<String, Object> t = state.salesTransactions.get(tranId);
      if (t == null || !t.get("customer_id").equals(customer.get("id"))) {
        throw new BadRequest("The posted_tran_id " + tranId + " is not a transaction of customer " + customer.get("reference") + ".");
      }
      // Sign convention undocumented: the magnitude is what gets allocated.
      BigDecimal value = requiredDecimal(line, "value_to_allocate").abs();
      if (value.compareTo((BigDecimal) t.get("document_outstanding_value")) > 0) {
        throw new BadRequest("The value_to_allocate " + value + " exceeds the outstanding value "
            + t.get("document_outstanding_value") + " of transaction " + tranId + ".");
      }
      planned.add(new Object[] {t, value});
    }
    Instant now = state.clock.instant();
    for (Object[] p : planned) {
      @SuppressWarnings("unchecked")
      Map<String, Object> t = (Map<String, Object>) p[0];
      BigDecimal v = (BigDecimal) p[1];
      t.put("document_allocated_value", ((BigDecimal) t.get("document_allocated_value")).add(v));
      t.put("document_outstanding_value", ((BigDecimal) t.get("document_outstanding_value")).subtract(v));
      t.put("date_time_updated", now);
    }
    return row("customer_id", customer.get("id"), "allocation_date", SageState.dateOr(body.get("allocation_date"), now),
        "allocation_lines", lines);
  }

  // ------------------------------------------------------------------ desktop actions and inspection (Java API)

  /**
   * The SOP invoice run: every order despatched in full and not invoiced yet gets its sales-ledger
   * invoice for the order's gross, referenced {@code INV<document no>} with the customer order
   * number as second reference. Returns how many invoices were posted.
   */
  int invoiceDespatchedOrders() {
    int invoiced = 0;
    for (Map<String, Object> order : state.orders.values()) {
      boolean despatched = "EnumDocumentStatusComplete".equals(order.get("despatch_receipt_status"));
      if (!despatched || state.invoicedOrders.contains((Long) order.get("id"))) {
        continue;
      }
      Map<String, Object> customer = state.customers.get((Long) order.get("customer_id"));
      BigDecimal gross = (BigDecimal) order.get("total_gross_value");
      customer.put("balance", ((BigDecimal) customer.get("balance")).add(gross));
      salesTransaction(customer, "TradingAccountEntryTypeInvoice", row("reference", "INV" + order.get("document_no"),
          "second_reference", order.get("customer_document_no"), "exchange_rate", order.get("exchange_rate")), gross);
      state.invoicedOrders.add((Long) order.get("id"));
      invoiced++;
    }
    return invoiced;
  }

  /** Adds the sales posted transactions to {@code out}, in posting order. */
  void postedTransactionSnapshots(List<SagePostedTransaction> out) {
    for (Map<String, Object> t : state.salesTransactions.values()) {
      out.add(new SagePostedTransaction((Long) t.get("id"), (Long) t.get("urn"), "sales",
          (String) t.get("trader_transaction_type"), (String) state.customers.get((Long) t.get("customer_id")).get("reference"),
          (String) t.get("reference"),
          (String) t.get("second_reference"), (BigDecimal) t.get("document_gross_value"),
          (BigDecimal) t.get("document_outstanding_value"), (Instant) t.get("transaction_date")));
    }
  }
}
