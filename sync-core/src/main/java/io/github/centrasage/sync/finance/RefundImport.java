package io.github.centrasage.sync.finance;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.CentraReturn;
import io.github.centrasage.centra.Order;
import io.github.centrasage.centra.OrderRef;
import io.github.centrasage.sage200.ODataFilter;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.model.SalesCreditNote;
import io.github.centrasage.sage200.model.SalesOrder;
import io.github.centrasage.sage200.model.SalesPostedTransaction;
import io.github.centrasage.sync.JobFailure;
import io.github.centrasage.sync.finance.RefundImportOptions.CreditMethod;
import io.github.centrasage.sync.finance.internal.CreditNotePlan;
import io.github.centrasage.sync.finance.internal.InvoiceAllocation;
import io.github.centrasage.sync.finance.internal.SopReturnProbe;
import io.github.centrasage.sync.spi.Binding;
import io.github.centrasage.sync.spi.Coalescing;
import io.github.centrasage.sync.spi.DiscoverContext;
import io.github.centrasage.sync.spi.JobContext;
import io.github.centrasage.sync.spi.NewJob;
import io.github.centrasage.sync.spi.SyncFlow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * unallocated). Returns are polled by creation time; each is a job keyed {@code return:<id>}.
 * Before posting, the flow looks the reference up in {@code sales_posted_transactions}, so a
 * replayed job or a retry after a lost answer never posts a second credit note.
 *
 * <p>Usage: {@code engine.flow(new RefundImport(RefundImportOptions.builder().goodsNominal("4010").shippingNominal("4900").build()))}
 */
public final class RefundImport implements SyncFlow {
  /** The flow's name. */
  public static final String NAME = "RefundImport";
  /** Binding of a credited return: Centra return id ↔ Sage posted transaction id, reference {@code RMA<id>}. */
  public static final String REFUND_BINDING = "refund";
  private static final Logger LOG = LoggerFactory.getLogger(RefundImport.class);
  private static final String KEY_PREFIX = "return:";
  private static final String CREDIT_NOTE_TYPE = "TradingAccountEntryTypeCreditNote";

  private final RefundImportOptions options;
  private final Consumer<CreditNoteResult> resultListener;
  private final Map<Long, CreditNoteResult> results = new ConcurrentHashMap<>();

  /** A refund import with {@code options}. */
  public RefundImport(RefundImportOptions options) {
    this(options, r -> { });
  }

  /** A refund import with {@code options}; {@code resultListener} gets every credited return. */
  public RefundImport(RefundImportOptions options, Consumer<CreditNoteResult> resultListener) {
    this.options = Objects.requireNonNull(options, "options");
    this.resultListener = Objects.requireNonNull(resultListener, "resultListener");
  }

  /** The job for a return created at {@code createdAt} (the time finds it again in Centra). */
  public static NewJob jobFor(long returnId, OffsetDateTime createdAt) {
    return NewJob.builder().flow(NAME).key(KEY_PREFIX + returnId).reference(Long.toString(returnId))
        .payload(createdAt.toInstant().toString()).coalescing(Coalescing.KEEP_NEWEST).build();
  }

  /** What this instance last did with return {@code returnId}. */
  public Optional<CreditNoteResult> result(long returnId) {
    return Optional.ofNullable(results.get(returnId));
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
    try (Stream<CentraReturn> returns = ctx.attribute(CentraClient.class).returns()
        .createdBetween(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC))) {
      for (CentraReturn ret : (Iterable<CentraReturn>) returns::iterator) {
        if (ctx.store().bindingByCentraId(REFUND_BINDING, Long.toString(ret.id())).isPresent()) {
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
    if (ctx.store().bindingByCentraId(REFUND_BINDING, Long.toString(returnId)).isPresent()) {
      return;
    }
    CentraClient centra = ctx.attribute(CentraClient.class);
    Sage200Client sage = ctx.attribute(Sage200Client.class);
    CentraReturn ret = findReturn(centra, returnId, Instant.parse(ctx.job().payload()));
    long orderNumber = ret.order().flatMap(OrderRef::number)
        .orElseThrow(() -> JobFailure.permanent("return " + returnId + " has no order number"));
    if (CreditNotePlan.refunded(ret).signum() == 0) {
      throw JobFailure.transientFailure("return " + returnId + " of order " + orderNumber
          + " has no refund payment yet", options.refundWait());
    }
    Binding orderBinding = ctx.store().bindingByCentraId("order", Long.toString(orderNumber))
        .orElseThrow(() -> JobFailure.transientFailure("order " + orderNumber + " of return " + returnId
            + " is not imported into Sage yet"));
    Order order = centra.orders().byNumber(orderNumber)
        .orElseThrow(() -> JobFailure.permanent("order " + orderNumber + " of return " + returnId + " not found in Centra"));
    CreditNotePlan plan = CreditNotePlan.of(ret, order, ctx.mappings(), options);
    if (!plan.problems().isEmpty()) {
      throw JobFailure.permanent(plan.problems());
    }
    SalesOrder sageOrder = sage.salesOrders().get(Long.parseLong(orderBinding.sageId()));
    String reference = options.referencePrefix() + returnId;
    String orderKey = sageOrder.customerDocumentNo().orElse(ctx.mappings().customerDocumentFor(Long.toString(orderNumber)));
    if (options.creditMethod() != CreditMethod.LEDGER_CREDIT_NOTE && !SopReturnProbe.supported(sage)) {
      if (options.creditMethod() == CreditMethod.SOP_RETURN) {
        throw JobFailure.permanent("this Sage site has no sop_returns (added in Sage 200 2025 R1); set creditMethod "
            + "LEDGER_CREDIT_NOTE or SOP_RETURN_ELSE_CREDIT_NOTE");
      }
      LOG.debug("Sage site has no sop_returns: return {} becomes a ledger credit note", returnId);
    } else if (options.creditMethod() != CreditMethod.LEDGER_CREDIT_NOTE) {
      throw JobFailure.permanent("creating SOP returns is not supported yet (their field schema is unpublished); "
          + "set creditMethod SOP_RETURN_ELSE_CREDIT_NOTE on a site without sop_returns, or LEDGER_CREDIT_NOTE");
    }
    LocalDate date = ret.refundPaymentHistory().stream().flatMap(e -> e.createdAt().stream()).findFirst()
        .or(ret::createdAt).map(OffsetDateTime::toLocalDate).orElse(LocalDate.now(ctx.clock()));
    long customerId = sageOrder.customerId();
    Optional<SalesPostedTransaction> existing = findCreditNote(sage, customerId, reference);
    boolean alreadyPosted = existing.isPresent();
    if (!alreadyPosted) {
      sage.salesCreditNotes().post(SalesCreditNote.builder().customerId(customerId).transactionDate(date)
          .reference(reference).secondReference(orderKey.length() <= 20 ? orderKey : orderKey.substring(0, 20))
          .documentGoodsValue(plan.goods()).documentTaxValue(plan.tax()).taxAnalysisItems(plan.taxAnalysis())
          .nominalAnalysisItems(plan.nominalAnalysis("Centra return " + returnId)).build());
      existing = findCreditNote(sage, customerId, reference);
    }
    SalesPostedTransaction creditNote = existing.orElseThrow(() -> JobFailure.transientFailure(
        "credit note " + reference + " was posted but is not yet visible in sales_posted_transactions"));
    Optional<String> note = new InvoiceAllocation(sage, "second_reference").allocate(customerId, creditNote, orderKey, date);
    ctx.store().bind(Binding.builder().entityType(REFUND_BINDING).centraId(Long.toString(returnId))
        .sageId(Long.toString(creditNote.id())).sageReference(reference).build());
    CreditNoteResult result = CreditNoteResult.builder().returnId(returnId).orderNumber(orderNumber).reference(reference)
        .sageId(creditNote.id()).gross(plan.goods().add(plan.tax())).grossByTaxCode(plan.grossByTaxCode())
        .alreadyPosted(alreadyPosted).allocated(note.isEmpty()).note(note).build();
    results.put(returnId, result);
    note.ifPresent(n -> LOG.warn("Credit note {} for return {} of order {}: {}", reference, returnId, orderNumber, n));
    resultListener.accept(result);
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
