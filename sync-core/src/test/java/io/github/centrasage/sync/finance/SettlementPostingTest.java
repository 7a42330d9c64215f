package io.github.centrasage.sync.finance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.Fault;
import io.github.centrasage.sandbox.FaultScope;
import io.github.centrasage.sandbox.SagePostedTransaction;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.SyncStatus;
import io.github.centrasage.sync.spi.JobState;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Payouts posted through the clearing bank of the Sage sandbox, with orders imported by the real
 * OrderImport. One world for the class: each test uses its own payout ids, and balances are
 * compared before and after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SettlementPostingTest {
  static final LocalDate PAYOUT_DATE = LocalDate.of(2026, 1, 5);
  FinanceWorld world;
  List<CentraOrder> orders;
  final List<SettlementReport> reports = new ArrayList<>();
  SettlementPosting posting;
  SyncEngine engine;

  @BeforeAll
  void importOrders() {
    world = new FinanceWorld();
    orders = world.importOrders(50, "GBP");
    posting = new SettlementPosting(world.integration(), SettlementPostingOptions.builder().feeTaxCodeId(world.exemptTaxId).build(),
        reports::add);
    engine = world.engine(posting);
  }

  @AfterAll
  void close() {
    engine.close();
    world.close();
  }

  @Test
  void payoutOf50OrdersThreeRefundsAndFeesClearsToZeroAndAllocatesReceipts() {
    // Sage invoices 40 of the orders (as SOP invoicing would); the other 10 are not invoiced yet.
    for (CentraOrder order : orders.subList(0, 40)) {
      world.invoice(order);
    }
    PayoutBatch batch = batch("A100", orders, 3);
    BigDecimal clearingBefore = world.sage.bankBalance("1210");
    BigDecimal currentBefore = world.sage.bankBalance("1200");

    SettlementPosting.submit(engine, batch);
    SyncStatus status = world.drain(engine, SettlementPosting.NAME);

    assertThat(status.parked()).isZero();
    assertThat(world.sage.bankBalance("1210")).isEqualByComparingTo(clearingBefore);
    assertThat(world.sage.bankBalance("1200").subtract(currentBefore)).isEqualByComparingTo(batch.transferAmount());
    List<SagePostedTransaction> clearing = world.clearingPostings("A100/");
    assertThat(clearing).hasSize(50 + 3 + 2); // receipts, refunds, one fee payment, one transfer
    assertThat(clearing.stream().filter(t -> t.reference().equals("A100/F")))
        .singleElement().satisfies(t -> assertThat(t.grossValue()).isEqualByComparingTo(fees(batch).negate()));
    assertThat(clearing.stream().filter(t -> t.transactionType().equals("BankAccountEntryTypeTransferPayment")))
        .singleElement().satisfies(t -> assertThat(t.grossValue()).isEqualByComparingTo(batch.transferAmount().negate()));
    SettlementReport report = posting.report("A100").orElseThrow();
    assertThat(report.clearingMovement()).isEqualByComparingTo("0.00");
    assertThat(report.variance()).isEqualByComparingTo("0.00");
    assertThat(report.posted()).isEqualTo(55);
    // Invoiced orders are settled by their receipts; the 10 others are reported as unallocated.
    for (CentraOrder order : orders.subList(0, 40)) {
      assertThat(world.invoiceOf(order).outstandingValue()).as("invoice of %s", order.number()).isEqualByComparingTo("0");
    }
    // The three refunds name no credit note, so they are left on account too and listed.
    assertThat(report.exceptions()).hasSize(13).allMatch(e -> e.contains("unallocated"));
    assertThat(report.lines()).hasSize(53);
  }

  @Test
  void payoutSubmittedTwicePostsNothingTwice() {
    PayoutBatch batch = batch("B200", orders.subList(0, 5), 1);
    SettlementPosting.submit(engine, batch);
    world.drain(engine, SettlementPosting.NAME);
    int postingsAfterFirst = world.sage.postedTransactions().size();
    BigDecimal currentAfterFirst = world.sage.bankBalance("1200");

    SettlementPosting.submit(engine, batch);
    SyncStatus status = world.drain(engine, SettlementPosting.NAME);

    assertThat(status.parked()).isZero();
    assertThat(world.sage.postedTransactions()).hasSize(postingsAfterFirst);
    assertThat(world.sage.bankBalance("1200")).isEqualByComparingTo(currentAfterFirst);
    SettlementReport second = posting.report("B200").orElseThrow();
    assertThat(second.posted()).isZero();
    assertThat(second.alreadyPosted()).isEqualTo(5 + 1 + 1 + 1);
    assertThat(second.clearingMovement()).isEqualByComparingTo("0.00");
    // The store keeps one report per payout: the second posting replaced the first.
    assertThat(SettlementPosting.storedReports(world.store, 100)).filteredOn(r -> r.payoutId().equals("B200"))
        .singleElement().satisfies(stored -> {
          assertThat(stored.posted()).isZero();
          assertThat(stored.alreadyPosted()).isEqualTo(8);
          assertThat(stored.receipts()).isEqualByComparingTo(second.receipts());
          assertThat(stored.recordedAt()).isPresent();
          assertThat(stored.exceptions()).isEqualTo(second.exceptions());
        });
    assertThat(world.store.recentBindings("payout-line", 1000)).filteredOn(b -> b.centraId().startsWith("adyen:B200#"))
        .hasSize(second.exceptions().size());
  }

  @Test
  void receiptWhoseAnswerWasLostIsFoundNotPostedAgain() {
    PayoutBatch batch = batch("C300", orders.subList(5, 8), 0);
    world.sage.faults().inject(Fault.resetAfterCommit(), FaultScope.nextCalls(1).on("POST /sales_receipts"));
    SettlementPosting.submit(engine, batch);

    SyncStatus status = world.drain(engine, SettlementPosting.NAME);

    assertThat(status.parked()).isZero();
    assertThat(world.clearingPostings("C300/").stream().map(SagePostedTransaction::reference).collect(Collectors.toList()))
        .containsExactlyInAnyOrder("C300/1", "C300/2", "C300/3", "C300/F", "C300/T");
    assertThat(posting.report("C300").orElseThrow().clearingMovement()).isEqualByComparingTo("0.00");
  }

  @Test
  void unknownOrderAndShortPayoutGoToVarianceAndAreReported() {
    List<PayoutItem> items = new ArrayList<>(batch("D400", orders.subList(10, 12), 0).items());
    items.add(PayoutItem.builder().orderNumber("999999").pspReference("PSP-UNKNOWN").gross(new BigDecimal("25.00"))
        .fee(new BigDecimal("0.30")).build());
    BigDecimal linesNet = items.stream().map(PayoutItem::net).reduce(BigDecimal.ZERO, BigDecimal::add);
    // The PSP paid a penny less than its own lines add up to.
    PayoutBatch batch = PayoutBatch.builder().psp("adyen").payoutId("D400").payoutDate(PAYOUT_DATE).currency("GBP")
        .items(items).payoutAmount(linesNet.subtract(new BigDecimal("0.01"))).build();
    BigDecimal clearingBefore = world.sage.bankBalance("1210");

    SettlementPosting.submit(engine, batch);
    world.drain(engine, SettlementPosting.NAME);

    assertThat(world.sage.bankBalance("1210")).isEqualByComparingTo(clearingBefore);
    SettlementReport report = posting.report("D400").orElseThrow();
    // 25.00 in that no customer explains, 0.01 out that the PSP kept.
    assertThat(report.variance()).isEqualByComparingTo("24.99");
    assertThat(report.clearingMovement()).isEqualByComparingTo("0.00");
    // Lines are numbered by identity (PSP reference first), not by position.
    assertThat(report.exceptions()).anyMatch(e -> e.startsWith("D400/1: order 999999 is not imported"))
        .anyMatch(e -> e.startsWith("D400/V:") && e.contains("0.01"));
    assertThat(world.clearingPostings("D400/").stream().filter(t -> Set.of("D400/1", "D400/V").contains(t.reference())))
        .extracting(SagePostedTransaction::grossValue)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactlyInAnyOrder(new BigDecimal("25.00"), new BigDecimal("-0.01"));
    // Persisted with its variance lines, and named on the flow's status until someone looks.
    SettlementReport stored = SettlementPosting.storedReport(world.store, "adyen", "D400").orElseThrow();
    assertThat(stored).usingRecursiveComparison().ignoringFields("recordedAt").isEqualTo(report);
    assertThat(engine.status(SettlementPosting.NAME).notices()).anySatisfy(n -> assertThat(n)
        .startsWith("Payout adyen D400 (GBP): 24.99 posted to variance").contains("order 999999 is not imported"));
  }

  @Test
  void refundLineNamingOnlyAReturnEnteredAsSopReturnIsPaidToItsCustomer() {
    CentraOrder order = orders.get(30);
    io.github.centrasage.centra.Shipment shipment = world.shipAll(order);
    io.github.centrasage.centra.CentraReturn ret = world.centraClient.returns().create(
        io.github.centrasage.centra.CreateReturnRequest.builder().shipmentId(shipment.id())
            .addLines(io.github.centrasage.centra.ReturnLineRequest.of(shipment.lines().get(0).id(), 1)).build()).value();
    world.centraClient.returns().complete(ret.id(), false);
    RefundImport refunds = new RefundImport(world.integration(), RefundImportOptions.builder().goodsNominal("4010").shippingNominal("4900")
        .creditMethod(RefundImportOptions.CreditMethod.SOP_RETURN)
        .pollStart(java.time.Instant.parse("2000-01-01T00:00:00Z")).build());
    try (SyncEngine refundEngine = world.engine(refunds)) {
      world.drain(refundEngine, RefundImport.NAME);
    }
    assertThat(world.store.bindingByCentraId(RefundImport.SOP_RETURN_BINDING, Long.toString(ret.id()))).isPresent();
    PayoutBatch batch = PayoutBatch.builder().psp("adyen").payoutId("F600").payoutDate(PAYOUT_DATE).currency("GBP")
        .addItems(PayoutItem.builder().returnId(Long.toString(ret.id())).gross(new BigDecimal("-12.00")).build())
        .addItems(PayoutItem.builder().orderNumber(Integer.toString(orders.get(31).number()))
            .gross(orders.get(31).grandTotal()).fee(new BigDecimal("0.50")).build())
        .build();

    SettlementPosting.submit(engine, batch);
    world.drain(engine, SettlementPosting.NAME);

    SettlementReport report = posting.report("F600").orElseThrow();
    assertThat(report.variance()).isEqualByComparingTo("0");
    assertThat(report.refunds()).isEqualByComparingTo("12.00");
    assertThat(report.exceptions()).noneMatch(e -> e.contains("no refund binding"));
    String refundReference = report.lines().stream().filter(l -> l.treatment() == RecordTreatment.REFUND)
        .findFirst().orElseThrow().postings().get(0);
    assertThat(world.clearingPostings("F600/")).filteredOn(t -> t.reference().equals(refundReference)).singleElement()
        .satisfies(t -> assertThat(t.grossValue()).isEqualByComparingTo("-12.00"));
  }

  @Test
  void unmappedPspAndCurrencyParkWithEveryReason() {
    PayoutBatch batch = PayoutBatch.builder().psp("klarna").payoutId("E500").payoutDate(PAYOUT_DATE).currency("SEK")
        .addItems(PayoutItem.builder().orderNumber(Integer.toString(orders.get(0).number())).gross(BigDecimal.TEN).build())
        .build();
    SettlementPosting.submit(engine, batch);

    world.drain(engine, SettlementPosting.NAME);

    assertThat(world.store.list(SettlementPosting.NAME, Set.of(JobState.PARKED), 0, 10))
        .singleElement().satisfies(job -> assertThat(job.lastError().orElse(""))
            .contains("currency SEK has no Sage currency mapping")
            .contains("payment method 'klarna' in SEK has no payment accounts mapping"));
    assertThat(world.clearingPostings("E500/")).isEmpty();
  }

  @Test
  void adyenReportIsPostedAndClearsToZero() throws java.io.IOException {
    StringBuilder csv = new StringBuilder(AdyenSettlementCsvTest.HEADER);
    BigDecimal payout = BigDecimal.ZERO;
    for (CentraOrder order : orders.subList(20, 23)) {
      BigDecimal net = order.grandTotal().subtract(new BigDecimal("0.50"));
      payout = payout.add(net);
      csv.append(AdyenSettlementCsvTest.row("PSP" + order.number(), Integer.toString(order.number()),
          "2026-01-04 10:00:00", "Settled", "", net.toPlainString(), "0.40", "0.10", "77"));
    }
    csv.append(AdyenSettlementCsvTest.row("", "", "2026-01-05 00:00:00", "Fee", "1.25", "", "", "", "77"));
    payout = payout.subtract(new BigDecimal("1.25"));
    csv.append(AdyenSettlementCsvTest.row("", "", "2026-01-05 06:00:00", "MerchantPayout", payout.toPlainString(), "",
        "", "", "77"));
    BigDecimal clearingBefore = world.sage.bankBalance("1210");

    SettlementPosting.submit(engine, AdyenSettlementCsv.read(new java.io.StringReader(csv.toString()), "adyen"));
    world.drain(engine, SettlementPosting.NAME);

    assertThat(world.sage.bankBalance("1210")).isEqualByComparingTo(clearingBefore);
    SettlementReport report = posting.report("77@AcmeGB").orElseThrow();
    assertThat(report.fees()).isEqualByComparingTo("2.75");
    assertThat(report.transferred()).isEqualByComparingTo(payout);
    assertThat(report.variance()).isEqualByComparingTo("0");
  }

  /** A batch paying every order's total with a 1.2% + 0.10 fee, and refunding 10.00 of the first {@code refunds}. */
  static PayoutBatch batch(String payoutId, List<CentraOrder> orders, int refunds) {
    ImmutablePayoutBatch.Builder b = PayoutBatch.builder().psp("adyen").payoutId(payoutId).payoutDate(PAYOUT_DATE)
        .currency("GBP");
    for (CentraOrder order : orders) {
      BigDecimal fee = order.grandTotal().multiply(new BigDecimal("0.012")).add(new BigDecimal("0.10"))
          .setScale(2, java.math.RoundingMode.HALF_UP);
      b.addItems(PayoutItem.builder().orderNumber(Integer.toString(order.number())).pspReference("PSP" + order.number())
          .gross(order.grandTotal()).fee(fee).build());
    }
    for (CentraOrder order : orders.subList(0, refunds)) {
      b.addItems(PayoutItem.builder().orderNumber(Integer.toString(order.number())).gross(new BigDecimal("-10.00"))
          .build());
    }
    return b.build();
  }

  static BigDecimal fees(PayoutBatch batch) {
    return batch.items().stream().map(PayoutItem::fee).reduce(BigDecimal.ZERO, BigDecimal::add);
  }



}
