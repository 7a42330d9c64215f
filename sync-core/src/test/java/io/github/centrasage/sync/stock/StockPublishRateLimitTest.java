package io.github.centrasage.sync.stock;

import static io.github.centrasage.sync.stock.StockWorld.LEEDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.sandbox.Fault;
import io.github.centrasage.sandbox.FaultScope;
import io.github.centrasage.sandbox.ReceivedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code setStock} refused with 429 is not sent again as it was: Sage may move on while the
 * library waits, and an absolute level sent after the wait would put Centra back to an old truth.
 * The write is retried by computing the level afresh, so the request after the 429 carries the
 * newest level.
 */
class StockPublishRateLimitTest {
  private static final Pattern QUANTITY = Pattern.compile("\"quantity\"\\s*:\\s*(-?\\d+)");
  private StockWorld world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void theWriteAfterA429CarriesTheLevelSageHasThenNotTheOldRequest() {
    world = new StockWorld();
    String sku = world.skus(1).get(0);
    world.publish(); // the first full read
    world.countStock(sku, LEEDS, 20);
    world.centraSandbox.clearReceivedRequests();
    // Sage moves on during the wait after the 429: in the client's backoff if it waits, else before
    // the engine's retry of the job
    AtomicBoolean moved = new AtomicBoolean();
    Runnable sageMovesOn = () -> {
      if (!moved.getAndSet(true)) {
        world.countStock(sku, LEEDS, 7);
      }
    };
    world.onCentraRetryWait = sageMovesOn;

    try (var fault = world.centraSandbox.faults().inject(Fault.rateLimited(Duration.ofSeconds(2)),
        FaultScope.nextCalls(1).on("setStock"))) {
      world.publish();
    }
    sageMovesOn.run();
    world.quiesce();

    List<List<Integer>> sent = world.centraSandbox.receivedRequests("setStock").stream()
        .map(StockPublishRateLimitTest::quantities).collect(Collectors.toList());
    assertThat(sent).as("the refused request, then writes of the newest level only").first().isEqualTo(List.of(20));
    assertThat(sent.subList(1, sent.size())).as("every request after the 429").isNotEmpty()
        .allSatisfy(levels -> assertThat(levels).containsOnly(7));
    assertThat(world.centraPhysical(sku, LEEDS)).isEqualByComparingTo("7");
  }

  @Test
  void aRateLimitDefersTheWriteWithoutSpendingTheRetryBudget() {
    world = new StockWorld();
    String sku = world.skus(1).get(0);
    world.publish();
    world.countStock(sku, LEEDS, 12);

    try (var fault = world.centraSandbox.faults().inject(Fault.rateLimited(Duration.ofSeconds(2)),
        FaultScope.nextCalls(1).on("setStock"))) {
      world.publish();
    }

    assertThat(world.store.list(StockPublish.NAME, java.util.EnumSet.of(io.github.centrasage.sync.spi.JobState.RETRYING,
        io.github.centrasage.sync.spi.JobState.PARKED), 0, 10)).as("no job failed for the rate limit").isEmpty();
    var queued = world.store.list(StockPublish.NAME, java.util.EnumSet.of(io.github.centrasage.sync.spi.JobState.QUEUED), 0, 10);
    assertThat(queued).singleElement().satisfies(j -> {
      assertThat(j.key()).isEqualTo(StockKey.of(sku, world.sageWarehouse(LEEDS)).name());
      assertThat(j.transientAttempts()).isZero();
      assertThat(j.nextRunAt()).isAfterOrEqualTo(world.clock.instant().plusSeconds(2));
    });
    world.quiesce();
    assertThat(world.centraPhysical(sku, LEEDS)).isEqualByComparingTo("12");
  }

  private static List<Integer> quantities(ReceivedRequest request) {
    List<Integer> levels = new ArrayList<>();
    Matcher m = QUANTITY.matcher(request.body());
    while (m.find()) {
      levels.add(Integer.parseInt(m.group(1)));
    }
    return levels;
  }
}
