package io.github.centrasage.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.centrasage.sync.store.BindingConflictException;
import io.github.centrasage.sync.store.Allocation;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.store.StockVersion;
import io.github.centrasage.sync.store.SyncStateStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SyncStateStore} must have, as a JUnit 5 test class to extend: the
 * engine and the Centra↔Sage flows rely on each of these tests, so a store that passes them all can
 * replace the built-in ones. The engine's part (enqueue and coalescing, claims in due-time order
 * with one job per key at a time, lease expiry, retries, parking, replay and discard, history,
 * search, cursors, named leases, the store's clock, eight workers on two store instances at once)
 * is {@link JobQueueContract}, this class's parent; this class adds what the flows keep: bindings,
 * the allocation ledger and stock versions.
 *
 * <p>A subclass gives a fresh, empty store per test ({@link #newStore()}); a store that takes a
 * {@link java.time.Clock} gets {@link #clock()}, which the contract moves to let leases and due times
 * pass. A store on database time (which cannot be set) needs nothing more: {@link #advance} then
 * waits, briefly, for the store's own clock to move.
 *
 * <pre>
 * class RedisSyncStateStoreTest extends SyncStateStoreContract {
 *   &#64;Override
 *   protected SyncStateStore newStore() {
 *     redis.flushAll();
 *     return new RedisSyncStateStore(redis, clock());
 *   }
 *
 *   &#64;Override
 *   protected SyncStateStore secondInstance() {
 *     return new RedisSyncStateStore(redis, clock()); // a second engine instance on the same data
 *   }
 * }
 * </pre>
 *
 * <p>Needs JUnit Jupiter and AssertJ on the test classpath (this module brings both).
 */
public abstract class SyncStateStoreContract extends JobQueueContract<SyncStateStore> {
  @Test
  void bindingsAreUniqueOnBothSides() {
    Binding order = Binding.builder().entityType("order").centraId("1234").sageId("5501").sageReference("0000012").build();

    Binding stored = store.bind(order);

    assertThat(stored.syncedAt()).isPresent();
    assertThat(store.bindingByCentraId("order", "1234")).hasValueSatisfying(b -> assertThat(b.sageId()).isEqualTo("5501"));
    assertThat(store.bindingBySageId("order", "5501")).hasValueSatisfying(b -> assertThat(b.centraId()).isEqualTo("1234"));
    assertThat(store.bindingBySageId("customer", "5501")).isEmpty();
    assertThatThrownBy(() -> store.bind(Binding.builder().entityType("order").centraId("9999").sageId("5501").build()))
        .isInstanceOf(BindingConflictException.class)
        .hasMessageContaining("5501");

    store.bind(Binding.builder().from(order).sageId("5502").sourceVersion("v2").build());
    assertThat(store.bindingBySageId("order", "5501")).isEmpty();
    assertThat(store.bindingsByCentraIds("order", List.of("1234", "777"))).containsOnlyKeys("1234");
    assertThat(store.unbind("order", "1234")).isTrue();
    assertThat(store.bindingByCentraId("order", "1234")).isEmpty();
  }

  @Test
  void searchBindingsFindsEveryEntityTypeByCentraId() {
    store.bind(Binding.builder().entityType("order").centraId("1234").sageId("5501").sageReference("0000012").build());
    store.bind(Binding.builder().entityType("despatch").centraId("1234-1").sageId("88").build());
    store.bind(Binding.builder().entityType("order").centraId("999").sageId("5502").build());
    store.bind(Binding.builder().entityType("sku").centraId("A_B").sageId("9").build());

    assertThat(store.searchBindings("1234", 10))
        .extracting(Binding::entityType, Binding::centraId, Binding::sageId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("despatch", "1234-1", "88"),
            org.assertj.core.groups.Tuple.tuple("order", "1234", "5501"));
    assertThat(store.searchBindings("1234", 10).get(1).sageReference()).contains("0000012");
    assertThat(store.searchBindings("1234", 1)).hasSize(1);
    assertThat(store.searchBindings("A_B", 10)).hasSize(1);
    assertThat(store.searchBindings("A%", 10)).isEmpty();
    assertThatThrownBy(() -> store.searchBindings("1234", 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aStockVersionIsAppliedOnlyIfNewerThanTheStoredOne() {
    Instant t = Instant.parse("2024-05-01T10:00:00.123456Z");

    assertThat(store.applyStockVersionIfNewer("ABC-M", "WH1", StockVersion.of(t, 1))).isTrue();
    assertThat(store.applyStockVersionIfNewer("ABC-M", "WH1", StockVersion.of(t, 1))).as("equal").isFalse();
    assertThat(store.applyStockVersionIfNewer("ABC-M", "WH1", StockVersion.of(t, 0))).as("older tie-breaker").isFalse();
    assertThat(store.applyStockVersionIfNewer("ABC-M", "WH1", StockVersion.of(t.minusSeconds(5), 9))).isFalse();
    assertThat(store.applyStockVersionIfNewer("ABC-M", "WH2", StockVersion.of(t.minusSeconds(5), 0))).as("other warehouse").isTrue();
    assertThat(store.applyStockVersionIfNewer("ABC-M", "WH1", StockVersion.of(t, 2))).isTrue();
    assertThat(store.applyStockVersionIfNewer("ABC-M", "WH1", StockVersion.of(t.plusNanos(1000), 0))).isTrue();
    assertThat(store.stockVersion("ABC-M", "WH1")).contains(StockVersion.of(t.plusNanos(1000), 0));
  }

  private static Allocation alloc(String sku, String warehouse, String quantity) {
    return Allocation.of(sku, warehouse, new BigDecimal(quantity));
  }

  @Test
  void ledgerSumsOpenAllocationsPerSkuAndWarehouseOverOrders() {
    store.recordAllocations("1001", List.of(alloc("TEE-M", "1", "2"), alloc("TEE-L", "1", "1")));
    store.recordAllocations("1002", List.of(alloc("TEE-M", "1", "3"), alloc("TEE-M", "2", "5")));

    assertThat(store.allocatedQuantity("TEE-M", "1")).isEqualByComparingTo("5");
    assertThat(store.allocatedQuantity("TEE-M", "2")).isEqualByComparingTo("5");
    assertThat(store.allocatedQuantity("TEE-S", "1")).isEqualByComparingTo("0");
    Map<String, BigDecimal> many = store.allocatedQuantities("1", List.of("TEE-M", "TEE-L", "TEE-S"));
    assertThat(many).containsOnlyKeys("TEE-M", "TEE-L");
    assertThat(many.get("TEE-L")).isEqualByComparingTo("1");
  }

  @Test
  void ordersHoldingNamesOnlyOrdersWithAnOpenQuantityOfTheSkusInThatWarehouse() {
    store.recordAllocations("1001", List.of(alloc("TEE-M", "1", "2")));
    store.recordAllocations("1002", List.of(alloc("TEE-M", "2", "3"), alloc("TEE-L", "1", "1")));
    store.recordAllocations("1003", List.of(alloc("TEE-M", "1", "1")));
    store.releaseAllocation("1003", "despatch:9", "TEE-M", "1", BigDecimal.ONE);

    assertThat(store.ordersHolding("1", List.of("TEE-M", "TEE-L"))).containsExactlyInAnyOrder("1001", "1002");
    assertThat(store.ordersHolding("2", List.of("TEE-M"))).containsExactly("1002");
    assertThat(store.ordersHolding("1", List.of("TEE-S"))).isEmpty();
  }

  @Test
  void recordingAnOrderAgainReplacesItsLinesInsteadOfAddingThem() {
    store.recordAllocations("1001", List.of(alloc("TEE-M", "1", "2"), alloc("TEE-L", "1", "1")));
    store.recordAllocations("1001", List.of(alloc("TEE-M", "1", "2"), alloc("TEE-M", "1", "1")));

    assertThat(store.allocatedQuantity("TEE-M", "1")).isEqualByComparingTo("3");
    assertThat(store.allocatedQuantity("TEE-L", "1")).isEqualByComparingTo("0");
    assertThat(store.openAllocations("1001")).hasSize(1);
  }

  @Test
  void aReleaseIsAppliedOnceAndNeverGoesBelowZero() {
    store.recordAllocations("1001", List.of(alloc("TEE-M", "1", "3")));

    assertThat(store.releaseAllocation("1001", "shipment-7", "TEE-M", "1", new BigDecimal("2"))).isTrue();
    assertThat(store.releaseAllocation("1001", "shipment-7", "TEE-M", "1", new BigDecimal("2"))).isFalse();
    assertThat(store.allocatedQuantity("TEE-M", "1")).isEqualByComparingTo("1");

    assertThat(store.releaseAllocation("1001", "shipment-8", "TEE-M", "1", new BigDecimal("5"))).isTrue();
    assertThat(store.allocatedQuantity("TEE-M", "1")).isEqualByComparingTo("0");
    assertThat(store.openAllocations("1001")).isEmpty();
  }

  @Test
  void aReleaseBeforeTheRecordStillCountsAndReRecordingKeepsIt() {
    // a despatch can be processed before a retried import writes its ledger lines
    store.releaseAllocation("1001", "shipment-1", "TEE-M", "1", new BigDecimal("1"));
    store.recordAllocations("1001", List.of(alloc("TEE-M", "1", "2")));
    store.recordAllocations("1001", List.of(alloc("TEE-M", "1", "2")));

    assertThat(store.openAllocations("1001")).singleElement().satisfies(a ->
        assertThat(a.quantity()).isEqualByComparingTo("1"));
    assertThat(other().allocatedQuantity("TEE-M", "1")).isEqualByComparingTo("1");
  }

  @Test
  void ledgerRejectsBlankReferencesAndNegativeQuantities() {
    assertThatThrownBy(() -> store.recordAllocations(" ", List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.releaseAllocation("1001", "", "TEE-M", "1", BigDecimal.ONE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> alloc("TEE-M", "1", "-1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void recentBindingsListOneEntityTypeNewestFirst() {
    store.bind(Binding.builder().entityType("order-totals-mismatch").centraId("1").sageId("11").syncedAt(store.now()).build());
    advance(Duration.ofSeconds(1));
    store.bind(Binding.builder().entityType("order-totals-mismatch").centraId("2").sageId("12").syncedAt(store.now()).build());
    store.bind(Binding.builder().entityType("order").centraId("3").sageId("13").syncedAt(store.now()).build());

    assertThat(store.recentBindings("order-totals-mismatch", 10)).extracting(Binding::centraId).containsExactly("2", "1");
    assertThat(store.recentBindings("order-totals-mismatch", 1)).extracting(Binding::centraId).containsExactly("2");
    assertThat(store.recentBindings("refund", 5)).isEmpty();
    assertThatThrownBy(() -> store.recentBindings("order", 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void countBindingsCountsOneEntityType() {
    store.bind(Binding.builder().entityType("order").centraId("1").sageId("11").build());
    store.bind(Binding.builder().entityType("order").centraId("2").sageId("12").build());
    store.bind(Binding.builder().entityType("order").centraId("2").sageId("12").sageReference("SO2").build()); // rebound
    store.bind(Binding.builder().entityType("customer").centraId("a@b.example").sageId("7").build());

    assertThat(store.countBindings("order")).isEqualTo(2);
    assertThat(store.countBindings("customer")).isEqualTo(1);
    assertThat(store.countBindings("refund")).isZero();
    store.unbind("order", "1");
    assertThat(store.countBindings("order")).isEqualTo(1);
  }

  @Test
  void aBindingKeepsItsReferenceAndSourceVersion() {
    Binding stored = store.bind(Binding.builder().entityType("order").centraId("1234").sageId("5501")
        .sageReference("0000012").sourceVersion("2024-05-01T10:00:00Z").build());

    Binding read = other().bindingByCentraId("order", "1234").orElseThrow();
    assertThat(read.sageReference()).contains("0000012");
    assertThat(read.sourceVersion()).contains("2024-05-01T10:00:00Z");
    assertThat(read.syncedAt()).isEqualTo(stored.syncedAt());
    assertThat(store.unbind("order", "1234")).isTrue();
    assertThat(store.unbind("order", "1234")).as("only once").isFalse();
  }

  @Test
  void openAllocationsListTheOrdersLinesAndManySkusAreReadAtOnce() {
    store.recordAllocations("1001", List.of(alloc("TEE-M", "1", "2.5"), alloc("TEE-L", "1", "1")));
    store.releaseAllocation("1001", "despatch:1", "TEE-L", "1", BigDecimal.ONE);

    assertThat(store.openAllocations("1001")).singleElement().satisfies(a -> {
      assertThat(a.sku()).isEqualTo("TEE-M");
      assertThat(a.warehouse()).isEqualTo("1");
      assertThat(a.quantity()).isEqualByComparingTo("2.5");
    });
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      many.add("SKU-" + i);
    }
    many.add("TEE-M");
    assertThat(store.allocatedQuantities("1", many)).containsOnlyKeys("TEE-M");
    assertThat(store.ordersHolding("1", many)).containsExactly("1001");
    assertThat(store.openAllocations("nothing")).isEmpty();
  }

  @Test
  void aStockVersionIsSharedBetweenInstances() {
    Instant t = Instant.parse("2024-05-01T10:00:00Z");
    assertThat(store.stockVersion("ABC-M", "WH1")).isEmpty();
    assertThat(store.applyStockVersionIfNewer("ABC-M", "WH1", StockVersion.of(t, 3))).isTrue();

    SyncStateStore other = other();
    assertThat(other.applyStockVersionIfNewer("ABC-M", "WH1", StockVersion.of(t, 2))).isFalse();
    assertThat(other.stockVersion("ABC-M", "WH1")).contains(StockVersion.of(t, 3));
  }
}
