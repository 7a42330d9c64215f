package io.github.centrasage.sync.testing;

import io.github.centrasage.sync.spi.FailureClassification;
import io.github.centrasage.sync.SyncListener;
import io.github.centrasage.sync.spi.Job;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records events as short strings: {@code "retried order:1 TRANSIENT"}. */
public final class RecordingListener implements SyncListener {
  public final List<String> events = new CopyOnWriteArrayList<>();

  @Override
  public void jobEnqueued(Job job) {
    events.add("enqueued " + job.key());
  }

  @Override
  public void jobSucceeded(Job job) {
    events.add("succeeded " + job.key());
  }

  @Override
  public void jobRetried(Job job, FailureClassification failure, Instant runAt) {
    events.add("retried " + job.key() + " " + failure.kind());
  }

  @Override
  public void jobParked(Job job, List<String> reasons) {
    events.add("parked " + job.key());
  }

  @Override
  public void jobReplayed(Job job) {
    events.add("replayed " + job.key());
  }

  @Override
  public void jobDiscarded(Job job) {
    events.add("discarded " + job.key());
  }

  @Override
  public void flowCycleStarted(String flow) {
    events.add("cycle started " + flow);
  }

  @Override
  public void flowCycleFinished(String flow, Optional<Throwable> error) {
    events.add("cycle finished " + flow + error.map(e -> " with error").orElse(""));
  }
}
