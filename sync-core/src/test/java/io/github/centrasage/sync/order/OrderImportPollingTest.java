package io.github.centrasage.sync.order;

import static io.github.centrasage.sync.order.OrderImportFixture.drain;
import static io.github.centrasage.sync.order.OrderImportFixture.parked;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.sandbox.AnswerRewrites;
import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.ReceivedRequest;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.spi.Cursor;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Polling discovery lists orders thinly (number, status, date) and leaves the full read to each
 * order's job, so an order Centra answers in a shape the client cannot decode parks on its own
 * instead of failing the page it is listed on, and the cursor moves past it.
 */
class OrderImportPollingTest {
  static final int ORDERS = 100;

  final OrderImportFixture f = new OrderImportFixture();
  final InMemorySyncStateStore store = new InMemorySyncStateStore(f.clock);
  final OrderImport flow = new OrderImport(f.integration(store, f.mappings().build()), f.options().build());
  final SyncEngine engine = f.engine(store).flow(flow).build();

  @AfterEach
  void close() {
    f.close();
  }

  private List<CentraOrder> place(int count) {
    List<CentraOrder> orders = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      orders.add(f.centra.placeOrder("GBP", Map.of(OrderImportFixture.sku(i), 1)));
      // a distinct order date each, so the cursor position says which orders it has passed
      f.sandboxClock.advance(Duration.ofMinutes(1));
    }
    return orders;
  }

  /** Makes every full read of {@code order} carry a line quantity of the wrong JSON type. */
  private void spoil(CentraOrder order) {
    f.centra.rewriteAnswers("orders", AnswerRewrites.editObjects(
        o -> new BigDecimal(order.number()).equals(o.get("number")) && o.containsKey("lines"),
        o -> HostileLines.first(o).put("quantity", "two")));
  }

  private String cursor() {
    return store.cursor(OrderImport.NAME).map(Cursor::value).orElseThrow();
  }

  @Test
  void anUnreadableOrderInTheMiddleOfAWindowParksAloneAndTheCursorMovesOn() {
    List<CentraOrder> orders = place(7);
    CentraOrder bad = orders.get(3);
    spoil(bad);

    drain(engine, f.clock);

    for (CentraOrder o : orders) {
      int expected = o == bad ? 0 : 1;
      assertThat(f.sage.salesOrdersWithCustomerDocumentNo("CENTRA-" + o.number())).as("order %s", o.number())
          .hasSize(expected);
    }
    assertThat(parked(store)).singleElement().satisfies(job -> {
      assertThat(job.key()).isEqualTo(OrderImport.jobKey(bad.number()));
      assertThat(job.parkReasons()).anySatisfy(r -> assertThat(r).contains("Cannot read").contains("quantity"));
    });
    Instant newest = orders.get(orders.size() - 1).orderDate();
    assertThat(Instant.parse(cursor())).as("the cursor passed the bad order").isEqualTo(newest);

    // the overlap window lists the bad order again: its parked job is kept, nothing is imported twice
    drain(engine, f.clock);
    assertThat(parked(store)).hasSize(1);
    assertThat(f.sage.salesOrders()).hasSize(orders.size() - 1);

    // the data is fixed in Centra; a replay imports the order once
    f.centra.clearAnswerRewrites();
    Job parkedJob = parked(store).get(0);
    store.replay(parkedJob.id());
    drain(engine, f.clock);
    drain(engine, f.clock);

    assertThat(f.sage.salesOrdersWithCustomerDocumentNo("CENTRA-" + bad.number())).hasSize(1);
    assertThat(f.sage.salesOrders()).hasSize(orders.size());
    assertThat(store.job(parkedJob.id()).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void discoveryListsOrdersWithTheThinSelection() {
    place(3);

    engine.runOnce(OrderImport.NAME);

    List<ReceivedRequest> listings = f.centra.receivedRequests("orders").stream()
        .filter(r -> r.body().contains("OrderSummaries")).toList();
    assertThat(listings).isNotEmpty().allSatisfy(r -> assertThat(r.body()).doesNotContain("lines"));
  }

  /** Centra requests per imported order, polling 100 orders (printed for the README figure). */
  @Test
  void centraRequestsPerImportedOrderStayNearOne() {
    place(ORDERS);
    f.centra.resetRequestCounts();

    drain(engine, f.clock);

    assertThat(store.countBindings(OrderImport.ORDER_BINDING)).isEqualTo(ORDERS);
    long centraRequests = f.centra.requestCounts().values().stream().mapToLong(Long::longValue).sum();
    System.out.printf("OrderImport polling: %d orders, %d Centra requests (%s)%n", ORDERS, centraRequests,
        f.centra.requestCounts());
    assertThat(centraRequests).isLessThanOrEqualTo(ORDERS + ORDERS / 10);
  }

  /** Reaches into the sandbox's parsed answer. */
  static final class HostileLines {
    private HostileLines() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> first(Map<String, Object> order) {
      return ((List<Map<String, Object>>) order.get("lines")).get(0);
    }
  }
}
