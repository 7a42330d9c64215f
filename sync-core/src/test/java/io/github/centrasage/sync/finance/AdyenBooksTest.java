package io.github.centrasage.sync.finance;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.ReceivedRequest;
import io.github.centrasage.sandbox.SagePostedTransaction;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.SyncStatus;
import io.github.centrasage.sync.spi.JobState;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Adyen settlement details reports, written with Adyen's column names and record types, read by
 * {@link AdyenSettlementCsv} and posted by {@link SettlementPosting} against the Sage sandbox: one
 * test per finding of issue 26, then a mixed report of every record type. Each test uses its own
 * batch numbers; balances are compared before and after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdyenBooksTest {
  FinanceWorld world;
  List<CentraOrder> gbp;
  List<CentraOrder> eur;
  final List<SettlementReport> reports = new ArrayList<>();
  SettlementPosting posting;
  SyncEngine engine;
  int nextOrder;

  @BeforeAll
  void importOrders() {
    world = new FinanceWorld();
    gbp = world.importOrders(30, "GBP");
    eur = world.importOrders(6, "EUR");
    posting = new SettlementPosting(world.integration(), SettlementPostingOptions.builder().feeTaxCodeId(world.exemptTaxId)
        .outOfScopeTaxCodeId(world.outOfScopeTaxId).build(), reports::add);
    engine = world.engine(posting);
  }

  @AfterAll
  void close() {
    engine.close();
    world.close();
  }

  /** The next GBP order not used by another test, invoiced in Sage for its total. */
  CentraOrder invoicedOrder() {
    CentraOrder order = gbp.get(nextOrder++);
    world.invoice(order);
    return order;
  }

  // ------------------------------------------------------------------ finding 1: every record type

  @Test
  void everyRecordTypeHasItsOwnTreatmentAndFeesAreTheTrueFees() throws IOException {
    CentraOrder order = invoicedOrder();
    Report csv = new Report();
    csv.settled("AcmeGB", "101", "Settled", order, "0.40", "0.10");
    csv.add(row("AcmeGB", "101", "Fee").debit("12.38"));
    csv.add(row("AcmeGB", "101", "DepositCorrection").debit("50.00"));
    csv.add(row("AcmeGB", "101", "InvoiceDeduction").debit("25.00"));
    csv.add(row("AcmeGB", "101", "ReserveAdjustment").debit("10.00"));
    csv.add(row("AcmeGB", "101", "Balancetransfer").credit("44.15"));
    csv.add(row("AcmeGB", "101", "BankInstructionReturned").credit("100.00"));
    csv.add(row("AcmeGB", "101", "MatchedStatement").credit("5.00"));
    csv.add(row("AcmeGB", "101", "MerchantPayin").credit("20.00"));
    csv.add(row("AcmeGB", "101", "ManualCorrected").credit("0.30"));
    BigDecimal payout = csv.payout("AcmeGB", "101");
    BigDecimal clearingBefore = world.sage.bankBalance("1210");
    BigDecimal currentBefore = world.sage.bankBalance("1200");
    world.sage.clearReceivedRequests();

    submit(csv.text(','));

    assertThat(parked("101@AcmeGB")).isEmpty();
    // True fees: 0.50 on the payment and the 12.38 Fee line; every other booking on its own nominal.
    assertThat(analysisLines("POST /bank_payment", "101/")).containsOnly(
        Map.entry("7901", new BigDecimal("12.88")), Map.entry("1105", new BigDecimal("50.00")),
        Map.entry("2105", new BigDecimal("25.00")), Map.entry("1106", new BigDecimal("10.00")));
    assertThat(analysisLines("POST /bank_receipt", "101/")).containsOnly(
        Map.entry("1215", new BigDecimal("44.15")), Map.entry("9998", new BigDecimal("0.30")));
    assertThat(bodies("POST /bank_transfer", "101/")).hasSize(4)
        .filteredOn(b -> ((Number) b.get("bank_to_id")).longValue() == world.sage.ids("bank").get("1210"))
        .extracting(b -> new BigDecimal(b.get("payment_value").toString()))
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactlyInAnyOrder(new BigDecimal("100.00"), new BigDecimal("5.00"), new BigDecimal("20.00"));
    assertThat(world.sage.bankBalance("1210")).isEqualByComparingTo(clearingBefore);
    // The payout leaves; the returned payout and the two pay-ins came from the current account.
    assertThat(world.sage.bankBalance("1200").subtract(currentBefore))
        .isEqualByComparingTo(payout.subtract(new BigDecimal("125.00")));
    SettlementReport report = posting.report("101@AcmeGB").orElseThrow();
    assertThat(report.fees()).isEqualByComparingTo("12.88");
    assertThat(report.variance()).isEqualByComparingTo("0");
    assertThat(report.lines()).hasSize(10);
  }

  @Test
  void unknownRecordTypeHoldsTheBatchWithItsReasonAndPostsNothing() throws IOException {
    CentraOrder order = gbp.get(nextOrder++);
    Report csv = new Report();
    csv.settled("AcmeGB", "102", "Settled", order, "0.40", "0.10");
    csv.add(row("AcmeGB", "102", "AdvancementCommission").psp("8815000000000102").debit("3.00"));
    csv.payout("AcmeGB", "102");

    submit(csv.text(','));

    assertThat(world.store.list(SettlementPosting.NAME, Set.of(JobState.PARKED), 0, 50))
        .filteredOn(j -> j.key().contains("102@AcmeGB")).singleElement()
        .satisfies(j -> assertThat(j.lastError().orElse(""))
            .contains("line 2 (PSP reference 8815000000000102): record type 'AdvancementCommission' has no treatment")
            .contains("payment.adyen.recordType.AdvancementCommission"));
    assertThat(world.clearingPostings("102/")).isEmpty();
  }

  // ------------------------------------------------------------------ finding 2: Settled variants

  @Test
  void settledBulkInstallmentAndExternallyWithInfoAreReceiptsAllocatedToTheirInvoices() throws IOException {
    Report csv = new Report();
    List<CentraOrder> paid = List.of(invoicedOrder(), invoicedOrder(), invoicedOrder());
    csv.settled("AcmeGB", "103", "SettledBulk", paid.get(0), "0.30", "");
    csv.settled("AcmeGB", "103", "SettledInstallment", paid.get(1), "0.30", "");
    csv.settled("AcmeGB", "103", "SettledExternallyWithInfo", paid.get(2), "0.30", "");
    csv.payout("AcmeGB", "103");

    submit(csv.text(','));

    for (CentraOrder order : paid) {
      assertThat(world.invoiceOf(order).outstandingValue()).as("invoice of %s", order.number()).isEqualByComparingTo("0");
    }
    SettlementReport report = posting.report("103@AcmeGB").orElseThrow();
    assertThat(report.receipts()).isEqualByComparingTo(paid.stream().map(CentraOrder::grandTotal)
        .reduce(BigDecimal.ZERO, BigDecimal::add));
    assertThat(report.fees()).isEqualByComparingTo("0.90");
  }

  // ------------------------------------------------------------------ finding 3: identity, not position

  @Test
  void theSameReportInAnotherOrderAndDeliveredAgainPostsOnce() throws IOException {
    Report csv = new Report();
    for (int i = 0; i < 3; i++) {
      csv.settled("AcmeGB", "104", "Settled", invoicedOrder(), "0.25", "0.05");
    }
    csv.add(row("AcmeGB", "104", "Fee").debit("1.10"));
    csv.payout("AcmeGB", "104");
    submit(csv.text(','));
    int postings = world.sage.postedTransactions().size();
    BigDecimal current = world.sage.bankBalance("1200");

    submit(csv.shuffled(new Random(7)).text(','));

    assertThat(parked("104@AcmeGB")).isEmpty();
    assertThat(world.sage.postedTransactions()).hasSize(postings);
    assertThat(world.sage.bankBalance("1200")).isEqualByComparingTo(current);
    SettlementReport second = posting.report("104@AcmeGB").orElseThrow();
    assertThat(second.posted()).isZero();
    assertThat(second.alreadyPosted()).isEqualTo(3 + 1 + 1);
  }

  @Test
  void twoMerchantAccountsWithTheSameBatchNumberNeverHalfPost() throws IOException {
    Report csv = new Report();
    csv.settled("AcmeGB", "800", "Settled", invoicedOrder(), "0.25", "");
    csv.add(row("AcmeGB", "800", "Fee").debit("0.80"));
    csv.payout("AcmeGB", "800");
    csv.settled("AcmeOutlet", "800", "Settled", invoicedOrder(), "0.25", "");
    csv.settled("AcmeOutlet", "800", "Settled", invoicedOrder(), "0.25", "");
    csv.add(row("AcmeOutlet", "800", "Fee").debit("0.90"));
    csv.payout("AcmeOutlet", "800");
    List<PayoutBatch> batches = AdyenSettlementCsv.readAll(new StringReader(csv.text(',')), "adyen");
    assertThat(batches).extracting(PayoutBatch::key).containsExactly("800@AcmeGB", "800@AcmeOutlet");
    BigDecimal clearingBefore = world.sage.bankBalance("1210");

    batches.forEach(b -> SettlementPosting.submit(engine, b));
    world.drain(engine, SettlementPosting.NAME);

    // Both share clearing bank 1210 and would both be "800/…": the second is held, not half-posted.
    assertThat(world.store.list(SettlementPosting.NAME, Set.of(JobState.PARKED), 0, 50))
        .filteredOn(j -> j.key().endsWith("800@AcmeOutlet")).singleElement()
        .satisfies(j -> assertThat(j.lastError().orElse("")).contains("payment.adyen.accountTag.AcmeOutlet"));
    assertThat(world.clearingPostings("800/")).hasSize(3); // AcmeGB's receipt, fees, transfer
    assertThat(world.sage.bankBalance("1210")).isEqualByComparingTo(clearingBefore);

    // With a tag for the second account its batch posts in full under its own references.
    Mappings tagged = Mappings.builder().from(world.mappings()).paymentAccounts(world.mappings().paymentAccounts()
        .stream().map(p -> p.method().equals("adyen") && p.currency().isEmpty()
            ? io.github.centrasage.sync.integration.ImmutablePaymentAccounts.builder().from(p).putAccountTag("AcmeOutlet", "O").build()
            : p).collect(Collectors.toList())).build();
    SettlementPosting taggedPosting = new SettlementPosting(world.integration(tagged), SettlementPostingOptions.builder()
        .feeTaxCodeId(world.exemptTaxId).outOfScopeTaxCodeId(world.outOfScopeTaxId).build(), reports::add);
    try (SyncEngine taggedEngine = world.engine(taggedPosting)) {
      SettlementPosting.submit(taggedEngine, batches.get(1));
      world.drain(taggedEngine, SettlementPosting.NAME);
    }
    assertThat(world.clearingPostings("O800/")).hasSize(4);
    assertThat(taggedPosting.report("800@AcmeOutlet").orElseThrow().posted()).isEqualTo(4);
    assertThat(world.sage.bankBalance("1210")).isEqualByComparingTo(clearingBefore);
  }

  // ------------------------------------------------------------------ finding 4: currencies

  @Test
  void aEuroCustomerPaidInAPoundPayoutIsReceiptedInEurosWithTheReportsRate() throws IOException {
    CentraOrder order = eur.get(0);
    world.invoice(order);
    BigDecimal rate = new BigDecimal("0.8635");
    BigDecimal grossGbp = order.grandTotal().multiply(rate).setScale(2, RoundingMode.HALF_UP);
    Report csv = new Report();
    csv.add(row("AcmeGB", "105", "Settled").psp("PSPE" + order.number()).ref(order.number())
        .gross("EUR", order.grandTotal().toPlainString(), rate.toPlainString())
        .credit(grossGbp.subtract(new BigDecimal("0.50")).toPlainString()).commission("0.50"));
    csv.payout("AcmeGB", "105");
    BigDecimal clearingBefore = world.sage.bankBalance("1210");
    world.sage.clearReceivedRequests();

    submit(csv.text(','));

    // The euro invoice is settled in euros: nothing left open by the conversion.
    assertThat(world.invoiceOf(order).outstandingValue()).isEqualByComparingTo("0");
    Map<String, Object> receipt = bodies("POST /sales_receipts", "105/").get(0);
    assertThat(new BigDecimal(receipt.get("cheque_value").toString())).isEqualByComparingTo(grossGbp);
    assertThat(((Number) receipt.get("cheque_currency_id")).longValue()).isEqualTo(world.gbpId);
    assertThat(new BigDecimal(receipt.get("customer_cheque_value").toString())).isEqualByComparingTo(order.grandTotal());
    assertThat(world.sage.bankBalance("1210")).isEqualByComparingTo(clearingBefore);
  }

  @Test
  void aPayoutInAnotherCurrencyThanItsClearingBankIsHeld() throws IOException {
    CentraOrder order = eur.get(1);
    Report csv = new Report();
    csv.add(row("AcmeEU", "106", "Settled").currency("EUR").psp("PSPE" + order.number()).ref(order.number())
        .credit(order.grandTotal().subtract(new BigDecimal("0.50")).toPlainString()).commission("0.50"));
    csv.payout("AcmeEU", "106");

    SettlementPosting.submit(engine, AdyenSettlementCsv.read(new StringReader(csv.text(',')), "adyen-one-bank"));
    world.drain(engine, SettlementPosting.NAME);

    assertThat(world.store.list(SettlementPosting.NAME, Set.of(JobState.PARKED), 0, 50))
        .filteredOn(j -> j.key().contains("106@AcmeEU")).singleElement()
        .satisfies(j -> assertThat(j.lastError().orElse("")).contains("bank 1210 is in Sage currency " + world.gbpId)
            .contains("the payout is in EUR"));
    assertThat(world.clearingPostings("106/")).isEmpty();
  }

  // ------------------------------------------------------------------ finding 5: chargebacks

  @Test
  void aChargebackGoesToItsNominalIsReportedOpenAndPairsWithItsReversal() throws IOException {
    CentraOrder order = invoicedOrder();
    String psp = "PSP" + order.number();
    Report paid = new Report();
    paid.settled("AcmeGB", "107", "Settled", order, "0.40", "");
    paid.payout("AcmeGB", "107");
    submit(paid.text(','));
    Report disputed = new Report();
    disputed.add(row("AcmeGB", "108", "Chargeback").psp(psp).ref(order.number()).mod("CB" + order.number())
        .date("2026-01-20 09:00:00").debit(order.grandTotal().add(new BigDecimal("15.00")).toPlainString())
        .commission("15.00"));
    disputed.add(row("AcmeGB", "108", "Settled").psp("PSPX" + order.number()).ref(gbp.get(nextOrder).number())
        .credit("500.00"));
    nextOrder++;
    disputed.payout("AcmeGB", "108");
    world.sage.clearReceivedRequests();

    submit(disputed.text(','));

    // Not a sales payment: the customer's invoice stays paid, the loss is on the chargebacks nominal.
    assertThat(world.sage.receivedRequests("POST /sales_payments")).isEmpty();
    assertThat(world.invoiceOf(order).outstandingValue()).isEqualByComparingTo("0");
    assertThat(analysisLines("POST /bank_payment", "108/")).contains(Map.entry("7910", order.grandTotal()));
    SettlementReport report = posting.report("108@AcmeGB").orElseThrow();
    assertThat(report.fees()).isEqualByComparingTo("15.00");
    assertThat(SettlementPosting.openItems(world.store, YearMonth.of(2026, 1), 100))
        .anySatisfy(i -> assertThat(i.line().pspReference()).isEqualTo(psp))
        .filteredOn(i -> i.line().pspReference().equals(psp)).singleElement()
        .satisfies(i -> assertThat(i.line().status()).isEqualTo(ReconciliationLine.Status.OPEN_CHARGEBACK));

    Report won = new Report();
    won.add(row("AcmeGB", "109", "ChargebackReversed").psp(psp).ref(order.number()).mod("CBR" + order.number())
        .date("2026-01-28 09:00:00").credit(order.grandTotal().toPlainString()));
    won.payout("AcmeGB", "109");
    submit(won.text(','));

    assertThat(analysisLines("POST /bank_receipt", "109/")).contains(Map.entry("7910", order.grandTotal()));
    assertThat(posting.report("109@AcmeGB").orElseThrow().lines()).singleElement()
        .satisfies(l -> assertThat(l.status()).isEqualTo(ReconciliationLine.Status.PAIRED));
    assertThat(SettlementPosting.openItems(world.store, YearMonth.of(2026, 1), 100))
        .noneMatch(i -> i.line().pspReference().equals(psp));
  }

  // ------------------------------------------------------------------ finding 6: refunds to credit notes

  @Test
  void aRefundInTheReportIsAllocatedToItsCreditNoteByModificationMerchantReference() throws IOException {
    CentraOrder order = invoicedOrder();
    var sageOrder = world.sageOrder(order.number());
    String rma = "RMA" + order.number();
    world.postCreditNote(sageOrder.customerId(), rma, sageOrder.customerDocumentNo().orElseThrow(),
        new BigDecimal("59.97"));
    Report csv = new Report();
    csv.settled("AcmeGB", "110", "Settled", invoicedOrder(), "0.40", "");
    csv.add(row("AcmeGB", "110", "Refunded").psp("PSP" + order.number()).ref(order.number())
        .mod("RF" + order.number()).modRef(rma).debit("59.97"));
    csv.payout("AcmeGB", "110");

    submit(csv.text(','));

    SagePostedTransaction creditNote = world.sage.postedTransactions().stream()
        .filter(t -> rma.equals(t.reference())).findFirst().orElseThrow();
    assertThat(creditNote.outstandingValue()).isEqualByComparingTo("0");
    String paymentReference = posting.report("110@AcmeGB").orElseThrow().lines().stream()
        .filter(l -> l.treatment() == RecordTreatment.REFUND).findFirst().orElseThrow().postings().get(0);
    assertThat(world.sage.postedTransactions().stream().filter(t -> t.ledger().equals("sales")
        && paymentReference.equals(t.reference()))).singleElement()
        .satisfies(t -> assertThat(t.outstandingValue()).isEqualByComparingTo("0"));
  }

  // ------------------------------------------------------------------ finding 7: tax code per record type

  @Test
  void feesDepositsAndChargebacksCarryTheirOwnTaxCodes() throws IOException {
    CentraOrder order = invoicedOrder();
    Report csv = new Report();
    csv.settled("AcmeGB", "111", "Settled", order, "0.40", "");
    csv.add(row("AcmeGB", "111", "Fee").debit("2.00"));
    csv.add(row("AcmeGB", "111", "DepositCorrection").debit("30.00"));
    csv.add(row("AcmeGB", "111", "Chargeback").psp("CB111").ref(order.number()).debit("10.00"));
    csv.payout("AcmeGB", "111");
    world.sage.clearReceivedRequests();

    submit(csv.text(','));

    Map<String, Long> taxByNominal = new LinkedHashMap<>();
    for (Map<String, Object> body : bodies("POST /bank_payment", "111/")) {
      for (Map<String, Object> line : lines(body)) {
        taxByNominal.put(line.get("code").toString(), ((Number) line.get("tax_code_id")).longValue());
      }
    }
    assertThat(taxByNominal).containsOnly(Map.entry("7901", world.exemptTaxId), Map.entry("1105", world.outOfScopeTaxId),
        Map.entry("7910", world.outOfScopeTaxId));
  }

  // ------------------------------------------------------------------ finding 10: cut-off

  @Test
  void monthEndCutOffDatesLastMonthsSalesInLastMonth() throws IOException {
    CentraOrder march = invoicedOrder();
    CentraOrder april = invoicedOrder();
    Report csv = new Report();
    csv.settled("AcmeGB", "112", "Settled", march, "0.40", "");
    csv.rows.get(csv.rows.size() - 1).date("2026-03-31 22:00:00");
    csv.settled("AcmeGB", "112", "Settled", april, "0.40", "");
    csv.rows.get(csv.rows.size() - 1).date("2026-04-01 08:00:00");
    csv.payout("AcmeGB", "112");
    csv.rows.get(csv.rows.size() - 1).date("2026-04-02 06:00:00");
    SettlementPosting split = new SettlementPosting(world.integration(), SettlementPostingOptions.builder()
        .dating(SettlementPostingOptions.Dating.MONTH_END).build(), r -> { });
    world.sage.clearReceivedRequests();

    try (SyncEngine splitEngine = world.engine(split)) {
      SettlementPosting.submit(splitEngine, AdyenSettlementCsv.read(new StringReader(csv.text(',')), "adyen"));
      world.drain(splitEngine, SettlementPosting.NAME);
    }

    Map<String, String> dateBySecondReference = bodies("POST /sales_receipts", "112/").stream().collect(
        Collectors.toMap(b -> b.get("second_reference").toString(),
            b -> b.get("transaction_date").toString().substring(0, 10)));
    assertThat(dateBySecondReference).containsOnly(Map.entry("PSP" + march.number(), "2026-03-31"),
        Map.entry("PSP" + april.number(), "2026-04-02"));
    assertThat(bodies("POST /bank_transfer", "112/")).singleElement()
        .satisfies(b -> assertThat(b.get("transaction_date").toString()).startsWith("2026-04-02"));
  }

  // ------------------------------------------------------------------ the mixed report

  @Test
  void aMixedReportOfEveryRecordTypeTwoAccountsAndTwoCurrenciesPostsOnceAndReconciles() throws IOException {
    Report csv = new Report();
    String gb = "AcmeMixGB";
    String eu = "AcmeMixEU";
    CentraOrder o1 = invoicedOrder();
    CentraOrder o2 = invoicedOrder();
    CentraOrder o3 = invoicedOrder();
    CentraOrder o4 = invoicedOrder();
    CentraOrder refunded = invoicedOrder();
    CentraOrder disputed = invoicedOrder();
    var refundedSage = world.sageOrder(refunded.number());
    world.postCreditNote(refundedSage.customerId(), "RMA9" + refunded.number(),
        refundedSage.customerDocumentNo().orElseThrow(), new BigDecimal("20.00"));
    csv.settled(gb, "900", "Settled", o1, "0.40", "0.10");
    csv.settled(gb, "900", "SettledBulk", o2, "0.40", "0.10");
    csv.settled(gb, "900", "SettledInstallment", o3, "0.40", "0.10");
    csv.settled(gb, "900", "SettledExternallyWithInfo", o4, "0.40", "0.10");
    csv.add(row(gb, "900", "Refunded").psp("PSP" + refunded.number()).ref(refunded.number()).mod("RF1")
        .modRef("RMA9" + refunded.number()).debit("20.00"));
    csv.add(row(gb, "900", "Refunded").psp("PSPR" + o1.number()).ref(o1.number()).mod("RF2").debit("5.00"));
    csv.add(row(gb, "900", "RefundedReversed").psp("PSPR" + o1.number()).ref(o1.number()).mod("RF2")
        .credit("5.00"));
    csv.add(row(gb, "900", "Chargeback").psp("PSP" + disputed.number()).ref(disputed.number()).debit("30.00"));
    csv.add(row(gb, "900", "ChargebackReversed").psp("PSP" + disputed.number()).ref(disputed.number())
        .credit("30.00"));
    csv.add(row(gb, "900", "SecondChargeback").psp("PSP" + disputed.number()).ref(disputed.number())
        .debit("30.00"));
    csv.add(row(gb, "900", "PaidOut").psp("PSPP" + o2.number()).ref(o2.number()).mod("PO1").debit("7.00"));
    csv.add(row(gb, "900", "PaidOutReversed").psp("PSPP" + o2.number()).ref(o2.number()).mod("PO1").credit("7.00"));
    csv.add(row(gb, "900", "Fee").debit("3.00"));
    csv.add(row(gb, "900", "MiscCosts").debit("1.50"));
    csv.add(row(gb, "900", "PaymentCost").debit("0.75"));
    csv.add(row(gb, "900", "InvoiceDeduction").debit("25.00"));
    csv.add(row(gb, "900", "DepositCorrection").debit("50.00"));
    csv.add(row(gb, "900", "ReserveAdjustment").credit("10.00"));
    csv.add(row(gb, "900", "Balancetransfer").debit("4.15"));
    csv.add(row(gb, "900", "BankInstructionReturned").credit("60.00"));
    csv.add(row(gb, "900", "ManualCorrected").debit("0.20"));
    csv.add(row(gb, "900", "MatchedStatement").credit("2.00"));
    csv.add(row(gb, "900", "MerchantPayin").credit("3.00"));
    csv.payout(gb, "900");
    for (CentraOrder order : eur.subList(2, 5)) {
      world.invoice(order);
      csv.add(row(eu, "900", "Settled").currency("EUR").psp("PSPE" + order.number()).ref(order.number())
          .credit(order.grandTotal().subtract(new BigDecimal("0.60")).toPlainString()).commission("0.60"));
    }
    csv.add(row(eu, "900", "Fee").currency("EUR").debit("1.20"));
    csv.payout(eu, "900");
    int linesToPost = csv.rows.size() - 2; // every row but the two MerchantPayout rows
    BigDecimal clearingGbp = world.sage.bankBalance("1210");
    BigDecimal clearingEur = world.sage.bankBalance("1211");

    List<PayoutBatch> first = AdyenSettlementCsv.readAll(new StringReader(csv.shuffled(new Random(1)).text(';')), "adyen");
    first.forEach(b -> SettlementPosting.submit(engine, b));
    world.drain(engine, SettlementPosting.NAME);
    int postings = world.sage.postedTransactions().size();
    List<PayoutBatch> again = AdyenSettlementCsv.readAll(new StringReader(csv.shuffled(new Random(2)).text('\t')), "adyen");
    again.forEach(b -> SettlementPosting.submit(engine, b));
    world.drain(engine, SettlementPosting.NAME);

    assertThat(parked("900@AcmeMix")).isEmpty();
    assertThat(world.sage.postedTransactions()).hasSize(postings);
    assertThat(world.sage.bankBalance("1210")).isEqualByComparingTo(clearingGbp);
    assertThat(world.sage.bankBalance("1211")).isEqualByComparingTo(clearingEur);
    SettlementReport gbReport = posting.report("900@" + gb).orElseThrow();
    SettlementReport euReport = posting.report("900@" + eu).orElseThrow();
    assertThat(gbReport.posted()).isZero();
    assertThat(gbReport.clearingMovement()).isEqualByComparingTo("0");
    assertThat(euReport.clearingMovement()).isEqualByComparingTo("0");
    assertThat(gbReport.variance()).isEqualByComparingTo("0");
    // True fees: 0.50 on each of four payments, Fee, MiscCosts, PaymentCost.
    assertThat(gbReport.fees()).isEqualByComparingTo("7.25");
    assertThat(euReport.fees()).isEqualByComparingTo("3.00");
    assertThat(euReport.clearingBank()).isEqualTo("1211");
    String file = gbReport.reconciliationCsv() + euReport.reconciliationCsv();
    assertThat(gbReport.lines().size() + euReport.lines().size()).isEqualTo(linesToPost);
    assertThat(file.split("\r\n")).hasSize(linesToPost + 2);
    for (Row row : csv.rows) {
      if (!row.type.equals("MerchantPayout") && !row.psp.isEmpty()) {
        assertThat(file).contains("," + row.psp + ",");
      }
    }
    assertThat(gbReport.lines()).allSatisfy(l -> assertThat(l.postings()).isNotEmpty());
    // The dispute, the refunds and their reversals pair up, and a re-delivery reports them the same way.
    Map<String, ReconciliationLine.Status> status = gbReport.lines().stream().collect(Collectors.toMap(
        l -> l.recordType() + " " + l.pspReference(), ReconciliationLine::status, (a, b) -> a));
    assertThat(status).containsEntry("Chargeback PSP" + disputed.number(), ReconciliationLine.Status.PAIRED)
        .containsEntry("ChargebackReversed PSP" + disputed.number(), ReconciliationLine.Status.PAIRED)
        .containsEntry("SecondChargeback PSP" + disputed.number(), ReconciliationLine.Status.OPEN_CHARGEBACK)
        .containsEntry("Refunded PSP" + refunded.number(), ReconciliationLine.Status.ALLOCATED)
        .containsEntry("RefundedReversed PSPR" + o1.number(), ReconciliationLine.Status.PAIRED)
        .containsEntry("PaidOutReversed PSPP" + o2.number(), ReconciliationLine.Status.PAIRED)
        .containsEntry("SettledBulk PSP" + o2.number(), ReconciliationLine.Status.ALLOCATED)
        .containsEntry("DepositCorrection ", ReconciliationLine.Status.POSTED)
        .containsEntry("Fee ", ReconciliationLine.Status.FEE);
    List<SettlementReport> runs = reports.stream().filter(r -> r.payoutId().equals("900")
        && r.merchantAccount().filter(gb::equals).isPresent()).collect(Collectors.toList());
    assertThat(runs).hasSize(2);
    assertThat(runs.get(1).lines()).extracting(l -> l.recordType() + " " + l.pspReference() + " " + l.status()
        + " " + l.postings()).containsExactlyInAnyOrderElementsOf(runs.get(0).lines().stream()
            .map(l -> l.recordType() + " " + l.pspReference() + " " + l.status() + " " + l.postings())
            .collect(Collectors.toList()));
    assertThat(SettlementPosting.openItems(world.store, YearMonth.of(2026, 1), 500))
        .filteredOn(i -> i.line().pspReference().equals("PSP" + disputed.number())).singleElement()
        .satisfies(i -> assertThat(i.line().recordType()).isEqualTo("SecondChargeback"));
    // Stored for the dashboard with every line.
    assertThat(SettlementPosting.storedReport(world.store, "adyen", "900@" + gb).orElseThrow().lines())
        .isEqualTo(gbReport.lines());
  }

  // ------------------------------------------------------------------ helpers

  /** Parked settlement jobs whose key contains {@code keyPart}, with their reasons. */
  private List<String> parked(String keyPart) {
    return world.store.list(SettlementPosting.NAME, Set.of(JobState.PARKED), 0, 100).stream()
        .filter(j -> j.key().contains(keyPart)).map(j -> j.key() + ": " + j.lastError().orElse(""))
        .collect(Collectors.toList());
  }

  SyncStatus submit(String csv) throws IOException {
    for (PayoutBatch batch : AdyenSettlementCsv.readAll(new StringReader(csv), "adyen")) {
      SettlementPosting.submit(engine, batch);
    }
    return world.drain(engine, SettlementPosting.NAME);
  }




  private List<Map<String, Object>> bodies(String operation, String referencePrefix) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ReceivedRequest r : world.sage.receivedRequests(operation)) {
      Map<String, Object> body = json(r.body());
      if (body.get("reference") != null && body.get("reference").toString().startsWith(referencePrefix)) {
        out.add(body);
      }
    }
    return out;
  }

  /** Nominal code → value of every analysis line of the requests with a reference under the prefix. */
  private Map<String, BigDecimal> analysisLines(String operation, String referencePrefix) {
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    for (Map<String, Object> body : bodies(operation, referencePrefix)) {
      for (Map<String, Object> line : lines(body)) {
        out.merge(line.get("code").toString(), new BigDecimal(line.get("gross_value").toString())
            .setScale(2, RoundingMode.UNNECESSARY), BigDecimal::add);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> lines(Map<String, Object> body) {
    return (List<Map<String, Object>>) body.get("nominal_analysis_items");
  }

  private static Map<String, Object> json(String body) {
    try {
      return new Moshi.Builder().build().<Map<String, Object>>adapter(Types.newParameterizedType(Map.class,
          String.class, Object.class)).fromJson(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Row row(String account, String batch, String type) {
    return new Row(account, batch, type);
  }

  /** One row of a settlement details report, with Adyen's columns. */
  static final class Row {
    static final String HEADER = "Company Account|Merchant Account|Psp Reference|Merchant Reference|Payment Method|"
        + "Creation Date|TimeZone|Type|Modification Reference|Gross Currency|Gross Debit (GC)|Gross Credit (GC)|"
        + "Exchange Rate|Net Currency|Net Debit (NC)|Net Credit (NC)|Commission (NC)|Markup (NC)|Scheme Fees (NC)|"
        + "Interchange (NC)|Payment Method Variant|Modification Merchant Reference|Batch Number";
    final String account;
    final String batch;
    final String type;
    String psp = "";
    String ref = "";
    String mod = "";
    String modRef = "";
    String date = "2026-01-04 10:00:00";
    String currency = "GBP";
    String grossCurrency = "";
    String grossCredit = "";
    String rate = "";
    String debit = "";
    String credit = "";
    String commission = "";
    String interchange = "";

    Row(String account, String batch, String type) {
      this.account = account;
      this.batch = batch;
      this.type = type;
    }

    Row psp(String v) { psp = v; return this; }
    Row ref(int orderNumber) { ref = Integer.toString(orderNumber); return this; }
    Row mod(String v) { mod = v; return this; }
    Row modRef(String v) { modRef = v; return this; }
    Row date(String v) { date = v; return this; }
    Row currency(String v) { currency = v; return this; }
    Row debit(String v) { debit = v; return this; }
    Row credit(String v) { credit = v; return this; }
    Row commission(String v) { commission = v; return this; }
    Row interchange(String v) { interchange = v; return this; }

    Row gross(String grossCurrency, String grossCredit, String rate) {
      this.grossCurrency = grossCurrency;
      this.grossCredit = grossCredit;
      this.rate = rate;
      return this;
    }

    BigDecimal net() {
      return money(credit).subtract(money(debit));
    }

    String text(char separator) {
      return String.join(String.valueOf(separator), "Acme", account, psp, ref, "visa", date, "UTC", type, mod,
          grossCurrency.isEmpty() ? currency : grossCurrency, "", grossCredit, rate.isEmpty() ? "1" : rate, currency,
          debit, credit, commission, "", "", interchange, "visa", modRef, batch);
    }

    private static BigDecimal money(String v) {
      return v.isEmpty() ? BigDecimal.ZERO : new BigDecimal(v);
    }
  }

  /** A report under construction. */
  static final class Report {
    final List<Row> rows = new ArrayList<>();

    Report add(Row row) {
      rows.add(row);
      return this;
    }

    /** A payment of the order's total less commission and interchange. */
    void settled(String account, String batch, String type, CentraOrder order, String commission, String interchange) {
      BigDecimal fee = new BigDecimal(commission).add(interchange.isEmpty() ? BigDecimal.ZERO : new BigDecimal(interchange));
      add(row(account, batch, type).psp("PSP" + order.number()).ref(order.number())
          .credit(order.grandTotal().subtract(fee).toPlainString()).commission(commission).interchange(interchange));
    }

    /** The MerchantPayout row of a batch: everything its rows added up to. */
    BigDecimal payout(String account, String batch) {
      BigDecimal net = rows.stream().filter(r -> r.account.equals(account) && r.batch.equals(batch))
          .map(Row::net).reduce(BigDecimal.ZERO, BigDecimal::add);
      String currency = rows.stream().filter(r -> r.account.equals(account)).findFirst().map(r -> r.currency).orElse("GBP");
      add(row(account, batch, "MerchantPayout").currency(currency).date("2026-01-05 06:00:00").debit(net.toPlainString()));
      return net;
    }

    Report shuffled(Random random) {
      Report copy = new Report();
      copy.rows.addAll(rows);
      Collections.shuffle(copy.rows, random);
      return copy;
    }

    String text(char separator) {
      StringBuilder out = new StringBuilder(Row.HEADER.replace('|', separator)).append('\n');
      rows.forEach(r -> out.append(r.text(separator)).append('\n'));
      return out.toString();
    }
  }
}
