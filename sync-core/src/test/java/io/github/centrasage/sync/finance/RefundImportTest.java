package io.github.centrasage.sync.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.github.centrasage.centra.CentraReturn;
import io.github.centrasage.centra.CreateReturnRequest;
import io.github.centrasage.centra.Money;
import io.github.centrasage.centra.ReturnLineRequest;
import io.github.centrasage.centra.Shipment;
import io.github.centrasage.centra.ShipmentLine;
import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.Fault;
import io.github.centrasage.sandbox.FaultScope;
import io.github.centrasage.sandbox.SagePostedTransaction;
import io.github.centrasage.sandbox.SageSalesReturn;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sandbox.SandboxClock;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.SyncStatus;
import io.github.centrasage.sync.finance.internal.CreditNotePlan;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobState;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Refunded Centra returns become Sage credit notes, against the sandboxes with the real clients. */
class RefundImportTest {
  static final List<String> SKUS = SandboxCatalog.fashionShop().items().stream().map(SandboxCatalog.Item::sku).toList();
  FinanceWorld world = new FinanceWorld();
  final List<CreditNoteResult> results = new ArrayList<>();

  @AfterEach
  void close() {
    world.close();
  }

  ImmutableRefundImportOptions.Builder options() {
    return RefundImportOptions.builder().goodsNominal("4010").shippingNominal("4900")
        .pollStart(SandboxClock.DEFAULT_START.minus(Duration.ofHours(1)));
  }

  @Test
  void partialRefundInGbpWithTwoVatRatesCreditsEachTaxCodeAndAllocatesToTheInvoice() throws IOException {
    world.centra.setTaxPercent(SKUS.get(1), new BigDecimal("5"));
    CentraOrder order = world.centra.placeOrder("GBP", linked(SKUS.get(0), 2, SKUS.get(1), 2));
    world.importPlaced();
    var sageOrder = world.sageOrder(order.number());
    world.postInvoice(sageOrder.customerId(), sageOrder.customerDocumentNo().orElseThrow(), order.grandTotal());
    CentraReturn ret = returnOneOfEach(order, null);

    RefundImport flow = new RefundImport(world.integration(), options().build(), results::add);
    SyncStatus status = run(flow);

    assertThat(status.parked()).isZero();
    BigDecimal p20 = order.lines().get(0).unitPrice();
    BigDecimal p5 = order.lines().get(1).unitPrice();
    Map<String, Object> body = onlyCreditNote();
    assertThat(body.get("reference")).isEqualTo("RMA" + ret.id());
    assertThat(body.get("second_reference")).isEqualTo("CENTRA-" + order.number());
    assertThat(taxAnalysis(body)).containsExactlyInAnyOrderEntriesOf(Map.of(
        world.standardTaxId, split(p20, 20), world.reducedTaxId, split(p5, 5)));
    SagePostedTransaction creditNote = creditNotes().get(0);
    assertThat(creditNote.grossValue()).isEqualByComparingTo(p20.add(p5));
    assertThat(creditNote.outstandingValue()).isEqualByComparingTo("0");
    CreditNoteResult result = flow.result(ret.id()).orElseThrow();
    assertThat(result.allocated()).isTrue();
    assertThat(result.grossByTaxCode()).containsEntry(world.standardTaxId, p20).containsEntry(world.reducedTaxId, p5);
  }

  @Test
  void aFullReturnIsCreditedWithTheSalesOwnVatSoNoVatIsLeftBehind() throws IOException {
    // A price whose four units Sage taxes per line (unit net rounded first) differently from the refund's own split.
    String sku = SKUS.stream().filter(s -> {
      BigDecimal p = SandboxCatalog.fashionShop().items().stream().filter(i -> i.sku().equals(s)).findFirst()
          .orElseThrow().priceGbp();
      return !saleTax(p, 4).equals(split(p.multiply(BigDecimal.valueOf(4)), 20)[1]);
    }).findFirst().orElseThrow();
    Map<String, Integer> lines = new LinkedHashMap<>();
    lines.put(sku, 4);
    CentraOrder order = world.centra.placeOrder("GBP", lines);
    world.importPlaced();
    BigDecimal unit = order.lines().get(0).unitPrice();
    Shipment shipment = world.shipAll(order);
    CentraReturn created = world.centraClient.returns().create(CreateReturnRequest.builder().shipmentId(shipment.id())
        .addLines(ReturnLineRequest.of(shipment.lines().get(0).id(), 4)).build()).value();
    world.centraClient.returns().complete(created.id(), false);

    run(new RefundImport(world.integration(), options().build(), results::add));

    Map<String, Object> body = onlyCreditNote();
    BigDecimal[] standard = taxAnalysis(body).get(world.standardTaxId);
    // The VAT the sale booked on these four units, to the penny; the sale's rounding penny goes back to 9999.
    assertThat(standard[1]).isEqualByComparingTo(saleTax(unit, 4));
    BigDecimal goodsAndTax = standard[0].add(standard[1]);
    assertThat(nominals(body)).containsEntry("9999", unit.multiply(BigDecimal.valueOf(4)).subtract(goodsAndTax));
    assertThat(creditNotes().get(0).grossValue()).isEqualByComparingTo(unit.multiply(BigDecimal.valueOf(4)));
  }

  /** The VAT Sage books on {@code qty} units of a 20 % tax-inclusive price: unit net to 2 decimals, then the line's tax. */
  private static BigDecimal saleTax(BigDecimal unitGross, int qty) {
    BigDecimal unitNet = unitGross.multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(120), 2, RoundingMode.HALF_UP);
    return unitNet.multiply(BigDecimal.valueOf(qty)).multiply(new BigDecimal("0.20")).setScale(2, RoundingMode.HALF_UP);
  }

  @Test
  void partialRefundInEurWithShippingCreditsShippingAtTheOrderRateAndReportsUnallocated() throws IOException {
    world.centra.setTaxPercent(SKUS.get(1), BigDecimal.ZERO);
    CentraOrder order = world.centra.placeOrder("EUR", linked(SKUS.get(0), 1, SKUS.get(1), 3));
    world.importPlaced();
    CentraReturn ret = returnOneOfEach(order, Money.of("5.95", "EUR"));

    RefundImport flow = new RefundImport(world.integration(), options().build(), results::add);
    run(flow);

    BigDecimal p20 = order.lines().get(0).unitPrice();
    BigDecimal p0 = order.lines().get(1).unitPrice();
    Map<String, Object> body = onlyCreditNote();
    // Goods at 20 % and shipping at 20 % share the standard code's analysis line.
    BigDecimal[] goods20 = split(p20, 20);
    BigDecimal[] shipping = split(new BigDecimal("5.95"), 20);
    assertThat(taxAnalysis(body)).containsExactlyInAnyOrderEntriesOf(Map.of(
        world.standardTaxId, new BigDecimal[] {goods20[0].add(shipping[0]), goods20[1].add(shipping[1])},
        world.zeroTaxId, new BigDecimal[] {p0, new BigDecimal("0.00")}));
    assertThat(nominals(body)).containsEntry("4900", shipping[0]);
    assertThat(creditNotes().get(0).grossValue()).isEqualByComparingTo(p20.add(p0).add(new BigDecimal("5.95")));
    assertThat(creditNotes().get(0).account()).isEqualTo("WEBEUR");
    CreditNoteResult result = flow.result(ret.id()).orElseThrow();
    assertThat(result.allocated()).isFalse();
    assertThat(result.note().orElseThrow()).contains("unallocated");
  }

  @Test
  void replayedRefundPostsOneCreditNote() {
    CentraOrder order = world.centra.placeOrder("GBP", linked(SKUS.get(0), 1, SKUS.get(2), 1));
    world.importPlaced();
    CentraReturn ret = returnOneOfEach(order, null);
    RefundImport flow = new RefundImport(world.integration(), options().build(), results::add);
    try (SyncEngine engine = world.engine(flow)) {
      world.drain(engine, RefundImport.NAME);
      Job done = world.store.list(RefundImport.NAME, Set.of(JobState.SUCCEEDED), 0, 10).get(0);
      // Forget the binding too, so the replay must find the credit note in Sage by its reference.
      world.store.unbind(RefundImport.REFUND_BINDING, Long.toString(ret.id()));
      engine.replay(done.id());
      world.drain(engine, RefundImport.NAME);
    }
    assertThat(creditNotes()).hasSize(1);
    assertThat(world.creditNoteBodies).hasSize(1);
    assertThat(results).hasSize(2);
    assertThat(results.get(1).alreadyPosted()).isTrue();
  }

  @Test
  void payoutRefundNamingOnlyTheReturnIsPaidToItsCustomerAndAllocatedToTheCreditNote() {
    CentraOrder order = world.centra.placeOrder("GBP", linked(SKUS.get(0), 1, SKUS.get(2), 1));
    world.importPlaced();
    CentraReturn ret = returnOneOfEach(order, null);
    SettlementPosting settlement = new SettlementPosting(world.integration());
    try (SyncEngine engine = world.engine(new RefundImport(world.integration(), options().build(), results::add), settlement)) {
      world.drain(engine, RefundImport.NAME);
      BigDecimal refunded = results.get(0).gross();
      BigDecimal clearingBefore = world.sage.bankBalance("1210");
      SettlementPosting.submit(engine, PayoutBatch.builder().psp("adyen").payoutId("R1").currency("GBP")
          .payoutDate(java.time.LocalDate.of(2026, 1, 6)).payoutAmount(BigDecimal.ZERO)
          .addItems(PayoutItem.builder().returnId(Long.toString(ret.id())).gross(refunded.negate()).build())
          .build());
      world.drain(engine, SettlementPosting.NAME);

      // Nothing paid out and no sales to net against: the refund is funded from variance, and clearing nets to zero.
      assertThat(settlement.report("R1").orElseThrow().variance()).isEqualByComparingTo(refunded);
      assertThat(world.sage.bankBalance("1210")).isEqualByComparingTo(clearingBefore);
    }
    SagePostedTransaction payment = world.sage.postedTransactions().stream()
        .filter(t -> t.transactionType().equals("TradingAccountEntryTypeSalesPayment")).findFirst().orElseThrow();
    assertThat(payment.account()).isEqualTo("WEBGBP");
    assertThat(payment.outstandingValue()).isEqualByComparingTo("0");
    assertThat(creditNotes().get(0).outstandingValue()).isEqualByComparingTo("0");
  }

  @Test
  void creditNoteWhoseAnswerWasLostIsFoundNotPostedAgain() {
    CentraOrder order = world.centra.placeOrder("GBP", linked(SKUS.get(0), 1, SKUS.get(2), 1));
    world.importPlaced();
    returnOneOfEach(order, null);
    world.sage.faults().inject(Fault.resetAfterCommit(), FaultScope.nextCalls(1).on("POST /sales_credit_notes"));

    SyncStatus status = run(new RefundImport(world.integration(), options().build(), results::add));

    assertThat(status.parked()).isZero();
    assertThat(creditNotes()).hasSize(1);
  }

  @Test
  void sopReturnOnlyParksOnASiteWithoutSopReturnsAndFallbackPostsACreditNote() {
    world.close();
    world = new FinanceWorld(false);
    CentraOrder order = world.centra.placeOrder("GBP", linked(SKUS.get(0), 1, SKUS.get(2), 1));
    world.importPlaced();
    returnOneOfEach(order, null);

    SyncStatus parked = run(new RefundImport(world.integration(), options().creditMethod(RefundImportOptions.CreditMethod.SOP_RETURN).build()));
    assertThat(parked.parked()).isEqualTo(1);
    assertThat(world.store.list(RefundImport.NAME, Set.of(JobState.PARKED), 0, 10).get(0).lastError().orElse(""))
        .contains("no sop_returns");
    assertThat(creditNotes()).isEmpty();

    Job job = world.store.list(RefundImport.NAME, Set.of(JobState.PARKED), 0, 10).get(0);
    RefundImport fallback = new RefundImport(world.integration(),
        options().creditMethod(RefundImportOptions.CreditMethod.SOP_RETURN_ELSE_CREDIT_NOTE).build());
    try (SyncEngine engine = world.engine(fallback)) {
      engine.replay(job.id());
      world.drain(engine, RefundImport.NAME);
    }
    assertThat(creditNotes()).hasSize(1);
  }

  @Test
  void sopReturnIsEnteredOnceWithTheSoldLinesAndTheRefundedShippingAndSurvivesAReplay() {
    world.centra.setTaxPercent(SKUS.get(1), new BigDecimal("5"));
    CentraOrder order = world.centra.placeOrder("GBP", linked(SKUS.get(0), 2, SKUS.get(1), 1));
    world.importPlaced();
    CentraReturn ret = returnOneOfEach(order, Money.of(new BigDecimal("4.80"), "GBP"));
    BigDecimal refunded = CreditNotePlan.refunded(ret);
    RefundImport flow = new RefundImport(world.integration(), options().creditMethod(RefundImportOptions.CreditMethod.SOP_RETURN).build(),
        results::add);

    SyncStatus status = run(flow);

    assertThat(status.parked()).isZero();
    assertThat(creditNotes()).isEmpty();
    SageSalesReturn entered = onlySalesReturn("RMA" + ret.id());
    assertThat(entered.customerReference()).isEqualTo("WEBGBP");
    assertThat(entered.lines()).filteredOn(l -> l.sku() != null)
        .extracting(SageSalesReturn.Line::sku, SageSalesReturn.Line::warehouse, l -> l.lineQuantity().intValueExact())
        .containsExactlyInAnyOrder(tuple(SKUS.get(0), FinanceWorld.LEEDS, 1), tuple(SKUS.get(1), FinanceWorld.LEEDS, 1));
    // The refunded shipping (20 % here: the order's highest rate) rides on a free-text line at the shipping nominal.
    assertThat(entered.lines()).filteredOn(l -> l.sku() == null && l.lineTotalValue().signum() > 0)
        .extracting(SageSalesReturn.Line::nominalReference).containsOnly("4900");
    assertThat(entered.totalGrossValue()).isEqualByComparingTo(refunded);
    CreditNoteResult result = flow.result(ret.id()).orElseThrow();
    assertThat(result.alreadyPosted()).isFalse();
    assertThat(result.allocated()).isFalse();
    assertThat(result.note()).hasValueSatisfying(n -> assertThat(n).contains(entered.documentNo()));
    assertThat(world.store.bindingByCentraId(RefundImport.SOP_RETURN_BINDING, Long.toString(ret.id())))
        .hasValueSatisfying(b -> assertThat(b.sageId()).isEqualTo(Long.toString(entered.id())));

    // A replay that lost the binding (a restored store, a second engine) finds the return in Sage by reference.
    world.store.unbind(RefundImport.SOP_RETURN_BINDING, Long.toString(ret.id()));
    world.store.enqueue(RefundImport.jobFor(ret.id(), ret.createdAt().orElseThrow()));
    RefundImport replay = new RefundImport(world.integration(), options().creditMethod(RefundImportOptions.CreditMethod.SOP_RETURN).build());
    assertThat(run(replay).parked()).isZero();

    assertThat(world.sage.salesReturns()).hasSize(1);
    assertThat(replay.result(ret.id()).orElseThrow().alreadyPosted()).isTrue();
  }

  @Test
  void sopReturnWhoseAnswerIsLostAfterCommitIsEnteredOnce() {
    CentraOrder order = world.centra.placeOrder("EUR", linked(SKUS.get(0), 1, SKUS.get(2), 1));
    world.importPlaced();
    CentraReturn ret = returnOneOfEach(order, null);
    world.sage.faults().inject(Fault.resetAfterCommit(), FaultScope.nextCalls(1).on("POST /sop_returns"));

    SyncStatus status = run(new RefundImport(world.integration(),
        options().creditMethod(RefundImportOptions.CreditMethod.SOP_RETURN_ELSE_CREDIT_NOTE).build()));

    assertThat(status.parked()).isZero();
    assertThat(world.sage.requestCount("POST /sop_returns")).isEqualTo(1);
    SageSalesReturn entered = onlySalesReturn("RMA" + ret.id());
    assertThat(entered.customerReference()).isEqualTo("WEBEUR");
    assertThat(entered.totalGrossValue()).isEqualByComparingTo(CreditNotePlan.refunded(ret));
    assertThat(creditNotes()).isEmpty();
  }

  @Test
  void switchingToSopReturnsKeepsACreditNoteAlreadyPostedForTheReturn() {
    CentraOrder order = world.centra.placeOrder("GBP", linked(SKUS.get(0), 1, SKUS.get(2), 1));
    world.importPlaced();
    CentraReturn ret = returnOneOfEach(order, null);
    // The credit note was posted, but its binding was lost (a restored store) before the switch.
    run(new RefundImport(world.integration(), options().build()));
    world.store.unbind(RefundImport.REFUND_BINDING, Long.toString(ret.id()));
    world.store.enqueue(RefundImport.jobFor(ret.id(), ret.createdAt().orElseThrow()));

    SyncStatus status = run(new RefundImport(world.integration(), options().creditMethod(RefundImportOptions.CreditMethod.SOP_RETURN).build()));

    assertThat(status.parked()).isZero();
    assertThat(creditNotes()).hasSize(1);
    assertThat(world.sage.salesReturns()).isEmpty();
    assertThat(world.store.bindingByCentraId(RefundImport.REFUND_BINDING, Long.toString(ret.id()))).isPresent();
  }

  private SageSalesReturn onlySalesReturn(String reference) {
    assertThat(world.sage.salesReturns()).hasSize(1);
    SageSalesReturn entered = world.sage.salesReturns().get(0);
    assertThat(entered.customerDocumentNo()).isEqualTo(reference);
    return entered;
  }

  @Test
  void returnWithoutRefundPaymentWaitsWithoutUsingUpRetryAttempts() {
    CentraOrder order = world.centra.placeOrder("GBP", linked(SKUS.get(0), 1, SKUS.get(2), 1));
    world.importPlaced();
    openReturn(order);

    RefundImport flow = new RefundImport(world.integration(), options().build());
    try (SyncEngine engine = world.engine(flow)) {
      SyncStatus status = engine.runOnce(RefundImport.NAME);
      assertThat(status.retrying()).isZero();
      assertThat(status.parked()).isZero();
      // the look completed, and one delayed job of the same key looks again
      Job recheck = onlyJob(JobState.QUEUED);
      assertThat(recheck.attempts()).isZero();
      // the return is a day old on the engine clock: half its age, capped at refundWaitMax
      assertThat(recheck.nextRunAt()).isEqualTo(world.clock.instant().plus(Duration.ofHours(4)));
    }
    assertThat(creditNotes()).isEmpty();
  }

  @Test
  void returnRefundedThreeDaysAfterItWasCreatedIsCreditedOnce() {
    CentraOrder order = world.centra.placeOrder("GBP", linked(SKUS.get(0), 1, SKUS.get(2), 1));
    world.importPlaced();
    CentraReturn ret = openReturn(order);
    RefundImport flow = new RefundImport(world.integration(), options().build(), results::add);
    try (SyncEngine engine = world.engine(flow)) {
      SyncStatus status = engine.runOnce(RefundImport.NAME);
      // Three days pass, with a poll every hour: the poll overlap no longer reaches the return.
      for (int hour = 0; hour < 72; hour++) {
        advance(Duration.ofHours(1));
        status = engine.runOnce(RefundImport.NAME);
      }
      assertThat(creditNotes()).isEmpty();
      assertThat(status.parked()).isZero();
      assertThat(status.queued()).isEqualTo(1);

      world.centraClient.returns().complete(ret.id(), false);
      for (int hour = 0; hour < 4 && creditNotes().isEmpty(); hour++) {
        advance(Duration.ofHours(1));
        status = engine.runOnce(RefundImport.NAME);
      }
      advance(Duration.ofDays(1));
      status = engine.runOnce(RefundImport.NAME);

      assertThat(status.parked()).isZero();
      assertThat(status.queued() + status.retrying()).isZero();
      // every look was a first attempt: waiting burns no retry budget
      assertThat(world.store.list(RefundImport.NAME, Set.of(JobState.SUCCEEDED), 0, 1000))
          .hasSizeGreaterThan(10).allSatisfy(j -> assertThat(j.attempts()).isEqualTo(1));
      // "done" counts credited returns, not the many rechecks
      assertThat(status.entitiesDone()).isEqualTo(1);
      assertThat(status.succeeded()).isGreaterThan(10);
    }
    assertThat(creditNotes()).hasSize(1);
    assertThat(world.creditNoteBodies).hasSize(1);
    assertThat(results).hasSize(1);
    assertThat(results.get(0).returnId()).isEqualTo(ret.id());
    // dated on the refund, three days after the return was created
    assertThat(creditNotes().get(0).transactionDate().atOffset(ZoneOffset.UTC).toLocalDate())
        .isEqualTo(ret.createdAt().orElseThrow().toLocalDate().plusDays(3));
  }

  @Test
  void returnNeverRefundedParksWithTheReasonAfterMaxRefundWait() {
    CentraOrder order = world.centra.placeOrder("GBP", linked(SKUS.get(0), 1, SKUS.get(2), 1));
    world.importPlaced();
    CentraReturn ret = openReturn(order);
    RefundImport flow = new RefundImport(world.integration(), options().maxRefundWait(Duration.ofDays(5)).build());
    try (SyncEngine engine = world.engine(flow)) {
      SyncStatus status = engine.runOnce(RefundImport.NAME);
      // created at the sandbox start, the engine clock about a day later: four more days to wait
      Instant giveUp = ret.createdAt().orElseThrow().toInstant().plus(Duration.ofDays(5));
      while (world.clock.instant().plus(Duration.ofHours(1)).isBefore(giveUp)) {
        advance(Duration.ofHours(1));
        status = engine.runOnce(RefundImport.NAME);
      }
      assertThat(status.parked()).isZero();
      assertThat(status.queued()).isEqualTo(1);
      advance(Duration.between(world.clock.instant(), giveUp));
      status = engine.runOnce(RefundImport.NAME);
      assertThat(status.parked()).isEqualTo(1);
      assertThat(status.queued() + status.retrying()).isZero();
      Job parked = onlyJob(JobState.PARKED);
      assertThat(parked.key()).isEqualTo("return:" + ret.id());
      assertThat(parked.parkReasons()).singleElement().asString()
          .contains("return " + ret.id(), "no refund payment 5 days after it was created", "maxRefundWait 5 days");
      assertThat(status.entitiesDone()).isZero();
    }
    assertThat(creditNotes()).isEmpty();
  }

  @Test
  void aParkedReturnSeenByLaterPollsStaysOneParkedJob() {
    CentraOrder order = world.centra.placeOrder("GBP", linked(SKUS.get(0), 1, SKUS.get(2), 1));
    world.importPlaced();
    openReturn(order);
    // the return is already a day old on the engine clock: it parks at its first look
    RefundImport flow = new RefundImport(world.integration(), options().maxRefundWait(Duration.ofHours(1)).build());
    try (SyncEngine engine = world.engine(flow)) {
      SyncStatus status = null;
      for (int cycle = 0; cycle < 3; cycle++) {
        // each poll reaches back over the return again (pollOverlap) and finds it uncredited
        status = engine.runOnce(RefundImport.NAME);
        world.clock.advance(Duration.ofMinutes(1));
      }
      assertThat(status.parked()).isEqualTo(1);
      assertThat(world.store.list(RefundImport.NAME, Set.of(JobState.values()), 0, 100)).hasSize(1);
    }
  }

  @Test
  void optionsRejectWaitsAndCodesThatCannotWork() {
    assertThatThrownBy(() -> options().refundWait(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refundWait=PT0S");
    assertThatThrownBy(() -> options().refundWaitMax(Duration.ofMinutes(10)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refundWaitMax at least refundWait");
    assertThatThrownBy(() -> options().maxRefundWait(Duration.ofDays(-1)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRefundWait");
    assertThatThrownBy(() -> options().pollOverlap(Duration.ofMinutes(-5)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pollOverlap");
    assertThatThrownBy(() -> options().goodsNominal("401000000").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 8 characters: 401000000");
  }

  /** Ships the order and opens a return of its first line, not refunded (completed) yet. */
  private CentraReturn openReturn(CentraOrder order) {
    Shipment shipment = world.shipAll(order);
    return world.centraClient.returns().create(CreateReturnRequest.builder().shipmentId(shipment.id())
        .addLines(ReturnLineRequest.of(shipment.lines().get(0).id(), 1)).build()).value();
  }

  /** Moves the engine clock and Centra's together, as time passes for both. */
  private void advance(Duration duration) {
    world.clock.advance(duration);
    world.sandboxClock.advance(duration);
  }

  private Job onlyJob(JobState state) {
    List<Job> jobs = world.store.list(RefundImport.NAME, Set.of(state), 0, 100);
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  private SyncStatus run(RefundImport flow) {
    try (SyncEngine engine = world.engine(flow)) {
      return world.drain(engine, RefundImport.NAME);
    }
  }

  /** Ships the order, returns one of each line (with an optional shipping refund) and completes the return: the refund. */
  private CentraReturn returnOneOfEach(CentraOrder order, Money shippingRefund) {
    Shipment shipment = world.shipAll(order);
    io.github.centrasage.centra.ImmutableCreateReturnRequest.Builder request = CreateReturnRequest.builder().shipmentId(shipment.id());
    for (ShipmentLine line : shipment.lines()) {
      request.addLines(ReturnLineRequest.of(line.id(), 1));
    }
    if (shippingRefund != null) {
      request.shippingCost(shippingRefund);
    }
    CentraReturn created = world.centraClient.returns().create(request.build()).value();
    return world.centraClient.returns().complete(created.id(), false).value();
  }

  private List<SagePostedTransaction> creditNotes() {
    return world.sage.postedTransactions().stream()
        .filter(t -> t.transactionType().equals("TradingAccountEntryTypeCreditNote")).collect(Collectors.toList());
  }

  private Map<String, Object> onlyCreditNote() throws IOException {
    assertThat(world.creditNoteBodies).hasSize(1);
    return new Moshi.Builder().build().<Map<String, Object>>adapter(Types.newParameterizedType(Map.class, String.class,
        Object.class)).fromJson(world.creditNoteBodies.get(0));
  }

  @SuppressWarnings("unchecked")
  private static Map<Long, BigDecimal[]> taxAnalysis(Map<String, Object> body) {
    Map<Long, BigDecimal[]> out = new LinkedHashMap<>();
    for (Map<String, Object> item : (List<Map<String, Object>>) body.get("tax_analysis_items")) {
      out.put(((Number) item.get("id")).longValue(), new BigDecimal[] {money(item.get("goods_amount")),
          money(item.get("tax_amount"))});
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, BigDecimal> nominals(Map<String, Object> body) {
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    for (Map<String, Object> item : (List<Map<String, Object>>) body.get("nominal_analysis_items")) {
      out.merge((String) item.get("code"), money(item.get("value")), BigDecimal::add);
    }
    return out;
  }

  private static BigDecimal money(Object json) {
    return new BigDecimal(String.valueOf(json)).setScale(2, RoundingMode.HALF_UP);
  }

  /** Goods and tax of a tax-inclusive gross, as the credit note must carry them. */
  private static BigDecimal[] split(BigDecimal gross, int rate) {
    BigDecimal goods = gross.multiply(BigDecimal.valueOf(100))
        .divide(BigDecimal.valueOf(100 + rate), 2, RoundingMode.HALF_UP);
    return new BigDecimal[] {goods, gross.subtract(goods).setScale(2, RoundingMode.HALF_UP)};
  }

  private static Map<String, Integer> linked(String a, int qa, String b, int qb) {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put(a, qa);
    m.put(b, qb);
    return m;
  }
}
