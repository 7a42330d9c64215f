package io.github.centrasage.sync;

import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sync.internal.FlowRunner;
import io.github.centrasage.sync.spi.EngineStore;
import io.github.centrasage.sync.spi.FailureClassifier;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.SyncFlow;
import java.time.Clock;
import java.time.Duration;
import io.github.centrasage.sync.spi.JobState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs flows against a durable store: each cycle discovers changes and enqueues jobs
 * (deduplicated by identity key, atomically with the cursor), then workers claim due jobs, process
 * them, and complete, retry or park each one. Thread-safe. Several instances may share one
 * PostgreSQL store: leases keep a flow's discover step and each job on one instance at a time.
 * The engine knows no vendor: it runs any {@link SyncFlow} over any {@link EngineStore}; the
 * Centra↔Sage flows take their clients in their constructors (through an
 * {@code io.github.centrasage.sync.integration.Integration}).
 *
 * <p>Usage:
 * <pre>{@code
 * Integration shop = Integration.builder().centra(centra).sage(sage)
 *     .store(JdbcSyncStateStore.embeddedH2(Path.of("data/sync")))
 *     .mappings(Mappings.fromProperties(Path.of("mappings.properties"))).build();
 * try (SyncEngine engine = SyncEngine.builder()
 *     .store(shop.store())
 *     .flow(new OrderImport(shop))
 *     .build()) {
 *   engine.start();
 *   ...
 * }
 * }</pre>
 */
public final class SyncEngine implements AutoCloseable {
  private static final int REPLAY_PAGE = 200;
  private static final RetrySettings TRANSIENT_DEFAULTS = RetrySettings.builder().maxAttempts(8)
      .initialDelay(Duration.ofSeconds(10)).multiplier(2).maxDelay(Duration.ofMinutes(30)).jitter(0.2).build();
  private static final RetrySettings LOCKED_DEFAULTS = RetrySettings.builder().maxAttempts(10)
      .initialDelay(Duration.ofSeconds(30)).multiplier(1.5).maxDelay(Duration.ofMinutes(5)).jitter(0.1).build();
  private final FlowRunner runner;

  private SyncEngine(FlowRunner runner) {
    this.runner = runner;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Schedules every flow's discover step and starts the workers. Calling it twice is an error. */
  public void start() {
    runner.start();
  }

  /**
   * Runs one cycle of a flow in the calling thread: discover (if no other instance holds the
   * flow's lease), then process every due job until none is due. A discover failure does not stop
   * the jobs already queued; it shows in the returned status.
   *
   * @throws IllegalArgumentException for an unknown flow name
   */
  public SyncStatus runOnce(String flowName) {
    return runner.runOnce(flowName);
  }

  /** The status of every flow, in the order they were added. */
  public List<SyncStatus> status() {
    return runner.status();
  }

  /** The status of one flow. */
  public SyncStatus status(String flowName) {
    return runner.status(flowName);
  }

  /**
   * Runs every flow's cycle ({@link #runOnce}) in the calling thread, round after round, until no
   * flow has a job queued, running or waiting for a retry, or until {@code timeout} has passed.
   * Parked jobs do not count: they wait for a person. Meant for tests, first tries and cron-style
   * hosts; a started engine does the same work on its own threads.
   *
   * <p>Usage: {@code engine.runUntilIdle(Duration.ofSeconds(30)).forEach(System.out::println);}
   *
   * @return the status of every flow after the last round
   * @throws IllegalStateException if the engine has been started (its workers already run the jobs)
   */
  public List<SyncStatus> runUntilIdle(Duration timeout) {
    return runner.runUntilIdle(positive(timeout, "timeout"));
  }

  /** The parked jobs of a flow, oldest first (at most {@code limit}). */
  public List<Job> parkedJobs(String flowName, int limit) {
    return runner.store().list(runner.knownFlow(flowName), EnumSet.of(JobState.PARKED), 0, limit);
  }

  /**
   * Replays every parked job of a flow whose park reasons or last error contain {@code reasonContains}
   * (case-insensitive; empty replays them all), for example after a mapping was fixed:
   * {@code engine.replayParked(OrderImport.NAME, "unmapped tax")}.
   *
   * @return the jobs put back in the queue
   */
  public List<Job> replayParked(String flowName, String reasonContains) {
    String flow = runner.knownFlow(flowName);
    String needle = Objects.requireNonNull(reasonContains, "reasonContains").toLowerCase(Locale.ROOT);
    List<Job> replayed = new ArrayList<>();
    List<Job> parked;
    int offset = 0;
    do {
      parked = runner.store().list(flow, EnumSet.of(JobState.PARKED), offset, REPLAY_PAGE);
      for (Job job : parked) {
        boolean matches = needle.isEmpty()
            || job.parkReasons().stream().anyMatch(r -> r.toLowerCase(Locale.ROOT).contains(needle))
            || job.lastError().map(e -> e.toLowerCase(Locale.ROOT).contains(needle)).orElse(false);
        if (matches) {
          runner.replay(job.id()).ifPresent(replayed::add);
        } else {
          offset++; // stays parked, so the next page starts after it
        }
      }
    } while (parked.size() == REPLAY_PAGE);
    return replayed;
  }

  /** Puts a parked job back in the queue; empty if there is no parked job with that id. */
  public Optional<Job> replay(long jobId) {
    return runner.replay(jobId);
  }

  /** Gives up on a job, keeping it as discarded with the note; empty if it cannot be discarded. */
  public Optional<Job> discard(long jobId, String note) {
    return runner.discard(jobId, note);
  }

  /** The store, for reading jobs, cursors and history. */
  public EngineStore store() {
    return runner.store();
  }

  /** The flow with this name, if the engine runs one. */
  public Optional<SyncFlow> flow(String flowName) {
    return runner.findFlow(flowName);
  }

  /** The default schedule for transient failures: 8 attempts, 10 s doubling to 30 min, ± 20 %. */
  public static RetrySettings defaultRetrySettings() {
    return TRANSIENT_DEFAULTS;
  }

  /**
   * The default schedule while a record is locked: people usually close a Sage record within
   * minutes, so 10 short tries, 30 s growing by half up to 5 min, ± 10 %, before parking for a person.
   */
  public static RetrySettings defaultLockRetrySettings() {
    return LOCKED_DEFAULTS;
  }

  /**
   * Stops taking new work, waits up to the drain timeout for jobs in flight to finish and be
   * recorded, then stops the threads. A job still running after the timeout is interrupted; its
   * lease expires and another worker runs it again (it is never lost). Does not close the store.
   */
  @Override
  public void close() {
    runner.close();
  }

  /** Builds a {@link SyncEngine}; {@link #store} and at least one {@link #flow} are required. */
  public static final class Builder {
    private EngineStore store;
    private final List<SyncFlow> flows = new ArrayList<>();
    private final List<FailureClassifier> classifiers = new ArrayList<>();
    private final List<SyncListener> listeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Duration defaultDiscoverInterval = Duration.ofMinutes(1);
    private Duration queuePollInterval = Duration.ofSeconds(1);
    private Duration leaseDuration = Duration.ofMinutes(5);
    private Duration drainTimeout = Duration.ofSeconds(30);
    private int workers = 4;
    private RetrySettings retryPolicy = TRANSIENT_DEFAULTS;
    private RetrySettings lockRetryPolicy = LOCKED_DEFAULTS;
    private String instanceId = "sync-" + UUID.randomUUID().toString().substring(0, 8);

    private Builder() {}

    /** The store (required); the Centra↔Sage flows' {@code Integration} must use the same one. */
    public Builder store(EngineStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** Adds a flow; names must be unique. */
    public Builder flow(SyncFlow flow) {
      flows.add(Objects.requireNonNull(flow, "flow"));
      return this;
    }

    /**
     * Adds a failure classifier, asked before the ones added later, before the failing flow's own
     * ({@link SyncFlow#failureClassifier()}) and before the built-in rules. The built-in rules:
     * {@link JobFailure} as it says; {@link RetryableFailure} by its answers; connection refused and
     * unknown host transient; other I/O errors and timeouts ambiguous (the request may have been
     * sent); store errors transient; an {@link Error} that is not a {@link VirtualMachineError} (an
     * assertion, a missing class, a failed static initialiser), and a {@link StackOverflowError},
     * permanent, because the same input fails the same way; anything else ambiguous, so it is retried
     * within the budget and looked up first, then parked. That includes {@link OutOfMemoryError} and
     * the other VM errors: the job may be innocent (another thread used the heap) and may have
     * written before it failed. Causes are examined too.
     */
    public Builder classifier(FailureClassifier classifier) {
      classifiers.add(Objects.requireNonNull(classifier, "classifier"));
      return this;
    }

    /** Adds a listener. */
    public Builder listener(SyncListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** The clock for run times in the status (default UTC system clock); give the in-memory store the same one. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How often each flow's discover step runs when started, unless the flow says otherwise (default 1 min). */
    public Builder defaultDiscoverInterval(Duration interval) {
      this.defaultDiscoverInterval = positive(interval, "defaultDiscoverInterval");
      return this;
    }

    /** How long an idle worker waits before looking for due jobs again (default 1 s). */
    public Builder queuePollInterval(Duration interval) {
      this.queuePollInterval = positive(interval, "queuePollInterval");
      return this;
    }

    /** How long a claimed job (and a discover step) is held before another instance may take it over (default 5 min). */
    public Builder leaseDuration(Duration lease) {
      this.leaseDuration = positive(lease, "leaseDuration");
      return this;
    }

    /** How long {@link SyncEngine#close()} waits for work in flight (default 30 s). */
    public Builder drainTimeout(Duration timeout) {
      this.drainTimeout = positive(timeout, "drainTimeout");
      return this;
    }

    /** Worker threads when started (default 4). */
    public Builder workers(int workers) {
      if (workers < 1) {
        throw new IllegalArgumentException("workers must be at least 1, was " + workers);
      }
      this.workers = workers;
      return this;
    }

    /**
     * The schedule for transient and ambiguous failures (default {@link #defaultRetrySettings()});
     * its {@code maxRetryAfter} is not used: the engine waits a server's {@code Retry-After} in the
     * store, however long, as a job's earliest next run.
     */
    public Builder retryPolicy(RetrySettings policy) {
      this.retryPolicy = durable(policy, "retryPolicy");
      return this;
    }

    /**
     * The schedule while a record is locked (default {@link #defaultLockRetrySettings()}); it does not
     * use up the transient budget.
     */
    public Builder lockRetryPolicy(RetrySettings policy) {
      this.lockRetryPolicy = durable(policy, "lockRetryPolicy");
      return this;
    }

    /** This instance's name in leases and logs (default random). */
    public Builder instanceId(String instanceId) {
      if (instanceId == null || instanceId.isBlank()) {
        throw new IllegalArgumentException("instanceId must not be blank");
      }
      this.instanceId = instanceId;
      return this;
    }

    /**
     * Builds the engine.
     *
     * @throws SyncConfigurationException listing every problem the flows report ({@link SyncFlow#problems()})
     * @throws IllegalStateException if no store or no flow was given, or two flows share a name
     */
    public SyncEngine build() {
      if (store == null) {
        throw new IllegalStateException("SyncEngine needs a store: builder().store(...)");
      }
      if (flows.isEmpty()) {
        throw new IllegalStateException("SyncEngine needs at least one flow: builder().flow(...)");
      }
      Map<String, SyncFlow> byName = new LinkedHashMap<>();
      for (SyncFlow flow : flows) {
        if (byName.put(flow.name(), flow) != null) {
          throw new IllegalStateException("Two flows are named '" + flow.name() + "'");
        }
      }
      List<String> problems = new ArrayList<>();
      for (SyncFlow flow : flows) {
        for (String p : flow.problems()) {
          problems.add(flow.name() + ": " + p);
        }
        flow.lockRetryPolicy().flatMap(p -> durableProblem(p, "lockRetryPolicy"))
            .ifPresent(p -> problems.add(flow.name() + ": " + p));
      }
      if (!problems.isEmpty()) {
        throw new SyncConfigurationException("flow settings", problems);
      }
      return new SyncEngine(new FlowRunner(new FlowRunner.Settings(store, byName, List.copyOf(classifiers),
          List.copyOf(listeners), clock, defaultDiscoverInterval, queuePollInterval, leaseDuration, drainTimeout, workers,
          retryPolicy, lockRetryPolicy, instanceId)));
    }
  }

  /**
   * A schedule the engine keeps in the store must wait between attempts: a zero first wait, or a
   * jitter of 1 (which can draw a zero wait), would spend the whole budget within milliseconds
   * against a server that is down. The clients accept both for in-line retries.
   */
  private static RetrySettings durable(RetrySettings policy, String name) {
    Objects.requireNonNull(policy, name);
    durableProblem(policy, name).ifPresent(p -> {
      throw new IllegalArgumentException(p);
    });
    return policy;
  }

  private static Optional<String> durableProblem(RetrySettings policy, String name) {
    if (policy.initialDelay().isZero() || policy.jitter() >= 1.0) {
      return Optional.of(name + " needs initialDelay > 0 and jitter < 1 for the engine, was "
          + policy.initialDelay() + " / " + policy.jitter());
    }
    return Optional.empty();
  }

  private static Duration positive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
    return d;
  }
}
