package io.github.centrasage.sync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.NewJob;
import io.github.centrasage.sync.testing.SettableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random interleavings of stock changes (enqueue with KEEP_NEWEST), claims and completions: for
 * every key the values pushed only move forward, and the last value pushed is the last one
 * enqueued.
 */
class CoalescingPropertiesTest {
  @Property(tries = 200, seed = "42") // a fixed seed keeps the build deterministic; change it locally to explore
  void everyKeyEndsOnItsNewestValueAndNeverGoesBack(@ForAll("steps") List<Integer> steps) {
    InMemorySyncStateStore store = new InMemorySyncStateStore(new SettableClock());
    Map<String, Integer> lastEnqueued = new HashMap<>();
    Map<String, List<Integer>> pushed = new HashMap<>();
    List<Job> running = new ArrayList<>();
    int version = 0;
    for (int step : steps) {
      if (step < 6) { // a stock change of one of 3 SKUs
        String key = "sku:" + (step % 3);
        version++;
        store.enqueue(NewJob.builder().flow("StockPublish").key(key).payload(Integer.toString(version)).build());
        lastEnqueued.put(key, version);
      } else if (step < 8) { // a worker claims
        running.addAll(store.claim("StockPublish", "w", 2, Duration.ofMinutes(1)));
      } else if (!running.isEmpty()) { // the oldest running push finishes
        Job done = running.remove(0);
        pushed.computeIfAbsent(done.key(), k -> new ArrayList<>()).add(Integer.parseInt(done.payload()));
        store.complete(done.id(), "w");
      }
    }
    // drain
    while (true) {
      for (Job done : running) {
        pushed.computeIfAbsent(done.key(), k -> new ArrayList<>()).add(Integer.parseInt(done.payload()));
        store.complete(done.id(), "w");
      }
      running = new ArrayList<>(store.claim("StockPublish", "w", 10, Duration.ofMinutes(1)));
      if (running.isEmpty()) {
        break;
      }
    }

    lastEnqueued.forEach((key, last) -> {
      List<Integer> values = pushed.get(key);
      assertThat(values).isNotEmpty();
      assertThat(values).isSorted().doesNotHaveDuplicates();
      assertThat(values.get(values.size() - 1)).isEqualTo(last);
    });
  }

  @Provide
  Arbitrary<List<Integer>> steps() {
    return Arbitraries.integers().between(0, 9).list().ofMinSize(1).ofMaxSize(60);
  }
}
