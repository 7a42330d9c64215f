package io.github.centrasage.sync.finance.internal;

import io.github.centrasage.sync.internal.Texts;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.model.BankAnalysisItem;
import io.github.centrasage.sage200.model.BankEntry;
import io.github.centrasage.sage200.model.BankTransfer;
import io.github.centrasage.sage200.model.ImmutableBankAnalysisItem;
import io.github.centrasage.sage200.model.ImmutableBankEntry;
import io.github.centrasage.sage200.model.ImmutableSalesReceipt;
import io.github.centrasage.sage200.model.SalesReceipt;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.finance.PayoutBatch;
import io.github.centrasage.sync.finance.PayoutItem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/** The postings on the clearing bank: cash-book entries, transfers and the body of a sales receipt. */
final class ClearingPostings {
  private final Sage200Client sage;
  private final Mappings mappings;

  ClearingPostings(Sage200Client sage, Mappings mappings) {
    this.sage = sage;
    this.mappings = mappings;
  }

  /** Posts unless the clearing bank already holds a posting with this reference. */
  static void postOnce(Set<String> existing, String reference, int[] counts, Supplier<String> post) {
    if (existing.contains(reference)) {
      counts[1]++;
      return;
    }
    post.get();
    existing.add(reference);
    counts[0]++;
  }

  SalesReceipt receiptBody(PayoutAccounts accounts, long customerId, PlannedLine p, PayoutBatch batch) {
    ImmutableSalesReceipt.Builder b = SalesReceipt.builder().customerId(customerId).bankId(accounts.clearingBankId)
        .chequeValue(p.item.gross().abs()).chequeCurrencyId(accounts.currencyId).transactionDate(p.date)
        .reference(p.reference).secondReference(secondReference(batch, p.item));
    p.customerValue.ifPresent(b::customerChequeValue);
    p.customerRate.ifPresent(rate -> b.exchangeRate(rate).bankExchangeRate(rate));
    return b.build();
  }

  String secondReference(PayoutBatch batch, PayoutItem item) {
    return SettlementPoster.truncate(item.pspReference().or(() -> item.orderNumber().map(mappings::customerDocumentFor))
        .or(() -> item.returnId().map(r -> "return " + r)).orElse(batch.psp().toUpperCase() + " " + batch.payoutId()));
  }

  static String feeKey(String nominal, OptionalLong taxCodeId) {
    return nominal + "\u0000" + (taxCodeId.isPresent() ? Long.toString(taxCodeId.getAsLong()) : "");
  }

  static BankAnalysisItem analysis(String feeKey, BigDecimal value, String narrative) {
    String[] part = feeKey.split("\u0000", -1);
    ImmutableBankAnalysisItem.Builder line = BankAnalysisItem.builder().code(part[0]).grossValue(value)
        .goodsValue(value).taxValue(BigDecimal.ZERO).narrative(truncate60(narrative));
    if (!part[1].isEmpty()) {
      line.taxCodeId(Long.parseLong(part[1]));
    }
    return line.build();
  }

  /** A cash-book entry on the clearing bank: a receipt when {@code signed} is positive, else a payment. */
  String bankEntry(PayoutAccounts accounts, BigDecimal signed, String reference, String nominal,
      OptionalLong taxCodeId, LocalDate date, String secondReference, String narrative) {
    return postEntry(accounts, signed.signum() > 0, List.of(analysis(feeKey(nominal, taxCodeId), signed.abs(),
        narrative)), reference, date, secondReference, narrative);
  }

  String postEntry(PayoutAccounts accounts, boolean receipt, List<BankAnalysisItem> lines, String reference,
      LocalDate date, String secondReference, String narrative) {
    ImmutableBankEntry.Builder entry = BankEntry.builder().bankId(accounts.clearingBankId).transactionDate(date)
        .reference(reference).secondReference(SettlementPoster.truncate(secondReference)).narrative(truncate60(narrative))
        .addAllNominalAnalysisItems(lines);
    // A clearing bank in a foreign currency: every posting of the payout carries the same rate (Sage's for the currency).
    accounts.bankRate.ifPresent(entry::exchangeRate);
    return receipt ? sage.bankReceipts().post(entry.build()) : sage.bankPayments().post(entry.build());
  }

  BankTransfer transfer(PayoutAccounts accounts, boolean intoClearing, BigDecimal value, String reference,
      PayoutBatch batch, LocalDate date, String narrative) {
    io.github.centrasage.sage200.model.ImmutableBankTransfer.Builder t = BankTransfer.builder()
        .bankFromId(intoClearing ? accounts.currentBankId : accounts.clearingBankId)
        .bankToId(intoClearing ? accounts.clearingBankId : accounts.currentBankId).paymentValue(value)
        .reference(reference).secondReference(SettlementPoster.truncate(batch.psp().toUpperCase() + " " + batch.payoutId()))
        .narrative(narrative).transactionDate(date);
    accounts.bankRate.ifPresent(t::exchangeRate);
    return t.build();
  }

  private static String truncate60(String s) {
    return Texts.cut(s, 60);
  }
}
