package io.github.centrasage.dashboard.internal;

import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobQueue;
import io.github.centrasage.sync.store.Binding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Everything the store holds about one Centra order number, across every flow and without
 * knowing any of them: the jobs whose key or reference carries the number (imported? retried?
 * parked?) and the Sage records bound to a Centra id that carries it (an {@code order} binding
 * with its document number, a {@code despatch} or {@code refund} binding…). Each binding's entity
 * type becomes a step on the page, so a new flow shows up without a change here.
 *
 * <p>The Sage records come from the flows' bindings ({@link FlowRecords}); over a store that keeps
 * none, the journey is the jobs alone.
 *
 * <p>The number must appear as a whole token: {@code 1234} matches {@code order:1234} and
 * {@code 1234-1}, never {@code 12345} or {@code A1234}.
 */
public final class OrderJourney {
  /** Rows read from the store per search before whole-token filtering. */
  static final int SEARCH_LIMIT = 500;
  /** Longest accepted order number; anything longer is a mistake, not an order. */
  static final int MAX_NUMBER_LENGTH = 100;

  public final String number;
  /** Newest first. */
  public final List<Job> jobs;
  /** By entity type, then Centra id. */
  public final List<Binding> records;
  /** Whether the store keeps bindings at all; without them {@link #records} is always empty. */
  public final boolean recordsKept;

  private OrderJourney(String number, List<Job> jobs, List<Binding> records, boolean recordsKept) {
    this.number = number;
    this.jobs = jobs;
    this.records = records;
    this.recordsKept = recordsKept;
  }

  /**
   * Looks the number up.
   *
   * @throws IllegalArgumentException if the number is blank or too long
   */
  public static OrderJourney find(JobQueue queue, FlowRecords bindings, String rawNumber) {
    String number = checkedNumber(rawNumber);
    List<Job> jobs = queue.search(number, SEARCH_LIMIT).stream()
        .filter(j -> containsToken(j.key(), number) || containsToken(j.reference(), number))
        .collect(Collectors.toList());
    List<Binding> records = bindings.searchBindings(number, SEARCH_LIMIT).stream()
        .filter(b -> containsToken(b.centraId(), number))
        .collect(Collectors.toList());
    return new OrderJourney(number, jobs, records, bindings.kept());
  }

  static String checkedNumber(String raw) {
    String number = raw == null ? "" : raw.strip();
    if (number.isEmpty()) {
      throw new IllegalArgumentException("Give a Centra order number to search for");
    }
    if (number.length() > MAX_NUMBER_LENGTH) {
      throw new IllegalArgumentException("An order number has at most " + MAX_NUMBER_LENGTH + " characters");
    }
    return number;
  }

  /** Whether {@code needle} occurs in {@code haystack} with no letter or digit directly before or after it. */
  static boolean containsToken(String haystack, String needle) {
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      int end = i + needle.length();
      boolean startsClean = i == 0 || !Character.isLetterOrDigit(haystack.charAt(i - 1));
      boolean endsClean = end == haystack.length() || !Character.isLetterOrDigit(haystack.charAt(end));
      if (startsClean && endsClean) {
        return true;
      }
    }
    return false;
  }

  /** The newest job of each flow that has one, flows in the order their newest job was created. */
  public Map<String, Job> newestJobPerFlow() {
    Map<String, Job> newest = new LinkedHashMap<>();
    for (Job j : jobs) { // newest first: the first job seen of a flow is its newest
      newest.putIfAbsent(j.flow(), j);
    }
    return newest;
  }

  /** Whether the store knows anything about the number. */
  public boolean isEmpty() {
    return jobs.isEmpty() && records.isEmpty();
  }
}
