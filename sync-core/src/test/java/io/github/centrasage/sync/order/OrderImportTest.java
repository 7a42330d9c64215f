package io.github.centrasage.sync.order;

import static io.github.centrasage.sync.order.OrderImportFixture.drain;
import static io.github.centrasage.sync.order.OrderImportFixture.parked;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.centra.CentraWebhookEvent;
import io.github.centrasage.centra.ImmutableCentraWebhookEvent;
import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.Fault;
import io.github.centrasage.sandbox.FaultScope;
import io.github.centrasage.sage200.model.Customer;
import io.github.centrasage.sandbox.SageSalesOrder;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.SyncStatus;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobAttempt;
import io.github.centrasage.sync.store.SyncStateStore;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The order import against both sandboxes with the real clients: the full path and the fault matrix. */
class OrderImportTest {
  static final String SKU_A = "P00001-BLK-M";
  static final String SKU_B = "P00002-NVY-S";

  final OrderImportFixture f = new OrderImportFixture();
  final InMemorySyncStateStore store = new InMemorySyncStateStore(f.clock);

  @AfterEach
  void close() {
    f.close();
  }

  SyncEngine engine(SyncStateStore store, OrderImportOptions options, Mappings mappings) {
    return f.engine(store, i -> new OrderImport(i, options), mappings).build();
  }

  SyncEngine engine() {
    return engine(store, f.options().build(), f.mappings().build());
  }

  static String key(CentraOrder order) {
    return "CENTRA-" + order.number();
  }

  @Test
  void aNewShoppersContactIsNamedByFirstAndLastNameAndTheDeliveryPhoneReachesSage() {
    String email = "alex.morgan@example.com";
    SyncEngine perShopper = engine(store, f.options().build(), f.mappings()
        .putCustomerStrategy("UK", Mappings.CustomerStrategy.perShopper("WEB")).build());
    CentraOrder order = f.centra.placeOrder("GBP", Map.of(SKU_A, 1), email);

    SyncStatus status = drain(perShopper, f.clock);

    assertThat(status.succeeded()).isEqualTo(1);
    Customer account = f.sageClient.customers().findByEmail(email).get(0);
    // Sage builds the read-only contact name from first_name and last_name (the sandbox refuses name/is_default)
    assertThat(f.sageClient.customers().contacts(account.id())).singleElement().satisfies(c -> {
      assertThat(c.firstName()).hasValue("Alex");
      assertThat(c.lastName()).hasValue("Morgan");
      assertThat(c.name()).hasValue("Alex Morgan");
    });
    long orderId = f.sage.salesOrdersWithCustomerDocumentNo(key(order)).get(0).id();
    assertThat(f.sageClient.salesOrders().get(orderId).deliveryAddress()).hasValueSatisfying(
        a -> assertThat(a.telephoneNumber()).hasValue("+441130000000"));
  }

  @Test
  void importsOrdersInTwoCurrenciesWithShippingAndVatAsOneSalesOrderEach() {
    CentraOrder gbp = f.centra.placeOrder("GBP", Map.of(SKU_A, 2, SKU_B, 1));
    CentraOrder eur = f.centra.placeOrder("EUR", Map.of(SKU_A, 1));

    SyncStatus status = drain(engine(), f.clock);

    assertThat(status.succeeded()).isEqualTo(2);
    SageSalesOrder inGbp = f.sage.salesOrdersWithCustomerDocumentNo(key(gbp)).get(0);
    assertThat(inGbp.customerReference()).isEqualTo("WEBGBP");
    assertThat(inGbp.lines()).filteredOn(l -> l.sku() != null)
        .extracting(SageSalesOrder.Line::sku, SageSalesOrder.Line::warehouse, l -> l.lineQuantity().intValue())
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(SKU_A, OrderImportFixture.LEEDS, 2),
            org.assertj.core.groups.Tuple.tuple(SKU_B, OrderImportFixture.LEEDS, 1));
    assertThat(inGbp.lines()).filteredOn(l -> "EnumLineTypeCharge".equals(l.lineType())).singleElement()
        .satisfies(l -> assertThat(l.sellingUnitPrice()).isEqualByComparingTo("4.13")); // 4.95 incl. 20% VAT
    assertThat(inGbp.totalGrossValue()).as("Sage's gross equals Centra's grand total").isEqualByComparingTo(gbp.grandTotal());
    assertThat(f.sage.salesOrdersWithCustomerDocumentNo(key(eur))).singleElement().satisfies(o -> {
      assertThat(o.customerReference()).isEqualTo("WEBEUR");
      assertThat(o.totalGrossValue()).isEqualByComparingTo(eur.grandTotal());
    });
    Binding binding = OrderImport.binding(store, gbp.number()).orElseThrow();
    assertThat(binding.sageId()).isEqualTo(Long.toString(inGbp.id()));
    assertThat(binding.sageReference()).contains(inGbp.documentNo());
    assertThat(store.openAllocations(Integer.toString(gbp.number())))
        .extracting(a -> a.sku(), a -> a.warehouse(), a -> a.quantity().intValue())
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(SKU_A, Long.toString(f.leedsId), 2),
            org.assertj.core.groups.Tuple.tuple(SKU_B, Long.toString(f.leedsId), 1));
    assertThat(store.allocatedQuantity(SKU_A, Long.toString(f.leedsId))).isEqualByComparingTo("3");
    assertThat(OrderImport.totalsMismatch(store, gbp.number())).isEmpty();
  }

  @Test
  void looksUpTheProductsOfABatchWithOneRequestWhenEveryCodeIsFound() {
    f.centra.placeOrder("GBP", Map.of(SKU_A, 2, SKU_B, 1));

    SyncStatus status = drain(engine(), f.clock);

    assertThat(status.succeeded()).isEqualTo(1);
    // both codes came back on the first page, so the stream is not asked for a second, empty one
    assertThat(f.sage.requestCount("GET /products")).isEqualTo(1);
  }

  @Test
  void aSecondCycleFindsTheBindingsAndDoesNotTouchSage() {
    f.centra.placeOrder("GBP", Map.of(SKU_A, 1));
    SyncEngine engine = engine();
    drain(engine, f.clock);
    f.sage.resetRequestCounts();

    SyncStatus again = drain(engine, f.clock);

    assertThat(again.succeeded()).as("the poll overlap enqueued the order again").isEqualTo(2);
    assertThat(f.sage.requestCounts()).as("bindings answered without Sage").isEmpty();
  }

  @Test
  void reportsEveryMappingProblemAtOnceAndImportsOnReplayOnceTheMappingIsFixed() {
    CentraOrder eur = f.centra.placeOrder("EUR", Map.of(SKU_A, 1));
    Mappings incomplete = Mappings.builder().from(f.mappings().build())
        .currencies(Map.of("GBP", Long.toString(f.gbpId)))
        .taxCodes(List.of(Mappings.TaxCodeMapping.of(new BigDecimal("20"), "GB", f.standardTaxId)))
        .customerStrategies(Map.of("UK", Mappings.CustomerStrategy.sharedAccount("WEBGBP")))
        .build();

    drain(engine(store, f.options().build(), incomplete), f.clock);

    Job job = parked(store).get(0);
    assertThat(job.parkReasons()).containsExactlyInAnyOrder(
        "no customer strategy for market 'EU'",
        "currency EUR has no Sage currency mapping",
        "no Sage tax code for 20% VAT in IE",
        "no Sage tax code for shipping at 20% VAT in IE");
    assertThat(f.sage.salesOrders()).isEmpty();

    SyncEngine fixed = engine();
    fixed.replay(job.id());
    SyncStatus status = drain(fixed, f.clock);

    assertThat(status.parked()).isZero();
    assertThat(f.sage.salesOrdersWithCustomerDocumentNo(key(eur))).hasSize(1);
  }

  @Test
  void anOrderOnHoldWaitsAndImportsOnceReleased() {
    CentraOrder order = f.centra.placeOrder("GBP", Map.of(SKU_A, 1));
    f.centra.setOnHold(order.number(), true);
    SyncEngine engine = engine(store, f.options().discovery(OrderImportOptions.Discovery.WEBHOOK_ONLY).build(),
        f.mappings().build());
    store.enqueue(OrderImport.job(order.number()));

    SyncStatus held = engine.runOnce(OrderImport.NAME);
    f.clock.advance(java.time.Duration.ofMinutes(16));
    SyncStatus stillHeld = engine.runOnce(OrderImport.NAME);
    f.centra.setOnHold(order.number(), false);
    SyncStatus early = engine.runOnce(OrderImport.NAME);
    f.clock.advance(java.time.Duration.ofMinutes(16));
    SyncStatus released = engine.runOnce(OrderImport.NAME);

    assertThat(held.queued()).as("looked at again later").isEqualTo(1);
    assertThat(stillHeld.queued()).isEqualTo(1);
    assertThat(early.queued()).as("not before the recheck is due").isEqualTo(1);
    assertThat(released.queued()).isZero();
    assertThat(released.parked()).isZero();
    assertThat(f.sage.salesOrdersWithCustomerDocumentNo(key(order))).hasSize(1);
  }

  @Test
  void refusesToBuildWithSettingsItCannotHonour() {
    Mappings mappings = Mappings.builder().from(f.mappings().build()).customerDocumentField("spare_text_9")
        .putRequiredFieldDefault("analysis_code_20", "WEB").build();
    OrderImportOptions noWarehouse = OrderImportOptions.builder().build();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine(store, noWarehouse, mappings))
        .isInstanceOf(io.github.centrasage.sync.integration.MappingsInvalidException.class)
        .hasMessageContaining("order key field 'spare_text_9' cannot be looked up")
        .hasMessageContaining("required-field default 'analysis_code_20'")
        .hasMessageContaining("no fulfilment warehouse");
  }

  static Stream<Arguments> faultsOnCreate() {
    return Stream.of(
        Arguments.of("connection reset before send", Fault.connectionReset()),
        Arguments.of("timeout after commit", Fault.timeoutAfterCommit(OrderImportFixture.COMMIT_DELAY)),
        Arguments.of("500 after commit", Fault.httpStatusAfterCommit(500)),
        Arguments.of("connection reset after commit", Fault.resetAfterCommit()),
        Arguments.of("503 before the write", Fault.httpStatus(503)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faultsOnCreate")
  void createsExactlyOneSalesOrderWhenTheCreateFails(String name, Fault fault) {
    CentraOrder order = f.centra.placeOrder("GBP", Map.of(SKU_A, 1));
    var injected = f.sage.faults().inject(fault, FaultScope.nextCalls(1).on("POST /sop_orders"));

    SyncStatus status = drain(engine(), f.clock);

    assertThat(injected.timesApplied()).isEqualTo(1);
    assertThat(status.succeeded()).isEqualTo(1);
    assertThat(f.sage.salesOrdersWithCustomerDocumentNo(key(order))).hasSize(1);
    Job job = store.list(OrderImport.NAME, java.util.Set.of(), 0, 10).get(0);
    assertThat(store.history(job.id())).extracting(JobAttempt::outcome)
        .containsExactly(JobAttempt.Outcome.RETRIED, JobAttempt.Outcome.SUCCEEDED);
    assertThat(OrderImport.binding(store, order.number())).isPresent();
    assertThat(store.openAllocations(Integer.toString(order.number()))).hasSize(1);
  }

  @Test
  void createsExactlyOneSalesOrderWhenTheProcessCrashesBetweenTheSageCreateAndTheBindingWrite() {
    CentraOrder order = f.centra.placeOrder("GBP", Map.of(SKU_A, 1));
    SyncStateStore crashingOnce = failingOnce(store, "bind", "order");

    SyncStatus status = drain(engine(crashingOnce, f.options().build(), f.mappings().build()), f.clock);

    assertThat(status.succeeded()).isEqualTo(1);
    assertThat(f.sage.requestCount("POST /sop_orders")).as("the second attempt found the order").isEqualTo(1);
    assertThat(f.sage.salesOrdersWithCustomerDocumentNo(key(order))).hasSize(1);
    assertThat(OrderImport.binding(store, order.number())).isPresent();
  }

  @Test
  void importsOnceWhenCentraRedeliversTheEvent() {
    SyncEngine engine = engine(store, f.options().discovery(OrderImportOptions.Discovery.EVENTS).build(),
        f.mappings().build());
    engine.runOnce(OrderImport.NAME); // subscribes to Order events
    CentraOrder order = f.centra.placeOrder("GBP", Map.of(SKU_A, 1));
    // confirmEvents fails: the jobs are durable, the events come again on the next discover.
    var confirmFails = f.centra.faults().inject(Fault.httpStatus(500), FaultScope.always().on("confirmEvents"));

    SyncStatus first = drain(engine, f.clock);
    assertThat(f.centra.queuedEvents()).as("not confirmed yet").isPositive();
    confirmFails.close();
    SyncStatus second = drain(engine, f.clock);

    assertThat(first.lastError()).isPresent();
    assertThat(second.succeeded()).isEqualTo(2);
    assertThat(f.centra.queuedEvents()).isZero();
    assertThat(f.sage.salesOrdersWithCustomerDocumentNo(key(order))).hasSize(1);
    assertThat(f.sage.requestCount("POST /sop_orders")).isEqualTo(1);
  }

  @Test
  void importsOnceWhenAWebhookAndThePollBothReportTheOrder() {
    CentraOrder order = f.centra.placeOrder("GBP", Map.of(SKU_A, 1));
    OrderImport flow = new OrderImport(f.integration(store, f.mappings().build()), f.options().build());
    SyncEngine engine = f.engine(store).flow(flow).build();
    CentraWebhookEvent webhook = ImmutableCentraWebhookEvent.builder().type("order").action("insert")
        .id(Integer.toString(order.number())).build();

    Job nudged = flow.nudge(webhook).orElseThrow();
    Job again = flow.nudge(webhook).orElseThrow();
    SyncStatus status = drain(engine, f.clock);

    assertThat(again.id()).as("a second notice folds into the waiting job").isEqualTo(nudged.id());
    assertThat(status.succeeded()).isEqualTo(1);
    assertThat(f.sage.salesOrdersWithCustomerDocumentNo(key(order))).hasSize(1);
    assertThat(f.sage.requestCount("POST /sop_orders")).isEqualTo(1);
    assertThat(flow.nudge(ImmutableCentraWebhookEvent.builder().type("shipment").action("create")
        .id("1").build())).isEmpty();
  }

  @Test
  void findsTheOrderByHashIdWhenTheWebhookGivesOne() {
    CentraOrder order = f.centra.placeOrder("GBP", Map.of(SKU_A, 1));
    OrderImport flow = new OrderImport(f.integration(store, f.mappings().build()),
        f.options().discovery(OrderImportOptions.Discovery.WEBHOOK_ONLY).build());

    Job job = flow.nudge(ImmutableCentraWebhookEvent.builder().type("order").action("update")
        .id(order.id()).build()).orElseThrow();

    assertThat(job.key()).isEqualTo("order:" + order.number());
  }

  @Test
  void parksWithBothDocumentNumbersWhenSageAlreadyHoldsTwoOrdersForTheKey() {
    CentraOrder order = f.centra.placeOrder("GBP", Map.of(SKU_A, 1));
    SyncEngine engine = engine();
    for (int i = 0; i < 2; i++) {
      f.sageClient.salesOrders().create(io.github.centrasage.sage200.model.NewSalesOrder.builder()
          .customerId(f.sage.ids("customer").get("WEBGBP")).customerDocumentNo(key(order))
          .addLines(io.github.centrasage.sage200.model.NewSalesOrderLine.freeText("manual", BigDecimal.ONE, BigDecimal.ONE)
              .build()).build());
    }

    drain(engine, f.clock);

    List<String> docs = f.sage.salesOrdersWithCustomerDocumentNo(key(order)).stream().map(SageSalesOrder::documentNo).toList();
    assertThat(docs).hasSize(2);
    assertThat(parked(store)).singleElement().satisfies(j -> assertThat(j.parkReasons()).singleElement()
        .satisfies(r -> assertThat(r).contains("2 sales orders", docs.get(0), docs.get(1))));
  }

  @Test
  void flagsATotalsDifferenceBeyondTheToleranceAndParksWhenConfiguredTo() {
    CentraOrder flagged = f.centra.placeOrder("GBP", Map.of(SKU_A, 1));
    // 20% VAT booked on Sage's zero-rated code: Sage's gross comes out a sixth below Centra's.
    Mappings zeroRated = Mappings.builder().from(f.mappings().build())
        .taxCodes(List.of(Mappings.TaxCodeMapping.of(new BigDecimal("20"), null, f.zeroTaxId))).build();

    SyncEngine flagging = engine(store, f.options().build(), zeroRated);
    drain(flagging, f.clock);

    assertThat(OrderImport.totalsMismatch(store, flagged.number())).hasValueSatisfying(
        s -> assertThat(s).contains("Centra " + flagged.grandTotal().toPlainString() + " GBP", "Sage"));
    assertThat(parked(store)).isEmpty();
    assertThat(flagging.status(OrderImport.NAME).notices()).as("flagged on the status API with both figures")
        .singleElement().asString().contains("Centra order " + flagged.number(), flagged.grandTotal().toPlainString());

    CentraOrder parkedOrder = f.centra.placeOrder("GBP", Map.of(SKU_B, 1));
    SyncEngine parking = engine(store, f.options().totalsMismatch(OrderImportOptions.TotalsMismatch.PARK).build(),
        zeroRated);
    drain(parking, f.clock);

    assertThat(parked(store)).singleElement().satisfies(j -> assertThat(j.reference()).isEqualTo(
        Integer.toString(parkedOrder.number())));
    assertThat(f.sage.salesOrdersWithCustomerDocumentNo(key(parkedOrder))).as("kept, not created twice").hasSize(1);
    parking.replay(parked(store).get(0).id());
    assertThat(drain(parking, f.clock).parked()).as("a replay accepts the order").isZero();
    assertThat(f.sage.salesOrdersWithCustomerDocumentNo(key(parkedOrder))).hasSize(1);
  }

  /** A store whose first call of {@code method} for {@code entityType} fails, as a crash there would. */
  static SyncStateStore failingOnce(SyncStateStore delegate, String method, String entityType) {
    AtomicBoolean failed = new AtomicBoolean();
    return (SyncStateStore) Proxy.newProxyInstance(SyncStateStore.class.getClassLoader(),
        new Class<?>[] {SyncStateStore.class}, (proxy, m, args) -> {
          if (m.getName().equals(method) && args != null && args[0] instanceof Binding b
              && b.entityType().equals(entityType) && failed.compareAndSet(false, true)) {
            throw new IllegalStateException("simulated crash before " + method);
          }
          try {
            return m.invoke(delegate, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
