package io.github.centrasage.sync.store.internal;

import static io.github.centrasage.sync.store.internal.JdbcTransactions.dbNow;
import static io.github.centrasage.sync.store.internal.JdbcTransactions.instant;
import static io.github.centrasage.sync.store.internal.JdbcTransactions.placeholders;

import io.github.centrasage.sync.spi.Coalescing;
import io.github.centrasage.sync.spi.CursorMove;
import io.github.centrasage.sync.spi.FailureKind;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobAttempt;
import io.github.centrasage.sync.spi.JobQueue;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.spi.NewJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The job queue in {@code sync_job} (with its history in {@code sync_job_attempt}), following
 * {@link QueueRules}. A job's {@code seq} is its place in its key's line: new and replayed jobs
 * take the next value of {@code sync_job_seq}, so the head of a key is its pending job with the
 * lowest {@code seq}.
 */
public final class JdbcJobQueue implements JobQueue {
  private static final String JOB_COLUMNS =
      "id, flow, job_key, payload, reference, state, attempts, locked_attempts, ambiguous, next_run_at,"
          + " created_at, updated_at, last_error, park_reasons, lease_owner, lease_until";
  private static final String WAITING = QueueRules.sql(QueueRules.WAITING);
  private static final String PENDING = QueueRules.sql(QueueRules.PENDING);
  /** Rows per IN list, within what every driver accepts. */
  private static final int CHUNK = 500;

  private final JdbcTransactions tx;
  private final JdbcCursors cursors;

  public JdbcJobQueue(JdbcTransactions tx, JdbcCursors cursors) {
    this.tx = tx;
    this.cursors = cursors;
  }

  @Override
  public List<Job> enqueue(Collection<NewJob> newJobs, Optional<CursorMove> cursor) {
    return tx.inTransaction("enqueue jobs", c -> {
      Instant now = dbNow(c);
      List<Long> ids = new ArrayList<>(newJobs.size());
      for (NewJob nj : newJobs) {
        Long folded = nj.coalescing() == Coalescing.NONE ? null : coalesce(c, nj, now);
        ids.add(folded != null ? folded : insert(c, nj, now));
      }
      if (cursor.isPresent()) {
        cursors.write(c, cursor.get(), now);
      }
      Map<Long, Job> byId = jobsById(c, ids);
      return ids.stream().map(byId::get).collect(Collectors.toList());
    });
  }

  private Long coalesce(Connection c, NewJob nj, Instant now) throws SQLException {
    String states = QueueRules.sql(QueueRules.foldsInto(nj.coalescing()));
    Long waiting = null;
    try (PreparedStatement ps = tx.prepare(c, "SELECT id FROM sync_job WHERE flow = ? AND job_key = ?"
            + " AND state IN " + states + " ORDER BY seq DESC LIMIT 1", nj.flow(), nj.key());
        ResultSet rs = ps.executeQuery()) {
      if (rs.next()) {
        waiting = rs.getLong(1);
      }
    }
    if (waiting == null) {
      return null;
    }
    // the state condition loses against a concurrent claim: then the new job is inserted instead
    int changed = QueueRules.replacesPayload(nj.coalescing())
        ? tx.update(c, "UPDATE sync_job SET payload = ?, reference = ?, updated_at = ?"
            + " WHERE id = ? AND state IN " + states, nj.payload(), nj.reference(), now, waiting)
        : tx.update(c, "UPDATE sync_job SET updated_at = ? WHERE id = ? AND state IN " + states, now, waiting);
    return changed == 1 ? waiting : null;
  }

  private long insert(Connection c, NewJob nj, Instant now) throws SQLException {
    String sql = "INSERT INTO sync_job (seq, flow, job_key, payload, reference, state, attempts, locked_attempts,"
        + " ambiguous, next_run_at, created_at, updated_at) VALUES (" + tx.dialect().nextValue("sync_job_seq")
        + ", ?, ?, ?, ?, 'QUEUED', 0, 0, FALSE, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(tx.names().sql(sql), new String[] {"id"})) {
      ps.setString(1, nj.flow());
      ps.setString(2, nj.key());
      ps.setString(3, nj.payload());
      ps.setString(4, nj.reference());
      ps.setObject(5, JdbcTransactions.ts(now.plus(nj.delay())));
      ps.setObject(6, JdbcTransactions.ts(now));
      ps.setObject(7, JdbcTransactions.ts(now));
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  @Override
  public List<Job> claim(String flow, String owner, int limit, Duration lease) {
    StoreChecks.claimArguments(owner, limit, lease);
    return tx.inTransaction("claim jobs of " + flow, c -> {
      tx.dialect().beforeClaim(tx.names().rewriting(c));
      Instant now = dbNow(c);
      // Only the head of each key (its pending job with the lowest seq) may run: that keeps a
      // key's jobs in order and one at a time, because a job is claimed only while it is the head
      // and stays the head while it runs (new and replayed jobs get a higher seq). The correlated
      // subquery is written so it is always an index probe on (flow, job_key, seq), even on a
      // freshly created table the planner has no statistics for.
      String sql = "SELECT j.id FROM sync_job j WHERE j.flow = ?"
          + " AND ((j.state IN " + WAITING + " AND j.next_run_at <= ?)"
          + "   OR (j.state = 'RUNNING' AND j.lease_until <= ?))"
          + " AND j.seq = (SELECT MIN(e.seq) FROM sync_job e WHERE e.flow = j.flow AND e.job_key = j.job_key"
          + "   AND e.state IN " + PENDING + ")"
          + " ORDER BY j.next_run_at, j.seq LIMIT ?" + tx.dialect().claimLockClause();
      List<Long> candidates = tx.list(c, sql, rs -> rs.getLong(1), flow, now, now, limit);
      List<Long> claimed = new ArrayList<>();
      for (Long id : candidates) {
        if (tx.update(c, "UPDATE sync_job SET state = 'RUNNING', lease_owner = ?, lease_until = ?,"
                + " attempts = attempts + 1, updated_at = ? WHERE id = ?"
                + " AND (state IN " + WAITING + " OR (state = 'RUNNING' AND lease_until <= ?))",
            owner, now.plus(lease), now, id, now) == 1) {
          claimed.add(id);
        }
      }
      Map<Long, Job> byId = jobsById(c, claimed);
      return claimed.stream().map(byId::get).collect(Collectors.toList());
    });
  }

  @Override
  public boolean extendLease(long jobId, String owner, Duration lease) {
    return tx.inTransaction("extend the lease of job " + jobId, c -> {
      Instant now = dbNow(c);
      return tx.update(c, "UPDATE sync_job SET lease_until = ? WHERE id = ? AND state = 'RUNNING' AND lease_owner = ?",
          now.plus(lease), jobId, owner) == 1;
    });
  }

  @Override
  public boolean complete(long jobId, String owner) {
    return settle(jobId, owner, "state = 'SUCCEEDED', ambiguous = FALSE", JobAttempt.Outcome.SUCCEEDED, null);
  }

  @Override
  public boolean retry(long jobId, String owner, Instant runAt, FailureKind kind, String error) {
    JobAttempt.Outcome outcome = QueueRules.retryOutcome(kind);
    String set = "state = 'RETRYING', next_run_at = ?, last_error = ?"
        + (QueueRules.countsLockedAttempt(kind) ? ", locked_attempts = locked_attempts + 1" : "")
        + (QueueRules.marksAmbiguous(kind) ? ", ambiguous = TRUE" : "");
    return settle(jobId, owner, set, outcome, error, runAt, error);
  }

  @Override
  public boolean park(long jobId, String owner, FailureKind kind, List<String> reasons, String error) {
    String set = "state = 'PARKED', park_reasons = ?, last_error = ?"
        + (QueueRules.marksAmbiguous(kind) ? ", ambiguous = TRUE" : "");
    return settle(jobId, owner, set, JobAttempt.Outcome.PARKED, error, ReasonLines.encode(reasons), error);
  }

  /** Ends a running attempt the owner holds: sets {@code set}, clears the lease, writes history. */
  private boolean settle(long jobId, String owner, String set, JobAttempt.Outcome outcome, String error, Object... setParams) {
    return tx.inTransaction("record " + outcome + " of job " + jobId, c -> {
      Instant now = dbNow(c);
      Object[] params = new Object[setParams.length + 3];
      System.arraycopy(setParams, 0, params, 0, setParams.length);
      params[setParams.length] = now;
      params[setParams.length + 1] = jobId;
      params[setParams.length + 2] = owner;
      int changed = tx.update(c, "UPDATE sync_job SET " + set + ", lease_owner = NULL, lease_until = NULL, updated_at = ?"
          + " WHERE id = ? AND state = 'RUNNING' AND lease_owner = ?", params);
      if (changed == 0) {
        return false;
      }
      addHistory(c, jobId, outcome, error, now);
      return true;
    });
  }

  private void addHistory(Connection c, long jobId, JobAttempt.Outcome outcome, String error, Instant now)
      throws SQLException {
    tx.update(c, "INSERT INTO sync_job_attempt (job_id, attempt, at, outcome, error)"
        + " SELECT id, attempts, ?, ?, ? FROM sync_job WHERE id = ?", now, outcome.name(), error, jobId);
  }

  @Override
  public Optional<Job> replay(long jobId) {
    return tx.inTransaction("replay job " + jobId, c -> {
      Instant now = dbNow(c);
      int changed = tx.update(c, "UPDATE sync_job SET state = 'QUEUED', seq = " + tx.dialect().nextValue("sync_job_seq")
          + ", next_run_at = ?, updated_at = ?, attempts = 0, locked_attempts = 0, park_reasons = NULL"
          + " WHERE id = ? AND state = '" + QueueRules.REPLAYABLE + "'", now, now, jobId);
      if (changed == 0) {
        return Optional.empty();
      }
      addHistory(c, jobId, JobAttempt.Outcome.REPLAYED, null, now);
      return Optional.ofNullable(jobsById(c, List.of(jobId)).get(jobId));
    });
  }

  @Override
  public Optional<Job> discard(long jobId, String note) {
    return tx.inTransaction("discard job " + jobId, c -> {
      Instant now = dbNow(c);
      int changed = tx.update(c, "UPDATE sync_job SET state = 'DISCARDED', updated_at = ?"
          + " WHERE id = ? AND state IN " + QueueRules.sql(QueueRules.DISCARDABLE), now, jobId);
      if (changed == 0) {
        return Optional.empty();
      }
      addHistory(c, jobId, JobAttempt.Outcome.DISCARDED, note, now);
      return Optional.ofNullable(jobsById(c, List.of(jobId)).get(jobId));
    });
  }

  @Override
  public Optional<Job> job(long jobId) {
    return tx.inTransaction("read job " + jobId, c -> Optional.ofNullable(jobsById(c, List.of(jobId)).get(jobId)));
  }

  @Override
  public List<Job> list(String flow, Set<JobState> states, int offset, int limit) {
    return tx.inTransaction("list jobs of " + flow, c -> {
      StringBuilder sql = new StringBuilder("SELECT " + JOB_COLUMNS + " FROM sync_job WHERE flow = ?");
      List<Object> params = new ArrayList<>();
      params.add(flow);
      if (!states.isEmpty()) {
        sql.append(" AND state IN (").append(placeholders(states.size())).append(')');
        states.forEach(s -> params.add(s.name()));
      }
      sql.append(" ORDER BY id LIMIT ? OFFSET ?");
      params.add(limit);
      params.add(offset);
      return readJobs(c, sql.toString(), params.toArray());
    });
  }

  @Override
  public Map<JobState, Long> count(String flow) {
    return tx.inTransaction("count jobs of " + flow, c -> {
      Map<JobState, Long> counts = new EnumMap<>(JobState.class);
      for (JobState s : JobState.values()) {
        counts.put(s, 0L);
      }
      try (PreparedStatement ps = tx.prepare(c, "SELECT state, COUNT(*) FROM sync_job WHERE flow = ? GROUP BY state", flow);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts.put(JobState.valueOf(rs.getString(1)), rs.getLong(2));
        }
      }
      return counts;
    });
  }

  @Override
  public Optional<Instant> oldestPendingSince(String flow) {
    return tx.inTransaction("read the oldest job of " + flow, c -> {
      try (PreparedStatement ps = tx.prepare(c, "SELECT MIN(created_at) AS oldest FROM sync_job WHERE flow = ?"
              + " AND state IN " + PENDING, flow);
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return Optional.ofNullable(instant(rs, "oldest"));
      }
    });
  }

  @Override
  public List<Job> search(String text, int limit) {
    StoreChecks.searchArguments(text, limit);
    String pattern = StoreChecks.containsPattern(text);
    return tx.inTransaction("search jobs", c -> readJobs(c, "SELECT " + JOB_COLUMNS + " FROM sync_job"
        + " WHERE job_key LIKE ? ESCAPE '\\' OR reference LIKE ? ESCAPE '\\' ORDER BY id DESC LIMIT ?",
        pattern, pattern, limit));
  }

  @Override
  public List<JobAttempt> history(long jobId) {
    return tx.inTransaction("read the history of job " + jobId, c -> tx.list(c,
        "SELECT attempt, at, outcome, error FROM sync_job_attempt WHERE job_id = ? ORDER BY id",
        rs -> JobAttempt.builder()
            .jobId(jobId)
            .attempt(rs.getInt("attempt"))
            .at(instant(rs, "at"))
            .outcome(JobAttempt.Outcome.valueOf(rs.getString("outcome")))
            .error(Optional.ofNullable(rs.getString("error")))
            .build(),
        jobId));
  }

  private Map<Long, Job> jobsById(Connection c, List<Long> ids) throws SQLException {
    Map<Long, Job> byId = new LinkedHashMap<>();
    for (int from = 0; from < ids.size(); from += CHUNK) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
      String sql = "SELECT " + JOB_COLUMNS + " FROM sync_job WHERE id IN (" + placeholders(chunk.size()) + ")";
      for (Job job : readJobs(c, sql, chunk.toArray())) {
        byId.put(job.id(), job);
      }
    }
    return byId;
  }

  private List<Job> readJobs(Connection c, String sql, Object... params) throws SQLException {
    return tx.list(c, sql, JdbcJobQueue::job, params);
  }

  private static Job job(ResultSet rs) throws SQLException {
    return Job.builder()
        .id(rs.getLong("id"))
        .flow(rs.getString("flow"))
        .key(rs.getString("job_key"))
        .payload(rs.getString("payload"))
        .reference(rs.getString("reference"))
        .state(JobState.valueOf(rs.getString("state")))
        .attempts(rs.getInt("attempts"))
        .lockedAttempts(rs.getInt("locked_attempts"))
        .ambiguous(rs.getBoolean("ambiguous"))
        .nextRunAt(instant(rs, "next_run_at"))
        .createdAt(instant(rs, "created_at"))
        .updatedAt(instant(rs, "updated_at"))
        .lastError(Optional.ofNullable(rs.getString("last_error")))
        .parkReasons(ReasonLines.decode(rs.getString("park_reasons")))
        .leaseOwner(Optional.ofNullable(rs.getString("lease_owner")))
        .leaseUntil(Optional.ofNullable(instant(rs, "lease_until")))
        .build();
  }
}
