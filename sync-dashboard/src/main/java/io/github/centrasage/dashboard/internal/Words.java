package io.github.centrasage.dashboard.internal;

import io.github.centrasage.sync.SyncStatus;
import io.github.centrasage.sync.spi.JobAttempt;
import io.github.centrasage.sync.spi.JobState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The words the page uses for states, outcomes, durations and times: written for operations and
 * finance staff, not for the people who wrote the engine.
 */
public final class Words {
  private static final DateTimeFormatter ABSOLUTE = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss");

  private final ZoneId zone;

  public Words(ZoneId zone) {
    this.zone = zone;
  }

  public static String state(JobState state) {
    switch (state) {
      case QUEUED: return "Waiting to run";
      case RUNNING: return "Running now";
      case RETRYING: return "Waiting for retry";
      case SUCCEEDED: return "Done";
      case PARKED: return "Needs a person";
      case DISCARDED: return "Discarded";
      default: throw new IllegalArgumentException(String.valueOf(state));
    }
  }

  public static String outcome(JobAttempt.Outcome outcome) {
    switch (outcome) {
      case SUCCEEDED: return "Succeeded";
      case RETRIED: return "Failed, will retry";
      case LOCKED: return "Record locked in Sage, will retry";
      case PARKED: return "Stopped, needs a person";
      case REPLAYED: return "Replayed by a person";
      case DISCARDED: return "Discarded by a person";
      default: throw new IllegalArgumentException(String.valueOf(outcome));
    }
  }

  /** The one-word health of a flow, and the CSS class that colours it. */
  public enum Health {
    NEEDS_A_PERSON("Needs a person", "bad"),
    RETRYING("Retrying", "warn"),
    HEALTHY("Healthy", "good"),
    NOT_RUN_YET("Not run yet", "idle");

    public final String words;
    public final String cssClass;

    Health(String words, String cssClass) {
      this.words = words;
      this.cssClass = cssClass;
    }
  }

  public static Health health(SyncStatus s) {
    if (s.parked() > 0) {
      return Health.NEEDS_A_PERSON;
    }
    if (s.retrying() > 0) {
      return Health.RETRYING;
    }
    if (s.lastRunStartedAt().isEmpty() && s.succeeded() == 0 && s.queued() == 0 && s.running() == 0) {
      return Health.NOT_RUN_YET;
    }
    return Health.HEALTHY;
  }

  /** "3 min", "2 h 5 min", "4 days 3 h": two units at most, enough to act on. */
  public static String duration(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 60) {
      return s + " s";
    }
    long min = s / 60;
    if (min < 60) {
      return min + " min";
    }
    long h = min / 60;
    if (h < 24) {
      return h + " h" + (min % 60 == 0 ? "" : " " + min % 60 + " min");
    }
    long days = h / 24;
    return days + (days == 1 ? " day" : " days") + (h % 24 == 0 ? "" : " " + h % 24 + " h");
  }

  /** "5 min ago", "in 30 s", "just now". */
  public static String relative(Instant t, Instant now) {
    Duration d = Duration.between(t, now);
    if (d.abs().getSeconds() < 5) {
      return "just now";
    }
    return d.isNegative() ? "in " + duration(d.negated()) : duration(d) + " ago";
  }

  /** "26 Nov 2026 22:04:53 UTC" in the configured zone. */
  public String absolute(Instant t) {
    return ABSOLUTE.format(t.atZone(zone)) + " " + zoneName();
  }

  private String zoneName() {
    return zone.normalized().equals(java.time.ZoneOffset.UTC) ? "UTC" : zone.getId();
  }
}
