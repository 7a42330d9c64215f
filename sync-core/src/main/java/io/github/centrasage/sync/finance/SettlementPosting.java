package io.github.centrasage.sync.finance;

import io.github.centrasage.sync.spi.JobQueue;
import io.github.centrasage.sync.spi.FailureClassifier;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.finance.internal.PayoutCodec;
import io.github.centrasage.sync.finance.internal.PayoutReportRecords;
import io.github.centrasage.sync.finance.internal.SettlementPoster;
import io.github.centrasage.sync.store.BindingStore;
import io.github.centrasage.sync.spi.Coalescing;
import io.github.centrasage.sync.spi.DiscoverContext;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobContext;
import io.github.centrasage.sync.spi.NewJob;
import io.github.centrasage.sync.spi.SyncContext;
import io.github.centrasage.sync.spi.SyncFlow;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code SettlementPosting} flow: a PSP payout ({@link PayoutBatch}) becomes Sage postings
 * through the mapped clearing bank: a sales receipt per paid order (allocated to the order's
 * invoice where Sage has one), a sales payment per refund or chargeback, one bank payment for the
 * fees, one bank transfer of the payout to the current bank, and a variance posting for whatever
 * the lines do not explain, so the clearing bank moves by exactly zero for the batch. The host
 * submits batches from any source (see {@link AdyenSettlementCsv}); each is one job keyed by PSP
 * and payout id, and every posting is looked up by reference before it is made, so a payout
 * submitted twice, or retried after a lost answer, posts nothing twice.
 *
 * <p>Usage: {@code SettlementPosting.submit(engine, AdyenSettlementCsv.read(reader, "adyen"));}
 */
public final class SettlementPosting implements SyncFlow {
  /** The flow's name. */
  public static final String NAME = "SettlementPosting";
  private static final Logger LOG = LoggerFactory.getLogger(SettlementPosting.class);
  private static final String KEY_PREFIX = "payout:";

  private static final int MAX_NOTICES = 20;

  private final SettlementPostingOptions options;
  private final Consumer<SettlementReport> reportListener;
  private final Map<String, SettlementReport> reports = new ConcurrentHashMap<>();

  private final Integration integration;

  /** A settlement posting with default options. */
  public SettlementPosting(Integration integration) {
    this(integration, SettlementPostingOptions.builder().build(), r -> { });
  }

  /** A settlement posting with {@code options}; {@code reportListener} gets the report of every posted payout. */
  public SettlementPosting(Integration integration, SettlementPostingOptions options, Consumer<SettlementReport> reportListener) {
    this.integration = Objects.requireNonNull(integration, "integration");
    integration.sage(); // the same for Sage
    this.options = Objects.requireNonNull(options, "options");
    this.reportListener = Objects.requireNonNull(reportListener, "reportListener");
  }

  /** The job that posts {@code batch}: keyed {@code payout:<psp>:<payoutId>}, the batch as payload. */
  public static NewJob jobFor(PayoutBatch batch) {
    // KEEP_NEWEST: a corrected report replaces a waiting one; postings already made are found by reference.
    return NewJob.builder().flow(NAME).key(KEY_PREFIX + batch.psp() + ":" + batch.key())
        .reference(batch.psp() + " " + batch.key()).payload(PayoutCodec.encode(batch))
        .coalescing(Coalescing.KEEP_NEWEST).build();
  }

  /** Queues {@code batch} in {@code store}; the engine posts it on its next cycle. */
  public static Job submit(JobQueue store, PayoutBatch batch) {
    return store.enqueue(jobFor(batch));
  }

  /** Queues {@code batch} in the engine's store. */
  public static Job submit(SyncEngine engine, PayoutBatch batch) {
    return submit(engine.store(), batch);
  }

  /**
   * The report of the last posting of {@code payoutId} by this instance; a payout of a merchant
   * account is {@code <payoutId>@<merchantAccount>} ({@link PayoutBatch#key()}).
   */
  public Optional<SettlementReport> report(String payoutId) {
    return Optional.ofNullable(reports.get(payoutId));
  }

  /**
   * The report of payout {@code payoutId} of {@code psp} as the last posting stored it (see
   * {@link #storedReports}); empty if it was never posted.
   */
  public static Optional<SettlementReport> storedReport(BindingStore store, String psp, String payoutId) {
    return PayoutReportRecords.read(store, psp, payoutId);
  }

  /**
   * The reports of the most recently posted payouts, newest first, at most {@code limit}: what an
   * accountant reads at month end (the dashboard shows them under "Payouts"). Each payout is stored
   * once, however often it was posted; {@link SettlementReport#recordedAt()} says when.
   */
  public static List<SettlementReport> storedReports(BindingStore store, int limit) {
    return PayoutReportRecords.recent(store, limit);
  }

  /**
   * The month-end list: every receipt or refund left unallocated and every chargeback still open
   * (no reversal posted since) in the payouts paid out up to the end of {@code month}, oldest payout
   * first, as the postings stored them (an allocation made by hand in Sage later is not seen here).
   * At most {@code maxPayouts} of the most recent payouts are read.
   */
  public static List<OpenItem> openItems(BindingStore store, java.time.YearMonth month, int maxPayouts) {
    java.time.LocalDate end = month.atEndOfMonth();
    List<OpenItem> out = new java.util.ArrayList<>();
    List<SettlementReport> reports = new java.util.ArrayList<>(storedReports(store, maxPayouts));
    java.util.Collections.reverse(reports);
    for (SettlementReport r : reports) {
      if (r.payoutDate().filter(d -> !d.isAfter(end)).isEmpty()) {
        continue;
      }
      for (ReconciliationLine line : r.lines()) {
        boolean open = line.status() == ReconciliationLine.Status.UNALLOCATED
            || line.status() == ReconciliationLine.Status.OPEN_CHARGEBACK && stillOpen(store, r, line);
        if (open) {
          out.add(new OpenItem(r.psp(), r.payoutId(), r.merchantAccount(), r.payoutDate().get(), line));
        }
      }
    }
    return out;
  }

  /** The month-end list as CSV: one header row, then one row per open item. */
  public static String openItemsCsv(BindingStore store, java.time.YearMonth month, int maxPayouts) {
    StringBuilder out = new StringBuilder("psp,merchant_account,payout,payout_date,line,record_type,psp_reference,"
        + "merchant_reference,gross,sage_postings,status,note\r\n");
    for (OpenItem i : openItems(store, month, maxPayouts)) {
      ReconciliationLine l = i.line();
      out.append(String.join(",", SettlementReport.csv(i.psp()), SettlementReport.csv(i.merchantAccount().orElse("")),
          SettlementReport.csv(i.payoutId()), i.payoutDate().toString(), Integer.toString(l.line()),
          SettlementReport.csv(l.recordType()), SettlementReport.csv(l.pspReference()),
          SettlementReport.csv(l.merchantReference()), l.gross().toPlainString(),
          SettlementReport.csv(String.join(" ", l.postings())), l.status().name(), SettlementReport.csv(l.note())))
          .append("\r\n");
    }
    return out.toString();
  }

  private static boolean stillOpen(BindingStore store, SettlementReport report, ReconciliationLine line) {
    String key = report.psp() + ":" + report.merchantAccount().orElse("") + ":" + line.pspReference();
    String reference = line.postings().isEmpty() ? "" : line.postings().get(0);
    return store.bindingByCentraId(SettlementPoster.CHARGEBACK_BINDING, key).flatMap(b -> b.sageReference())
        .filter(r -> r.startsWith("open " + reference + " ")).isPresent();
  }

  /**
   * A receipt or refund left on a customer account, or a chargeback not reversed, with its payout.
   *
   * @param psp the PSP
   * @param payoutId the payout (batch) id
   * @param merchantAccount the PSP account, if any
   * @param payoutDate when the payout was paid out
   * @param line the line as the reconciliation file lists it
   */
  public record OpenItem(String psp, String payoutId, Optional<String> merchantAccount, java.time.LocalDate payoutDate,
      ReconciliationLine line) {}

  /** Recent payouts that sent money to the variance nominal or left the clearing account moved. */
  @Override
  public List<String> notices(SyncContext context) {
    return storedReports(integration.store(), MAX_NOTICES).stream().filter(SettlementReport::needsAttention)
        .map(r -> "Payout " + r.psp() + " " + r.payoutId() + r.merchantAccount().map(a -> "@" + a).orElse("") + " ("
            + r.currency() + "): " + r.variance().toPlainString()
            + " posted to variance, clearing movement " + r.clearingMovement().toPlainString()
            + (r.exceptions().isEmpty() ? "" : "; " + String.join("; ", r.exceptions())))
        .collect(Collectors.toList());
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
  public void discover(DiscoverContext context) {
    // Batches arrive through submit(); there is nothing to poll.
  }

  @Override
  public void process(JobContext ctx) {
    PayoutBatch batch = PayoutCodec.decode(ctx.job().payload());
    SettlementReport report = new SettlementPoster(integration.sage(), integration.mappings(), integration.store(),
        options).post(batch);
    reports.put(batch.key(), report);
    PayoutReportRecords.write(integration.store(), report);
    if (report.exceptions().isEmpty()) {
      LOG.info("Payout {} {} posted: {} new, {} already posted, clearing movement {}", batch.psp(), batch.key(),
          report.posted(), report.alreadyPosted(), report.clearingMovement());
    } else {
      LOG.warn("Payout {} {} posted with {} exception(s), variance {}: {}", batch.psp(), batch.key(),
          report.exceptions().size(), report.variance(), summary(report.exceptions()));
    }
    reportListener.accept(report);
  }

  /**
   * The first exceptions, shortened, and how many more: a payout of a busy day has hundreds, and one
   * log line per payout stays readable (the dashboard's payouts page and {@link #report} list all).
   */
  static String summary(List<String> exceptions) {
    int shown = Math.min(SUMMARY_ITEMS, exceptions.size());
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < shown; i++) {
      String e = exceptions.get(i);
      b.append(i == 0 ? "" : "; ").append(e.length() <= SUMMARY_ITEM_CHARS ? e : e.substring(0, SUMMARY_ITEM_CHARS - 1) + "…");
    }
    if (exceptions.size() > shown) {
      b.append("; and ").append(exceptions.size() - shown).append(" more (all on the dashboard's payouts page)");
    }
    return b.toString();
  }

  private static final int SUMMARY_ITEMS = 2;
  private static final int SUMMARY_ITEM_CHARS = 70;
}
