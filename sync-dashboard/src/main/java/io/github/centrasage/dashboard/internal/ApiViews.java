package io.github.centrasage.dashboard.internal;

import io.github.centrasage.sync.SyncStatus;
import io.github.centrasage.sync.finance.SettlementReport;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobAttempt;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the API. Times are ISO-8601 instants, durations whole seconds; each state
 * carries its plain words too, so a script can show what the page shows.
 */
public final class ApiViews {
  private ApiViews() {}

  public static Map<String, Object> status(List<SyncStatus> flows, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("generatedAt", now.toString());
    m.put("flows", Json.list(flows, ApiViews::flow));
    return m;
  }

  static Map<String, Object> flow(SyncStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("flow", s.flow());
    m.put("health", Words.health(s).words);
    m.put("lastRunStartedAt", s.lastRunStartedAt().map(Instant::toString));
    m.put("lastRunFinishedAt", s.lastRunFinishedAt().map(Instant::toString));
    m.put("cursorLagSeconds", s.cursorLag().map(Duration::getSeconds));
    m.put("queued", s.queued());
    m.put("running", s.running());
    m.put("retrying", s.retrying());
    m.put("parked", s.parked());
    m.put("succeeded", s.succeeded());
    m.put("done", s.entitiesDone());
    m.put("oldestJobAgeSeconds", s.oldestJobAge().map(Duration::getSeconds));
    m.put("lastError", s.lastError());
    m.put("notices", s.notices());
    return m;
  }

  /**
   * A payout's stored report; money as decimal strings, so no figure is rounded by a JSON reader.
   *
   * @param base where the dashboard is mounted: the reconciliation file's address starts with it
   */
  public static Map<String, Object> payout(String base, SettlementReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("psp", r.psp());
    m.put("payoutId", r.payoutId());
    m.put("currency", r.currency());
    m.put("clearingBank", r.clearingBank());
    m.put("receipts", r.receipts().toPlainString());
    m.put("refunds", r.refunds().toPlainString());
    m.put("fees", r.fees().toPlainString());
    m.put("transferred", r.transferred().toPlainString());
    m.put("variance", r.variance().toPlainString());
    m.put("clearingMovement", r.clearingMovement().toPlainString());
    m.put("balanced", r.clearingMovement().signum() == 0);
    m.put("needsAttention", r.needsAttention());
    m.put("posted", r.posted());
    m.put("alreadyPosted", r.alreadyPosted());
    m.put("exceptions", r.exceptions());
    m.put("recordedAt", r.recordedAt().map(Instant::toString));
    m.put("merchantAccount", r.merchantAccount());
    m.put("payoutDate", r.payoutDate().map(Object::toString));
    m.put("reconciliationCsv", base + "/api/payouts/" + r.psp() + "/" + r.payoutId() + r.merchantAccount().map(a -> "@" + a)
        .orElse("") + "/reconciliation.csv");
    m.put("lines", Json.list(r.lines(), ApiViews::line));
    return m;
  }

  /** One reconciliation line: report line → Sage postings → status. */
  public static Map<String, Object> line(io.github.centrasage.sync.finance.ReconciliationLine l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("line", l.line());
    m.put("recordType", l.recordType());
    m.put("pspReference", l.pspReference());
    m.put("modificationReference", l.modificationReference());
    m.put("merchantReference", l.merchantReference());
    m.put("gross", l.gross().toPlainString());
    m.put("fee", l.fee().toPlainString());
    m.put("net", l.net().toPlainString());
    m.put("treatment", l.treatment().name());
    m.put("sagePostings", l.postings());
    m.put("status", l.status().name());
    m.put("note", l.note());
    return m;
  }

  public static Map<String, Object> job(Job j) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", j.id());
    m.put("flow", j.flow());
    m.put("key", j.key());
    m.put("reference", j.reference());
    m.put("state", j.state().name());
    m.put("stateWords", Words.state(j.state()));
    m.put("attempts", j.attempts());
    m.put("lockedAttempts", j.lockedAttempts());
    m.put("ambiguous", j.ambiguous());
    m.put("createdAt", j.createdAt().toString());
    m.put("updatedAt", j.updatedAt().toString());
    m.put("nextRunAt", j.nextRunAt().toString());
    m.put("lastError", j.lastError());
    m.put("parkReasons", j.parkReasons());
    return m;
  }

  public static Map<String, Object> jobWithHistory(Job j, List<JobAttempt> history) {
    Map<String, Object> m = job(j);
    m.put("payload", j.payload());
    m.put("history", Json.list(history, ApiViews::attempt));
    return m;
  }

  static Map<String, Object> attempt(JobAttempt a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("attempt", a.attempt());
    m.put("at", a.at().toString());
    m.put("outcome", a.outcome().name());
    m.put("outcomeWords", Words.outcome(a.outcome()));
    m.put("note", a.error());
    return m;
  }

  static Map<String, Object> record(Binding b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("entityType", b.entityType());
    m.put("centraId", b.centraId());
    m.put("sageId", b.sageId());
    m.put("sageReference", b.sageReference());
    m.put("syncedAt", b.syncedAt().map(Instant::toString));
    return m;
  }

  public static Map<String, Object> journey(OrderJourney journey) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("orderNumber", journey.number);
    m.put("found", !journey.isEmpty());
    if (journey.recordsKept) { // left out, not empty, where the store keeps no links to Sage at all
      m.put("sageRecords", Json.list(journey.records, ApiViews::record));
    }
    Map<String, Object> latest = new LinkedHashMap<>();
    journey.newestJobPerFlow().forEach((flow, job) -> latest.put(flow, job.state().name()));
    m.put("latestStateByFlow", latest);
    m.put("jobs", Json.list(journey.jobs, ApiViews::job));
    return m;
  }

  public static Map<String, Object> error(String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", message);
    return m;
  }
}
