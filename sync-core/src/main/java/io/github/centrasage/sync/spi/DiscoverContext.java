package io.github.centrasage.sync.spi;

import java.util.List;
import java.util.Optional;

/**
 * What a flow's discover step gets: its cursor and a way to enqueue the jobs it found together
 * with the new cursor value, in one transaction.
 *
 * <p>Usage: {@code ctx.enqueue(List.of(ctx.newJob("order:" + n).payload(json).build()), newCursor);}
 */
public interface DiscoverContext extends SyncContext {
  /** The flow's name; also the name of its cursor. */
  String flowName();

  /** The flow's cursor value, if it was ever written. */
  Optional<String> cursor();

  /** A job builder with this flow's name set. */
  NewJob.Builder newJob(String key);

  /** Enqueues jobs and moves this flow's cursor to {@code newCursor}, atomically. */
  List<Job> enqueue(List<NewJob> jobs, String newCursor);

  /** Enqueues jobs without moving the cursor (event-driven flows confirm their events afterwards). */
  List<Job> enqueue(List<NewJob> jobs);
}
