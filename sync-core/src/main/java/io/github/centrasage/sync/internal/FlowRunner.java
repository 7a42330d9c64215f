package io.github.centrasage.sync.internal;

import io.github.centrasage.sync.SyncListener;
import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sync.SyncStatus;
import io.github.centrasage.sync.spi.CursorMove;
import io.github.centrasage.sync.spi.DiscoverContext;
import io.github.centrasage.sync.spi.FailureClassifier;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobContext;
import io.github.centrasage.sync.spi.NewJob;
import io.github.centrasage.sync.spi.SyncFlow;
import io.github.centrasage.sync.spi.EngineStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The engine's machinery: cycles, workers, failure handling, status. */
public final class FlowRunner {
  private static final Logger log = LoggerFactory.getLogger(FlowRunner.class);

  /** Everything the builder collected. */
  public record Settings(
      EngineStore store,
      Map<String, SyncFlow> flows,
      List<FailureClassifier> classifiers,
      List<SyncListener> listeners,
      Clock clock,
      Duration defaultDiscoverInterval,
      Duration queuePollInterval,
      Duration leaseDuration,
      Duration drainTimeout,
      int workers,
      RetrySettings retryPolicy,
      RetrySettings lockRetryPolicy,
      String instanceId) {}

  private final Settings s;
  private final Map<String, FlowHealth> health = new ConcurrentHashMap<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final Object wakeUp = new Object();
  private ScheduledExecutorService scheduler;
  private ExecutorService workerPool;
  /** Extends the leases of jobs in flight, so a job slower than the lease is not run twice. */
  private final ScheduledExecutorService heartbeat;

  private final JobOutcomes outcomes;
  private final FlowStatusReader statuses;

  public FlowRunner(Settings settings) {
    this.s = settings;
    settings.flows().keySet().forEach(name -> health.put(name, new FlowHealth()));
    this.outcomes = new JobOutcomes(settings, health, this::emit);
    this.statuses = new FlowStatusReader(settings, health, Discover::new);
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, settings.instanceId() + "-heartbeat"));
  }


  public EngineStore store() {
    return s.store();
  }

  public Optional<SyncFlow> findFlow(String name) {
    return Optional.ofNullable(s.flows().get(name));
  }

  // ---- running

  public SyncStatus runOnce(String flowName) {
    SyncFlow flow = flow(flowName);
    String owner = s.instanceId() + "-once";
    cycleStart(flow);
    Optional<Throwable> error = discover(flow);
    while (!Thread.currentThread().isInterrupted()) {
      List<Job> claimed = s.store().claim(flow.name(), owner, flow.batchSize(), s.leaseDuration());
      if (claimed.isEmpty()) {
        break;
      }
      processBatch(flow, claimed, owner);
    }
    cycleEnd(flow, error);
    return status(flowName);
  }

  public List<SyncStatus> runUntilIdle(Duration timeout) {
    if (started.get()) {
      throw new IllegalStateException("runUntilIdle runs jobs in the calling thread, but this engine was started and"
          + " its workers run them; read status() instead");
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long pending = 0;
      for (String flow : s.flows().keySet()) {
        SyncStatus status = runOnce(flow);
        pending += status.queued() + status.retrying() + status.running();
      }
      if (pending == 0 || remaining(deadline) == 0 || Thread.currentThread().isInterrupted()) {
        return status();
      }
      // a retry falls due a little later on the store's clock: pause briefly instead of spinning
      LockSupport.parkNanos(Math.min(remaining(deadline), IDLE_ROUND_PAUSE_NANOS));
    }
  }

  public void start() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("SyncEngine already started");
    }
    if (closing.get()) {
      throw new IllegalStateException("SyncEngine is closed");
    }
    AtomicInteger threadNo = new AtomicInteger();
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, s.instanceId() + "-discover"));
    workerPool = Executors.newFixedThreadPool(s.workers(),
        r -> daemon(r, s.instanceId() + "-worker-" + threadNo.incrementAndGet()));
    for (SyncFlow flow : s.flows().values()) {
      long every = flow.discoverInterval().orElse(s.defaultDiscoverInterval()).toMillis();
      scheduler.scheduleWithFixedDelay(() -> scheduledDiscover(flow), 0, every, TimeUnit.MILLISECONDS);
    }
    for (int i = 1; i <= s.workers(); i++) {
      String owner = s.instanceId() + "-w" + i;
      workerPool.execute(() -> workLoop(owner));
    }
    log.info("Sync engine {} started: {} flow(s), {} worker(s)", s.instanceId(), s.flows().size(), s.workers());
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private void scheduledDiscover(SyncFlow flow) {
    if (closing.get()) {
      return;
    }
    try {
      cycleStart(flow);
      Optional<Throwable> error = discover(flow);
      cycleEnd(flow, error);
      nudgeWorkers();
    } catch (Throwable t) {
      // a throwing scheduled task (an Error too) would be cancelled for good; log and try again next time
      health.get(flow.name()).lastError = "discover: " + Failures.describe(t);
      log.error("Discover cycle of {} failed", flow.name(), t);
    }
  }

  private void workLoop(String owner) {
    List<SyncFlow> flows = new ArrayList<>(s.flows().values());
    int next = 0;
    while (!closing.get() && !Thread.currentThread().isInterrupted()) {
      boolean worked = false;
      for (int i = 0; i < flows.size() && !closing.get(); i++) {
        SyncFlow flow = flows.get((next + i) % flows.size());
        try {
          List<Job> claimed = s.store().claim(flow.name(), owner, flow.batchSize(), s.leaseDuration());
          if (!claimed.isEmpty()) {
            processBatch(flow, claimed, owner);
            worked = true;
          }
        } catch (Throwable t) {
          // an Error too: the pool does not restart this loop, so leaving it would lose the worker for good;
          // the jobs it held run again when their leases expire
          health.get(flow.name()).lastError = Failures.describe(t);
          log.error("Worker {} failed to claim or record jobs of {}", owner, flow.name(), t);
        }
      }
      next++; // rotate so no flow starves the others
      if (!worked) {
        idle();
      }
    }
  }

  private void idle() {
    synchronized (wakeUp) {
      if (closing.get()) {
        return;
      }
      try {
        wakeUp.wait(s.queuePollInterval().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void nudgeWorkers() {
    synchronized (wakeUp) {
      wakeUp.notifyAll();
    }
  }

  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    nudgeWorkers();
    if (!started.get()) {
      heartbeat.shutdownNow();
      return;
    }
    long deadline = System.nanoTime() + s.drainTimeout().toNanos();
    scheduler.shutdown();
    workerPool.shutdown();
    try {
      boolean drained = scheduler.awaitTermination(remaining(deadline), TimeUnit.NANOSECONDS)
          & workerPool.awaitTermination(remaining(deadline), TimeUnit.NANOSECONDS);
      if (!drained) {
        log.warn("Sync engine {}: work still running after {}; interrupting it (its jobs run again when their"
            + " leases expire)", s.instanceId(), s.drainTimeout());
        scheduler.shutdownNow();
        workerPool.shutdownNow();
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      workerPool.shutdownNow();
      Thread.currentThread().interrupt();
    }
    heartbeat.shutdownNow();
    log.info("Sync engine {} stopped", s.instanceId());
  }

  private static final long IDLE_ROUND_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(15);

  private static long remaining(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  // ---- discover

  private Optional<Throwable> discover(SyncFlow flow) {
    String lease = "discover:" + flow.name();
    String owner = s.instanceId();
    if (!s.store().tryAcquireLease(lease, owner, s.leaseDuration())) {
      log.debug("Discover of {} skipped: another instance holds {}", flow.name(), lease);
      return Optional.empty();
    }
    MDC.put("flow", flow.name());
    // a first poll over a long history can outlast the lease; renewed like job leases, so no second instance
    // discovers the same flow meanwhile
    ScheduledFuture<?> beat = renewEvery(() -> {
      if (!s.store().tryAcquireLease(lease, owner, s.leaseDuration())) {
        log.warn("Could not extend {}; another instance may discover {} at the same time", lease, flow.name());
      }
    });
    FlowHealth h = health.get(flow.name());
    try {
      flow.discover(new Discover(flow));
      synchronized (h) {
        if (h.discoverFailures > 0) {
          log.info("Discover of {} works again after {} failed attempt(s)", flow.name(), h.discoverFailures);
          h.discoverFailures = 0;
          h.discoverFailure = null;
        }
      }
      return Optional.empty();
    } catch (Throwable e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      String described = Failures.describe(e);
      h.lastError = "discover: " + described;
      synchronized (h) {
        // a system that cannot be reached fails every cycle: the first failure of a kind gets the stack
        // trace, repeats get one line each, so the log stays readable while it lasts
        if (described.equals(h.discoverFailure)) {
          h.discoverFailures++;
          log.warn("Discover of {} failed again ({} in a row): {}", flow.name(), h.discoverFailures, described);
        } else {
          h.discoverFailure = described;
          h.discoverFailures = 1;
          log.error("Discover of {} failed; the cursor did not move past unrecorded work", flow.name(), e);
        }
      }
      return Optional.of(e);
    } finally {
      if (beat != null) {
        beat.cancel(false);
      }
      MDC.remove("flow");
      try {
        s.store().releaseLease(lease, owner);
      } catch (RuntimeException e) {
        log.warn("Could not release {}; it expires by itself", lease, e);
      }
    }
  }

  private void cycleStart(SyncFlow flow) {
    health.get(flow.name()).lastRunStartedAt = s.clock().instant();
    emit(l -> l.flowCycleStarted(flow.name()));
  }

  private void cycleEnd(SyncFlow flow, Optional<Throwable> error) {
    health.get(flow.name()).lastRunFinishedAt = s.clock().instant();
    emit(l -> l.flowCycleFinished(flow.name(), error));
  }

  // ---- process

  private void processBatch(SyncFlow flow, List<Job> jobs, String owner) {
    List<Process> contexts = jobs.stream().map(Process::new).collect(Collectors.toList());
    jobs.forEach(j -> emit(l -> l.jobStarted(j)));
    Throwable batchFailure = null;
    MDC.put("flow", flow.name());
    if (jobs.size() == 1) {
      MDC.put("jobKey", jobs.get(0).key());
    }
    ScheduledFuture<?> beat = keepLeases(jobs, owner);
    try {
      if (contexts.size() == 1) {
        flow.process(contexts.get(0));
      } else {
        flow.processBatch(new ArrayList<>(contexts));
      }
    } catch (Throwable e) {
      // an Error (AssertionError, NoClassDefFoundError, StackOverflowError...) is the job's failure like any
      // exception: the classifier parks it, so a poison job cannot take the workers down one by one
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      batchFailure = e;
    } finally {
      if (beat != null) {
        beat.cancel(false);
      }
    }
    try {
      for (Process ctx : contexts) {
        MDC.put("jobKey", ctx.job.key());
        Throwable failure = ctx.failure != null ? ctx.failure : batchFailure;
        if (failure == null) {
          outcomes.succeed(ctx.job, owner);
        } else {
          outcomes.fail(ctx.job, owner, failure);
        }
      }
    } finally {
      MDC.remove("jobKey");
      MDC.remove("flow");
    }
  }

  private ScheduledFuture<?> keepLeases(List<Job> jobs, String owner) {
    return renewEvery(() -> {
      for (Job job : jobs) {
        s.store().extendLease(job.id(), owner, s.leaseDuration());
      }
    });
  }

  /** Runs {@code renew} every third of the lease duration until cancelled; null once the engine is closing. */
  private ScheduledFuture<?> renewEvery(Runnable renew) {
    long every = Math.max(1, s.leaseDuration().toMillis() / 3);
    try {
      return heartbeat.scheduleAtFixedRate(() -> {
        try {
          renew.run();
        } catch (RuntimeException e) {
          // a throwing periodic task would be cancelled for good; the next beat tries again
          log.warn("Could not extend a lease; its work may run again elsewhere", e);
        }
      }, every, every, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closed) {
      return null; // the engine is closing; the lease still covers a normal run
    }
  }


  // ---- operations and status

  public Optional<Job> replay(long jobId) {
    Optional<Job> job = s.store().replay(jobId);
    job.ifPresent(j -> {
      log.info("Job {} ({}) replayed", j.id(), j.key());
      emit(l -> l.jobReplayed(j));
      nudgeWorkers();
    });
    return job;
  }

  public Optional<Job> discard(long jobId, String note) {
    Optional<Job> job = s.store().discard(jobId, note);
    job.ifPresent(j -> {
      log.info("Job {} ({}) discarded: {}", j.id(), j.key(), note);
      emit(l -> l.jobDiscarded(j));
    });
    return job;
  }

  public List<SyncStatus> status() {
    return s.flows().keySet().stream().map(this::status).collect(Collectors.toList());
  }

  public SyncStatus status(String flowName) {
    return statuses.status(flow(flowName));
  }


  /** {@code name}, if a flow of this engine has it. @throws IllegalArgumentException naming the known flows */
  public String knownFlow(String name) {
    return flow(name).name();
  }

  private SyncFlow flow(String name) {
    SyncFlow flow = s.flows().get(name);
    if (flow == null) {
      throw new IllegalArgumentException("No flow named '" + name + "'; known: " + s.flows().keySet());
    }
    return flow;
  }

  private void emit(Consumer<SyncListener> event) {
    for (SyncListener listener : s.listeners()) {
      try {
        event.accept(listener);
      } catch (RuntimeException e) {
        log.warn("Sync listener {} threw; ignored", listener, e);
      }
    }
  }

  // ---- contexts

  private abstract class Base {
    public EngineStore store() {
      return s.store();
    }

    public Clock clock() {
      return s.clock();
    }
  }

  private final class Discover extends Base implements DiscoverContext {
    private final SyncFlow flow;

    Discover(SyncFlow flow) {
      this.flow = flow;
    }

    @Override
    public String flowName() {
      return flow.name();
    }

    @Override
    public Optional<String> cursor() {
      return s.store().cursor(flow.name()).map(c -> c.value());
    }

    @Override
    public NewJob.Builder newJob(String key) {
      return NewJob.builder().flow(flow.name()).key(key);
    }

    @Override
    public List<Job> enqueue(List<NewJob> jobs, String newCursor) {
      return enqueued(s.store().enqueue(jobs, Optional.of(CursorMove.of(flow.name(), newCursor))));
    }

    @Override
    public List<Job> enqueue(List<NewJob> jobs) {
      return enqueued(s.store().enqueue(jobs, Optional.empty()));
    }

    private List<Job> enqueued(List<Job> jobs) {
      jobs.forEach(j -> emit(l -> l.jobEnqueued(j)));
      if (!jobs.isEmpty()) {
        nudgeWorkers();
      }
      return jobs;
    }
  }

  private final class Process extends Base implements JobContext {
    private final Job job;
    private volatile Throwable failure;

    Process(Job job) {
      this.job = job;
    }

    @Override
    public Job job() {
      return job;
    }

    @Override
    public void fail(Throwable failure) {
      this.failure = java.util.Objects.requireNonNull(failure, "failure");
    }
  }
}
