package io.github.centrasage.sync.finance;

import io.github.centrasage.sync.spi.FailureClassifier;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.CentraReturn;
import io.github.centrasage.centra.Order;
import io.github.centrasage.centra.OrderRef;
import io.github.centrasage.sage200.ODataFilter;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.SalesReturns;
import io.github.centrasage.sage200.model.SalesCreditNote;
import io.github.centrasage.sage200.model.SalesOrder;
import io.github.centrasage.sage200.model.SalesPostedTransaction;
import io.github.centrasage.sage200.model.SalesReturn;
import io.github.centrasage.sync.JobFailure;
import io.github.centrasage.sync.finance.RefundImportOptions.CreditMethod;
import io.github.centrasage.sync.internal.Texts;
import io.github.centrasage.sync.finance.internal.CreditNotePlan;
import io.github.centrasage.sync.finance.internal.InvoiceAllocation;
import io.github.centrasage.sync.finance.internal.SopReturnDraft;
import io.github.centrasage.sync.finance.internal.SopReturnProbe;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.store.BindingStore;
import io.github.centrasage.sync.spi.Coalescing;
import io.github.centrasage.sync.spi.DiscoverContext;
import io.github.centrasage.sync.spi.JobContext;
import io.github.centrasage.sync.spi.NewJob;
import io.github.centrasage.sync.spi.SyncContext;
import io.github.centrasage.sync.spi.SyncFlow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code RefundImport} flow: a refunded Centra return becomes one Sage credit note for the
 * order's customer account, with tax analysis per tax code and nominal analysis, referenced
 * {@code RMA<returnId>} with the order's customer document number ({@code CENTRA-1001}) as second
 * reference, and allocated against the order's invoice when Sage has one (else reported as
 * unallocated). Returns are polled by creation time; each is a job keyed {@code return:<id>}. A
 * return not refunded yet waits for its refund without using up retry attempts: the job completes
 * and a delayed job of the same key looks again (the wait grows with the return's age, between
 * {@link RefundImportOptions#refundWait()} and {@link RefundImportOptions#refundWaitMax()}), until
 * {@link RefundImportOptions#maxRefundWait()} after its creation, when it parks with that reason.
 * Before posting, the flow looks the reference up in {@code sales_posted_transactions}, so a
 * replayed job or a retry after a lost answer never posts a second credit note. With a SOP
 * {@link RefundImportOptions.CreditMethod credit method} on a Sage 200 2025 R1 site the return is
 * entered as a SOP return instead (same reference, looked up before it is created), whose goods go
 * back to the warehouse they were sold from.
 *
 * <p>Usage: {@code SyncEngine.builder()….flow(new RefundImport(link, RefundImportOptions.builder().goodsNominal("4010").shippingNominal("4900").build()))}
 */
public final class RefundImport implements SyncFlow {
  /** The flow's name. */
  public static final String NAME = "RefundImport";
  /** Binding of a credited return: Centra return id ↔ Sage posted transaction id, reference {@code RMA<id>}. */
  public static final String REFUND_BINDING = "refund";
  /**
   * Binding of a return entered as a SOP return: Centra return id ↔ Sage {@code sop_returns} id,
   * reference the return's document number.
   */
  public static final String SOP_RETURN_BINDING = "sop-return";
  private static final Logger LOG = LoggerFactory.getLogger(RefundImport.class);
  private static final String KEY_PREFIX = "return:";
  private static final String CREDIT_NOTE_TYPE = "TradingAccountEntryTypeCreditNote";

  private final RefundImportOptions options;
  private final Consumer<CreditNoteResult> resultListener;
  private final Map<Long, CreditNoteResult> results = new ConcurrentHashMap<>();

  private final Integration integration;

  /** A refund import with {@code options}. */
  public RefundImport(Integration integration, RefundImportOptions options) {
    this(integration, options, r -> { });
  }

  /** A refund import with {@code options}; {@code resultListener} gets every credited return. */
  public RefundImport(Integration integration, RefundImportOptions options, Consumer<CreditNoteResult> resultListener) {
    this.integration = Objects.requireNonNull(integration, "integration");
    integration.centra(); // no Centra client fails here, naming the builder call, not at the first cycle
    integration.sage(); // the same for Sage
    this.options = Objects.requireNonNull(options, "options");
    this.resultListener = Objects.requireNonNull(resultListener, "resultListener");
  }

  /** The options this flow runs with. */
  public RefundImportOptions options() {
    return options;
  }

  /**
   * The job for a return created at {@code createdAt} (the time finds it again in Centra). It
   * coalesces {@link Coalescing#KEEP_EXISTING}: the job reads the return afresh whenever it runs,
   * so a poll that sees the return again folds into the waiting job (keeping a refund recheck's
   * due time) or into a parked one, which stays one parked job.
   */
  public static NewJob jobFor(long returnId, OffsetDateTime createdAt) {
    return job(returnId, createdAt.toInstant(), Duration.ZERO);
  }

  private static NewJob job(long returnId, Instant createdAt, Duration delay) {
    return NewJob.builder().flow(NAME).key(KEY_PREFIX + returnId).reference(Long.toString(returnId))
        .payload(createdAt.toString()).coalescing(Coalescing.KEEP_EXISTING).delay(delay).build();
  }

  /** What this instance last did with return {@code returnId}. */
  public Optional<CreditNoteResult> result(long returnId) {
    return Optional.ofNullable(results.get(returnId));
  }



  /** Classifies the clients' exceptions ({@link Integration#failureClassifier()}). */
  @Override
  public Optional<FailureClassifier> failureClassifier() {
    return Optional.of(integration.failureClassifier());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void discover(DiscoverContext ctx) {
    Instant from = ctx.cursor().map(Instant::parse).map(c -> c.minus(options.pollOverlap())).orElse(options.pollStart());
    Instant to = ctx.clock().instant();
    List<NewJob> jobs = new ArrayList<>();
    Instant newest = ctx.cursor().map(Instant::parse).orElse(options.pollStart());
    try (Stream<CentraReturn> returns = integration.centra().returns()
        .createdBetween(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC))) {
      for (CentraReturn ret : (Iterable<CentraReturn>) returns::iterator) {
        if (credited(integration.store(), ret.id())) {
          continue;
        }
        OffsetDateTime created = ret.createdAt().orElse(to.atOffset(ZoneOffset.UTC));
        jobs.add(jobFor(ret.id(), created));
        if (created.toInstant().isAfter(newest)) {
          newest = created.toInstant();
        }
      }
    }
    ctx.enqueue(jobs, newest.toString());
  }

  @Override
  public void process(JobContext ctx) {
    long returnId = Long.parseLong(ctx.job().key().substring(KEY_PREFIX.length()));
    if (credited(integration.store(), returnId)) {
      return;
    }
    CentraClient centra = integration.centra();
    Sage200Client sage = integration.sage();
    Instant createdAt = Instant.parse(ctx.job().payload());
    CentraReturn ret = findReturn(centra, returnId, createdAt);
    long orderNumber = ret.order().flatMap(OrderRef::number)
        .orElseThrow(() -> JobFailure.permanent("return " + returnId + " has no order number"));
    if (CreditNotePlan.refunded(ret).signum() == 0) {
      awaitRefund(ctx, returnId, orderNumber, createdAt);
      return;
    }
    Binding orderBinding = integration.store().bindingByCentraId("order", Long.toString(orderNumber))
        .orElseThrow(() -> JobFailure.transientFailure("order " + orderNumber + " of return " + returnId
            + " is not imported into Sage yet"));
    Order order = centra.orders().byNumber(orderNumber)
        .orElseThrow(() -> JobFailure.permanent("order " + orderNumber + " of return " + returnId + " not found in Centra"));
    CreditNotePlan plan = CreditNotePlan.of(ret, order, integration.mappings(), options);
    if (!plan.problems().isEmpty()) {
      throw JobFailure.permanent(plan.problems());
    }
    long sageOrderId = Long.parseLong(orderBinding.sageId());
    String reference = options.referencePrefix() + returnId;
    LocalDate date = ret.refundPaymentHistory().stream().flatMap(e -> e.createdAt().stream()).findFirst()
        .or(ret::createdAt).map(OffsetDateTime::toLocalDate).orElse(LocalDate.now(ctx.clock()));
    if (options.creditMethod() != CreditMethod.LEDGER_CREDIT_NOTE) {
      if (SopReturnProbe.supported(sage)) {
        SalesOrder withLines = sage.salesOrders().getWithLines(sageOrderId);
        // A credit note already posted for this return (before the method was switched, or by the
        // fallback) stays the credit: entering a SOP return too would credit the customer twice.
        if (findCreditNote(sage, withLines.customerId(), reference).isEmpty()) {
          record(enterSopReturn(ctx, sage, ret, order, withLines, plan, reference, date));
          return;
        }
        LOG.info("Centra return {} already has credit note {} in Sage; no SOP return is entered", returnId, reference);
      } else if (options.creditMethod() == CreditMethod.SOP_RETURN) {
        throw JobFailure.permanent("this Sage site has no sop_returns (added in Sage 200 2025 R1); set creditMethod "
            + "LEDGER_CREDIT_NOTE or SOP_RETURN_ELSE_CREDIT_NOTE");
      } else {
        LOG.debug("Sage site has no sop_returns: return {} becomes a ledger credit note", returnId);
      }
    }
    SalesOrder sageOrder = sage.salesOrders().get(sageOrderId);
    String orderKey = sageOrder.customerDocumentNo().orElse(integration.mappings().customerDocumentFor(Long.toString(orderNumber)));
    long customerId = sageOrder.customerId();
    Optional<SalesPostedTransaction> existing = findCreditNote(sage, customerId, reference);
    boolean alreadyPosted = existing.isPresent();
    if (!alreadyPosted) {
      sage.salesCreditNotes().post(SalesCreditNote.builder().customerId(customerId).transactionDate(date)
          .reference(reference).secondReference(Texts.cut(orderKey, 20))
          .documentGoodsValue(plan.goods()).documentTaxValue(plan.tax()).taxAnalysisItems(plan.taxAnalysis())
          .nominalAnalysisItems(plan.nominalAnalysis("Centra return " + returnId)).build());
      existing = findCreditNote(sage, customerId, reference);
    }
    SalesPostedTransaction creditNote = existing.orElseThrow(() -> JobFailure.transientFailure(
        "credit note " + reference + " was posted but is not yet visible in sales_posted_transactions"));
    Optional<String> note = new InvoiceAllocation(sage, "second_reference").allocate(customerId, creditNote, orderKey, date);
    integration.store().bind(Binding.builder().entityType(REFUND_BINDING).centraId(Long.toString(returnId))
        .sageId(Long.toString(creditNote.id())).sageReference(reference).build());
    CreditNoteResult result = CreditNoteResult.builder().returnId(returnId).orderNumber(orderNumber).reference(reference)
        .sageId(creditNote.id()).gross(plan.goods().add(plan.tax())).grossByTaxCode(plan.grossByTaxCode())
        .alreadyPosted(alreadyPosted).allocated(note.isEmpty()).note(note).build();
    note.ifPresent(n -> LOG.warn("Credit note {} for return {} of order {}: {}", reference, returnId, orderNumber, n));
    record(result);
  }

  /**
   * Looks at the unrefunded return again later, through a delayed job of the same key, so that
   * waiting (usually days, until the goods are back) costs no retry attempt; parks once the return
   * is older than {@code maxRefundWait}.
   */
  private void awaitRefund(JobContext ctx, long returnId, long orderNumber, Instant createdAt) {
    Instant now = ctx.clock().instant();
    Duration age = Duration.between(createdAt, now);
    Duration left = options.maxRefundWait().minus(age);
    if (left.isNegative() || left.isZero()) {
      throw JobFailure.permanent("return " + returnId + " of order " + orderNumber + " has no refund payment "
          + age.toDays() + " days after it was created (maxRefundWait " + options.maxRefundWait().toDays()
          + " days); refund it in Centra and replay this job, or discard it if the return will not be refunded");
    }
    // Half the age: a fresh return is looked at often, one a week old every few hours.
    Duration wait = age.dividedBy(2);
    wait = wait.compareTo(options.refundWait()) < 0 ? options.refundWait() : wait;
    wait = wait.compareTo(options.refundWaitMax()) > 0 ? options.refundWaitMax() : wait;
    // ...but never past the give-up time, so the return parks when maxRefundWait says.
    wait = wait.compareTo(left) > 0 ? left : wait;
    ctx.store().enqueue(job(returnId, createdAt, wait));
    LOG.info("Centra return {} of order {} has no refund payment yet; looking again in {}", returnId, orderNumber, wait);
  }

  /** Returns credited: one {@code refund} or {@code sop-return} binding each, however many rechecks they took. */
  @Override
  public OptionalLong entitiesDone(SyncContext context) {
    return OptionalLong.of(integration.store().countBindings(REFUND_BINDING)
        + integration.store().countBindings(SOP_RETURN_BINDING));
  }

  /** Whether the return already became a credit note or a SOP return. */
  private static boolean credited(BindingStore store, long returnId) {
    return store.bindingByCentraId(REFUND_BINDING, Long.toString(returnId)).isPresent()
        || store.bindingByCentraId(SOP_RETURN_BINDING, Long.toString(returnId)).isPresent();
  }

  private void record(CreditNoteResult result) {
    results.put(result.returnId(), result);
    resultListener.accept(result);
  }

  /**
   * Enters the return as a SOP return, once: Sage is asked for a return with this reference first
   * (a replay, or an earlier attempt whose answer was lost, finds it there), and only then created.
   */
  private CreditNoteResult enterSopReturn(JobContext ctx, Sage200Client sage, CentraReturn ret, Order order,
      SalesOrder sageOrder, CreditNotePlan plan, String reference, LocalDate date) {
    SalesReturns returns = sage.salesReturns();
    long customerId = sageOrder.customerId();
    Optional<SalesReturn> existing = returns.findByReference(reference).stream()
        .filter(r -> r.customerId().orElse(customerId) == customerId).findFirst();
    boolean alreadyEntered = existing.isPresent();
    if (alreadyEntered && ctx.previousAttemptAmbiguous()) {
      LOG.info("SOP return {} for Centra return {} was entered by an attempt whose answer was lost", reference, ret.id());
    }
    SalesReturn entered = existing.orElseGet(() -> {
      SopReturnDraft draft = SopReturnDraft.of(ret, order, sageOrder, plan, options, date);
      if (!draft.problems().isEmpty()) {
        throw JobFailure.permanent(draft.problems());
      }
      return returns.create(reference, draft.draft());
    });
    long id = entered.id().orElseThrow(() -> JobFailure.transientFailure(
        "SOP return " + reference + " was entered but Sage answered without its id"));
    String documentNo = entered.documentNo().orElse(reference);
    integration.store().bind(Binding.builder().entityType(SOP_RETURN_BINDING).centraId(Long.toString(ret.id()))
        .sageId(Long.toString(id)).sageReference(documentNo).build());
    long orderNumber = order.number();
    String note = "SOP return " + documentNo + " entered; its credit note is posted in Sage when the goods are"
        + " received, and allocated there";
    LOG.info("Centra return {} of order {} entered as SOP return {} ({})", ret.id(), orderNumber, documentNo, reference);
    return CreditNoteResult.builder().returnId(ret.id()).orderNumber(orderNumber).reference(reference).sageId(id)
        .gross(entered.totalGrossValue().orElse(plan.goods().add(plan.tax()))).grossByTaxCode(plan.grossByTaxCode())
        .alreadyPosted(alreadyEntered).allocated(false).note(note).build();
  }

  private static Optional<SalesPostedTransaction> findCreditNote(Sage200Client sage, long customerId, String reference) {
    return sage.salesPostedTransactions().list(ODataQuery.where(ODataFilter.allOf(List.of(
        ODataFilter.eq("customer_id", customerId), ODataFilter.eq("reference", reference),
        ODataFilter.eq("trader_transaction_type", CREDIT_NOTE_TYPE))))).stream().findFirst();
  }

  private static CentraReturn findReturn(CentraClient centra, long returnId, Instant createdAt) {
    // The Integration API lists returns by creation window; a second either side finds this one.
    try (Stream<CentraReturn> returns = centra.returns().createdBetween(
        createdAt.minusSeconds(1).atOffset(ZoneOffset.UTC), createdAt.plusSeconds(1).atOffset(ZoneOffset.UTC))) {
      return returns.filter(r -> r.id() == returnId).findFirst()
          .orElseThrow(() -> JobFailure.permanent("return " + returnId + " not found in Centra around " + createdAt));
    }
  }
}
