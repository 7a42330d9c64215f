package io.github.centrasage.dashboard.internal;

import static io.github.centrasage.dashboard.internal.Html.esc;
import static io.github.centrasage.dashboard.internal.Html.url;

import io.github.centrasage.sync.SyncStatus;
import io.github.centrasage.sync.finance.SettlementReport;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobAttempt;
import io.github.centrasage.sync.spi.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the HTML pages. No inline script or style (the CSP forbids both); every value is
 * escaped. Each page shows times both relative ("5 min ago") and absolute, and reasons verbatim.
 */
public final class Pages {
  private final String title;
  private final Duration refresh;
  private final Words words;
  private final Charts charts;

  public Pages(String title, Duration refresh, Words words, Charts charts) {
    this.title = title;
    this.refresh = refresh;
    this.words = words;
    this.charts = charts;
  }

  /**
   * What a page needs besides its content: the times, and the CSRF value its forms carry. Two
   * clocks: a flow's last run and cursor are on the engine's clock ({@code engineNow}); jobs and
   * their attempts on the store's ({@code now}). They differ when the engine runs on a sandbox's
   * pinned clock and the store on database time.
   */
  public static final class Context {
    final Instant now;
    final Instant engineNow;
    final String csrf;
    final Optional<String> flash;
    final String base;
    final Map<String, String> formFields;

    /**
     * @param base where the dashboard is mounted ({@code ""} at the root); every link starts with it
     * @param formFields hidden fields each form carries besides the dashboard's CSRF value
     */
    public Context(Instant now, Instant engineNow, String csrf, Optional<String> flash, String base,
        Map<String, String> formFields) {
      this.now = now;
      this.engineNow = engineNow;
      this.csrf = csrf;
      this.flash = flash;
      this.base = base;
      this.formFields = formFields;
    }

    /** The hidden inputs of a form that changes something: the dashboard's CSRF value and the host's fields. */
    String hiddenFields() {
      StringBuilder b = new StringBuilder("<input type=\"hidden\" name=\"csrf\" value=\"").append(esc(csrf))
          .append("\">");
      formFields.forEach((name, value) -> b.append("<input type=\"hidden\" name=\"").append(esc(name))
          .append("\" value=\"").append(esc(value)).append("\">"));
      return b.toString();
    }
  }

  // ---- pages

  /**
   * The overview: the flows, then the jobs that need a person (on the first screen, before
   * anything else), then the charts, the flows' notices and the latest payouts when
   * SettlementPosting has stored any.
   */
  public String overview(Context ctx, List<SyncStatus> flows, Map<String, List<Job>> parkedByFlow,
      Map<Long, List<JobAttempt>> histories, List<SettlementReport> payouts, ChartSeries series) {
    StringBuilder b = new StringBuilder();
    b.append("<section aria-labelledby=\"flows-h\"><h2 id=\"flows-h\">Flows</h2>");
    flowTable(b, ctx, flows);
    b.append("</section>");
    long parkedTotal = flows.stream().mapToLong(SyncStatus::parked).sum();
    b.append("<section aria-labelledby=\"parked-h\"><h2 id=\"parked-h\">Jobs that need a person (")
        .append(parkedTotal).append(")</h2>");
    if (parkedTotal == 0) {
      b.append("<p class=\"empty\">Nothing needs a person right now.</p>");
    } else {
      b.append("<p class=\"hint\">Fix the cause first (a mapping, a locked record in Sage), then press "
          + "<b>Replay</b> to run the job again. <b>Discard</b> gives up on it for good; it stays in the history.</p>");
    }
    for (SyncStatus s : flows) {
      List<Job> parked = parkedByFlow.getOrDefault(s.flow(), List.of());
      for (Job job : parked) {
        jobCard(b, ctx, job, histories.getOrDefault(job.id(), List.of()), false);
      }
      if (s.parked() > parked.size()) {
        b.append("<p class=\"more\"><a href=\"").append(ctx.base).append("/jobs?flow=").append(url(s.flow())).append("&amp;state=PARKED\">All ")
            .append(s.parked()).append(" parked jobs of ").append(esc(s.flow())).append("</a></p>");
      }
    }
    b.append("</section>");
    charts.section(b, series, ctx.engineNow);
    notices(b, flows);
    if (!payouts.isEmpty()) {
      b.append("<section aria-labelledby=\"payouts-h\"><h2 id=\"payouts-h\">Latest payouts</h2>");
      payoutTable(b, ctx, payouts);
      b.append("<p class=\"more\"><a href=\"").append(ctx.base).append("/payouts\">All payouts with their reconciliation lines</a></p></section>");
    }
    return layout(ctx, title, b.toString(), true);
  }

  /** Every stored payout report with its figures and the lines the accountant should look at. */
  public String payouts(Context ctx, List<SettlementReport> payouts) {
    StringBuilder b = new StringBuilder();
    b.append("<section aria-labelledby=\"payouts-h\"><h2 id=\"payouts-h\">Payouts</h2>");
    if (payouts.isEmpty()) {
      b.append("<p class=\"empty\">No payout has been posted yet.</p></section>");
      return layout(ctx, "Payouts", b.toString(), true);
    }
    b.append("<p class=\"hint\">Each payout goes through the clearing bank account: receipts in, refunds and fees out, "
        + "the payout transferred to the bank. The clearing movement must be 0.00; anything the PSP's lines do not "
        + "explain is posted to the variance nominal and listed below.</p>");
    payoutTable(b, ctx, payouts);
    for (SettlementReport r : payouts) {
      if (r.exceptions().isEmpty()) {
        continue;
      }
      b.append("<section class=\"payout-lines\" data-payout=\"").append(esc(r.payoutId())).append("\"><h3>Payout ")
          .append(esc(r.psp())).append(' ').append(esc(r.payoutId())).append(": lines to check</h3>");
      reasons(b, r.exceptions());
      b.append("</section>");
    }
    b.append("</section>");
    return layout(ctx, "Payouts", b.toString(), true);
  }

  private void payoutTable(StringBuilder b, Context ctx, List<SettlementReport> payouts) {
    b.append("<table class=\"payouts\"><thead><tr><th>Payout</th><th>Currency</th><th>Receipts</th><th>Refunds</th>"
        + "<th>Fees</th><th>Paid out</th><th>Variance</th><th>Clearing movement</th><th>Postings new / found</th>"
        + "<th>Lines to check</th><th>Reconciliation</th><th>Recorded</th></tr></thead><tbody>");
    for (SettlementReport r : payouts) {
      b.append("<tr data-payout=\"").append(esc(r.payoutId())).append("\"><td>").append(esc(r.psp())).append(' ')
          .append(esc(r.payoutId())).append("</td><td>").append(esc(r.currency())).append("</td>");
      for (java.math.BigDecimal amount : List.of(r.receipts(), r.refunds(), r.fees(), r.transferred())) {
        b.append("<td class=\"num\">").append(esc(amount.toPlainString())).append("</td>");
      }
      b.append("<td class=\"num").append(r.variance().signum() != 0 ? " warn" : "").append("\">")
          .append(esc(r.variance().toPlainString())).append("</td><td class=\"num")
          .append(r.clearingMovement().signum() != 0 ? " bad" : "").append("\">")
          .append(esc(r.clearingMovement().toPlainString())).append("</td><td class=\"num\">").append(r.posted())
          .append(" / ").append(r.alreadyPosted()).append("</td><td class=\"num\">").append(r.exceptions().size())
          .append("</td><td>");
      if (r.lines().isEmpty()) {
        b.append("\u2013");
      } else {
        b.append("<a href=\"").append(esc(ctx.base + "/api/payouts/" + enc(r.psp()) + "/" + enc(r.payoutId()
            + r.merchantAccount().map(a -> "@" + a).orElse("")) + "/reconciliation.csv")).append("\">CSV, ")
            .append(r.lines().size()).append(" lines</a>");
      }
      b.append("</td><td>");
      r.recordedAt().ifPresentOrElse(t -> time(b, ctx, t), () -> b.append("\u2013"));
      b.append("</td></tr>");
    }
    b.append("</tbody></table>");
  }

  public String job(Context ctx, Job job, List<JobAttempt> history) {
    StringBuilder b = new StringBuilder();
    jobCard(b, ctx, job, history, true);
    return layout(ctx, "Job " + job.id() + " \u00b7 " + job.reference(), b.toString(), true);
  }

  public String jobList(Context ctx, String heading, List<Job> jobs) {
    StringBuilder b = new StringBuilder();
    b.append("<section><h2>").append(esc(heading)).append("</h2>");
    jobTable(b, ctx, jobs);
    b.append("</section>");
    return layout(ctx, heading, b.toString(), true);
  }

  public String journey(Context ctx, OrderJourney journey) {
    StringBuilder b = new StringBuilder();
    b.append("<section aria-labelledby=\"journey-h\"><h2 id=\"journey-h\">Order ").append(esc(journey.number))
        .append("</h2>");
    if (journey.isEmpty()) {
      b.append("<p class=\"empty\">Nothing is known about order ").append(esc(journey.number))
          .append(" yet: no sync job mentions it and no Sage record is linked to it.</p></section>");
      return layout(ctx, "Order " + journey.number, b.toString(), false);
    }
    summary(b, journey);
    // a store of the engine alone links no Sage records: there the section would only ever say "none yet"
    if (journey.recordsKept) {
      b.append("<h3>In Sage</h3>");
      if (journey.records.isEmpty()) {
        b.append("<p class=\"empty\">No Sage record is linked to this order yet.</p>");
      } else {
        b.append("<table class=\"records\"><thead><tr><th>Step</th><th>Centra</th><th>Sage document</th>"
            + "<th>Sage id</th><th>Recorded</th></tr></thead><tbody>");
        for (Binding r : journey.records) {
          b.append("<tr><td class=\"step\">").append(esc(capitalised(r.entityType()))).append("</td><td>").append(esc(r.centraId()))
              .append("</td><td class=\"sage-ref\">").append(esc(r.sageReference().orElse("\u2013")))
              .append("</td><td>").append(esc(r.sageId())).append("</td><td>");
          r.syncedAt().ifPresentOrElse(t -> time(b, ctx, t), () -> b.append("\u2013"));
          b.append("</td></tr>");
        }
        b.append("</tbody></table>");
      }
    }
    b.append("<h3>Sync jobs</h3>");
    if (journey.jobs.isEmpty()) {
      b.append("<p class=\"empty\">No sync job mentions this order.</p>");
    } else {
      jobTable(b, ctx, journey.jobs);
    }
    b.append("</section>");
    return layout(ctx, "Order " + journey.number, b.toString(), false);
  }

  public String problem(Context ctx, int status, String message) {
    String heading = status == 403 ? "Refused" : status == 404 ? "Not found" : "That did not work";
    // the heading already says "Refused"; the API's message keeps it for scripts
    String shown = message.startsWith("Refused: ") ? capitalised(message.substring("Refused: ".length())) : message;
    String body = "<section class=\"problem\" role=\"alert\"><h2>" + esc(heading) + "</h2><p class=\"message\">"
        + esc(shown) + "</p><p><a href=\"" + ctx.base + "/\">Back to the overview</a></p></section>";
    return layout(ctx, heading, body, false);
  }

  /**
   * Where a person types the dashboard token before seeing anything, when the host serves the
   * dashboard to more than this machine (inside a web application without Spring Security).
   */
  public String login(Context ctx, Optional<String> problem) {
    StringBuilder b = new StringBuilder();
    b.append("<section class=\"login\" aria-labelledby=\"login-h\"><h2 id=\"login-h\">Sign in</h2>");
    problem.ifPresent(p -> b.append("<p class=\"message\" role=\"alert\">").append(esc(p)).append("</p>"));
    b.append("<p class=\"hint\">This dashboard shows orders and customers' details: type the dashboard token to "
        + "see it.</p><form class=\"login\" method=\"post\" action=\"").append(ctx.base)
        .append("/login\">").append(ctx.hiddenFields())
        .append("<label>Dashboard token <input type=\"password\" name=\"token\" autocomplete=\"off\" required></label>")
        .append("<button type=\"submit\">Sign in</button></form></section>");
    return layout(ctx, "Sign in", b.toString(), false);
  }

  /** The last go-live doctor report, as the doctor wrote it. */
  public String doctor(Context ctx, String report) {
    String body = "<section aria-labelledby=\"doctor-h\"><h2 id=\"doctor-h\">Go-live doctor</h2><pre class=\"doctor\">"
        + esc(report) + "</pre></section>";
    return layout(ctx, "Go-live doctor", body, false);
  }

  // ---- parts

  private void flowTable(StringBuilder b, Context ctx, List<SyncStatus> flows) {
    b.append("<table class=\"flows\"><thead><tr><th>Flow</th><th>Health</th><th>Last run</th><th>Behind by</th>"
        + "<th>Waiting</th><th>Waiting for retry</th><th>Needs a person</th><th>Done</th><th>Oldest waiting job</th>"
        + "<th>Last error</th></tr></thead><tbody>");
    for (SyncStatus s : flows) {
      Words.Health h = Words.health(s);
      String flowLink = ctx.base + "/jobs?flow=" + url(s.flow());
      b.append("<tr data-flow=\"").append(esc(s.flow())).append("\"><th scope=\"row\"><a href=\"").append(flowLink)
          .append("\">").append(esc(s.flow())).append("</a></th>")
          .append("<td><span class=\"health ").append(h.cssClass).append("\">").append(h.words).append("</span></td><td>");
      // the engine stamps its runs with its own clock: measured against the store's, a sandbox's
      // pinned day would read "6 days ago" next to "Healthy"
      s.lastRunFinishedAt().or(s::lastRunStartedAt).ifPresentOrElse(t -> shortTime(b, t, ctx.engineNow),
          () -> b.append("Not yet"));
      b.append("</td><td>").append(s.cursorLag().map(Words::duration).orElse("\u2013")).append("</td>");
      count(b, s.queued() + s.running(), flowLink + "&amp;state=QUEUED,RUNNING");
      count(b, s.retrying(), flowLink + "&amp;state=RETRYING");
      count(b, s.parked(), flowLink + "&amp;state=PARKED");
      doneCount(b, s, flowLink + "&amp;state=SUCCEEDED");
      b.append("<td>").append(s.oldestJobAge().map(Words::duration).orElse("\u2013")).append("</td>");
      lastError(b, s, h);
      b.append("</tr>");
    }
    b.append("</tbody></table>");
  }

  /**
   * A flow's last error: red while something waits for a retry or a person; muted, shortened and
   * said to be over once the flow is healthy again (nothing waits on it any more). Long errors are
   * cut so the flows table stays short and the jobs that need a person stay on the first screen;
   * hovering shows the whole text, and the jobs' pages have it too.
   */
  private static void lastError(StringBuilder b, SyncStatus s, Words.Health h) {
    String error = s.lastError().orElse("");
    if (error.isEmpty()) {
      b.append("<td class=\"error\"></td>");
    } else if (h == Words.Health.HEALTHY || h == Words.Health.NOT_RUN_YET) {
      b.append("<td class=\"error resolved\" title=\"").append(esc("Over (nothing of this flow waits for a retry or a "
          + "person): " + error)).append("\"><span class=\"label\">Earlier, since resolved:</span> ")
          .append(esc(shortened(error, RESOLVED_ERROR_SHOWN))).append("</td>");
    } else {
      b.append("<td class=\"error\"").append(error.length() > ERROR_SHOWN ? " title=\"" + esc(error) + "\"" : "")
          .append('>').append(esc(shortened(error, ERROR_SHOWN))).append("</td>");
    }
  }

  private static final int ERROR_SHOWN = 200;
  private static final int RESOLVED_ERROR_SHOWN = 50;

  private static String shortened(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1).stripTrailing() + "\u2026";
  }

  /** Notices: things a flow wants a person to look at although no job stopped. */
  private static void notices(StringBuilder b, List<SyncStatus> flows) {
    for (SyncStatus s : flows) {
      if (!s.notices().isEmpty()) {
        b.append("<section class=\"notices\" data-flow=\"").append(esc(s.flow())).append("\"><h3>")
            .append(esc(s.flow())).append(": please check</h3><ul>");
        for (String notice : s.notices()) {
          b.append("<li>").append(esc(notice)).append("</li>");
        }
        b.append("</ul></section>");
      }
    }
  }

  /** Entities done (orders imported), with the succeeded jobs behind them when a flow counts them apart. */
  private static void doneCount(StringBuilder b, SyncStatus s, String href) {
    if (s.entitiesDone() == s.succeeded()) {
      count(b, s.entitiesDone(), href);
      return;
    }
    b.append("<td class=\"num\">").append(s.entitiesDone()).append(" <a class=\"jobs\" href=\"").append(href).append("\">(")
        .append(s.succeeded()).append(s.succeeded() == 1 ? " job" : " jobs").append(")</a></td>");
  }

  private static void count(StringBuilder b, long n, String href) {
    b.append("<td class=\"num\">");
    if (n == 0) {
      b.append('0');
    } else {
      b.append("<a href=\"").append(href).append("\">").append(n).append("</a>");
    }
    b.append("</td>");
  }

  private void jobTable(StringBuilder b, Context ctx, List<Job> jobs) {
    if (jobs.isEmpty()) {
      b.append("<p class=\"empty\">No jobs.</p>");
      return;
    }
    b.append("<table class=\"jobs\"><thead><tr><th>Job</th><th>Flow</th><th>Reference</th><th>Status</th>"
        + "<th>Attempts</th><th>Last change</th><th>Why</th></tr></thead><tbody>");
    for (Job j : jobs) {
      b.append("<tr data-job-id=\"").append(j.id()).append("\"><td><a href=\"").append(ctx.base).append("/jobs/").append(j.id()).append("\">")
          .append(j.id()).append("</a></td><td>").append(esc(j.flow())).append("</td><td class=\"ref\">")
          .append(esc(j.reference())).append("</td><td><span class=\"state ").append(j.state().name().toLowerCase())
          .append("\">").append(Words.state(j.state())).append("</span></td><td class=\"num\">").append(j.attempts())
          .append("</td><td>");
      time(b, ctx, j.updatedAt());
      b.append("</td><td>");
      if (!j.parkReasons().isEmpty()) {
        reasons(b, j.parkReasons());
      } else if (j.state() != JobState.SUCCEEDED) {
        b.append("<span class=\"error\">").append(esc(j.lastError().orElse(""))).append("</span>");
      }
      b.append("</td></tr>");
    }
    b.append("</tbody></table>");
  }

  /**
   * When a parked job stopped: its last PARKED history row. Not {@code updatedAt}, which later
   * notices of the same entity move while the job stays parked (they fold into it).
   */
  private static Instant parkedAt(Job job, List<JobAttempt> history) {
    return history.stream().filter(a -> a.outcome() == JobAttempt.Outcome.PARKED).map(JobAttempt::at)
        .reduce((first, last) -> last).orElse(job.updatedAt());
  }

  private void jobCard(StringBuilder b, Context ctx, Job job, List<JobAttempt> history, boolean full) {
    b.append("<article class=\"job\" id=\"job-").append(job.id()).append("\" data-job-id=\"").append(job.id())
        .append("\" data-state=\"").append(job.state().name()).append("\"><h3><span class=\"flow\">")
        .append(esc(job.flow())).append("</span> <span class=\"ref\">").append(esc(job.reference()))
        .append("</span> <span class=\"state ").append(job.state().name().toLowerCase()).append("\">")
        .append(Words.state(job.state())).append("</span></h3><p class=\"when\">");
    b.append(job.state() == JobState.PARKED ? "Stopped " : "Last change ");
    time(b, ctx, job.state() == JobState.PARKED ? parkedAt(job, history) : job.updatedAt());
    b.append(" after ").append(job.attempts()).append(job.attempts() == 1 ? " attempt" : " attempts");
    if (job.lockedAttempts() > 0) {
      b.append(" (").append(job.lockedAttempts()).append(" of them with the record locked in Sage)");
    }
    b.append(". First seen ");
    time(b, ctx, job.createdAt());
    b.append(". <a href=\"").append(ctx.base).append("/jobs/").append(job.id()).append("\">Job ").append(job.id()).append("</a></p>");
    if (job.state() == JobState.RETRYING || job.state() == JobState.QUEUED) {
      b.append("<p class=\"when\">Next try ");
      time(b, ctx, job.nextRunAt());
      b.append("</p>");
    }
    if (job.ambiguous()) {
      b.append("<p class=\"note\">An earlier attempt did not hear back from the other system; the next one checks "
          + "what already exists before it creates anything.</p>");
    }
    if (!job.parkReasons().isEmpty()) {
      reasons(b, job.parkReasons());
    }
    if (full) {
      b.append("<dl class=\"facts\"><dt>Key</dt><dd>").append(esc(job.key())).append("</dd>");
      String errorLabel = job.state() == JobState.SUCCEEDED ? "Error before it succeeded" : "Last error";
      job.lastError().ifPresent(e -> b.append("<dt>").append(errorLabel).append("</dt><dd class=\"error\">")
          .append(esc(e)).append("</dd>"));
      b.append("</dl>");
    }
    b.append("<details").append(full ? " open" : "").append("><summary>Attempt history (").append(history.size())
        .append(")</summary>");
    historyTable(b, ctx, history);
    b.append("</details>");
    if (full && !job.payload().isEmpty()) {
      b.append("<details><summary>Payload</summary><pre>").append(esc(job.payload())).append("</pre></details>");
    }
    actions(b, ctx, job);
    b.append("</article>");
  }

  /** One line per step: each Sage record, then each flow's newest job; answers "where is this order?" at a glance. */
  private static void summary(StringBuilder b, OrderJourney journey) {
    b.append("<ul class=\"summary\">");
    for (Binding r : journey.records) {
      b.append("<li><b>").append(esc(capitalised(r.entityType()))).append("</b>: in Sage as ")
          .append(esc(r.sageReference().orElse(r.sageId()))).append("</li>");
    }
    for (Map.Entry<String, Job> e : journey.newestJobPerFlow().entrySet()) {
      Job j = e.getValue();
      b.append("<li><b>").append(esc(e.getKey())).append("</b>: <span class=\"state ")
          .append(j.state().name().toLowerCase()).append("\">").append(Words.state(j.state())).append("</span>");
      if (!j.parkReasons().isEmpty()) {
        b.append(" \u2013 ").append(esc(String.join("; ", j.parkReasons())));
      }
      b.append("</li>");
    }
    b.append("</ul>");
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static void reasons(StringBuilder b, List<String> reasons) {
    b.append("<ul class=\"reasons\">");
    for (String r : reasons) {
      b.append("<li>").append(esc(r)).append("</li>");
    }
    b.append("</ul>");
  }

  private void historyTable(StringBuilder b, Context ctx, List<JobAttempt> history) {
    if (history.isEmpty()) {
      b.append("<p class=\"empty\">No attempt has ended yet.</p>");
      return;
    }
    b.append("<table class=\"history\"><thead><tr><th>When</th><th>Attempt</th><th>What happened</th><th>Details</th>"
        + "</tr></thead><tbody>");
    for (JobAttempt a : history) {
      b.append("<tr><td>");
      time(b, ctx, a.at());
      // a replay resets the count: its row belongs to no attempt
      b.append("</td><td class=\"num\">").append(a.attempt() == 0 ? "\u2013" : String.valueOf(a.attempt()))
          .append("</td><td>").append(Words.outcome(a.outcome()))
          .append("</td><td>").append(esc(a.error().orElse(""))).append("</td></tr>");
    }
    b.append("</tbody></table>");
  }

  private static void actions(StringBuilder b, Context ctx, Job job) {
    boolean replayable = job.state() == JobState.PARKED;
    boolean discardable = replayable || job.state() == JobState.QUEUED || job.state() == JobState.RETRYING;
    if (!discardable) {
      return;
    }
    String base = ctx.base + "/api/jobs/" + job.id() + "/";
    b.append("<form class=\"actions\" method=\"post\" action=\"").append(base).append(replayable ? "replay" : "discard")
        .append("\">").append(ctx.hiddenFields())
        .append("<label>Dashboard token <input type=\"password\" name=\"token\" autocomplete=\"off\" required></label>");
    if (replayable) {
      b.append("<button type=\"submit\" class=\"replay\">Replay</button>");
    }
    b.append("<label>Note for discard <input type=\"text\" name=\"note\" maxlength=\"500\"></label>")
        .append("<button type=\"submit\" class=\"discard\" formaction=\"").append(base).append("discard\">Discard</button>")
        .append("</form>");
  }

  private void time(StringBuilder b, Context ctx, Instant t) {
    time(b, t, ctx.now);
  }

  /** Relative only ("5 min ago"), the absolute time on hover: for the tight flows table. */
  private void shortTime(StringBuilder b, Instant t, Instant now) {
    b.append("<time datetime=\"").append(t).append("\" title=\"").append(esc(words.absolute(t))).append("\">")
        .append(Words.relative(t, now)).append("</time>");
  }

  private void time(StringBuilder b, Instant t, Instant now) {
    String absolute = words.absolute(t);
    b.append("<time datetime=\"").append(t).append("\" title=\"").append(esc(absolute)).append("\">")
        .append(Words.relative(t, now)).append(" <span class=\"abs\">(").append(esc(absolute))
        .append(")</span></time>");
  }

  private String layout(Context ctx, String pageTitle, String content, boolean refreshes) {
    long refreshSeconds = refreshes ? refresh.getSeconds() : 0;
    StringBuilder b = new StringBuilder(content.length() + 2048);
    b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(esc(pageTitle.equals(title) ? title : pageTitle + " \u00b7 " + title)).append("</title>")
        .append("<link rel=\"stylesheet\" href=\"").append(ctx.base).append("/assets/dashboard.css\">")
        .append("<script src=\"").append(ctx.base).append("/assets/dashboard.js\" defer></script></head>")
        .append("<body data-refresh-seconds=\"").append(refreshSeconds).append("\"><header><h1><a href=\"").append(ctx.base).append("/\">")
        .append(esc(title)).append("</a></h1><p class=\"meta\">As of ");
    time(b, ctx.engineNow, ctx.engineNow);
    b.append("</p><form class=\"search\" method=\"get\" action=\"").append(ctx.base).append("/orders\" role=\"search\">")
        .append("<label>Centra order number <input type=\"search\" name=\"number\" required maxlength=\"100\"></label>")
        .append("<button type=\"submit\">Show the order's journey</button></form></header><main>");
    ctx.flash.ifPresent(f -> b.append("<p class=\"flash\" role=\"status\">").append(esc(f)).append("</p>"));
    b.append(content).append("</main></body></html>");
    return b.toString();
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }
}
