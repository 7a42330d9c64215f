package io.github.centrasage.sync.order;

import static io.github.centrasage.sync.order.OrderImportFixture.drain;
import static io.github.centrasage.sync.order.OrderImportFixture.parked;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.centra.ImmutableCentraWebhookEvent;
import io.github.centrasage.sage200.model.Customer;
import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.Fault;
import io.github.centrasage.sandbox.FaultScope;
import io.github.centrasage.sandbox.SageSalesOrder;
import io.github.centrasage.sandbox.SandboxFaults;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.SyncStatus;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobAttempt;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A success status with a body the client cannot read (a proxy page, a cut-off answer): on a read
 * the call is simply asked again; on a write the answer is lost but the write happened, so the
 * next attempt looks up first. Neither is a reason to park the order.
 */
class OrderImportUnreadableAnswerTest {
  final OrderImportFixture f = new OrderImportFixture();
  final InMemorySyncStateStore store = new InMemorySyncStateStore(f.clock);
  final OrderImport flow = new OrderImport(f.integration(store, f.mappings().build()),
      f.options().discovery(OrderImportOptions.Discovery.WEBHOOK_ONLY).build());
  final SyncEngine engine = f.engine(store).flow(flow).build();

  @AfterEach
  void close() {
    f.close();
  }

  private Job nudge(CentraOrder order) {
    return flow.nudge(ImmutableCentraWebhookEvent.builder().type("order").action("insert")
        .id(Integer.toString(order.number())).build()).orElseThrow();
  }

  /** Places and nudges an order, spoils one answer with {@code fault}, drains: one order, one retry. */
  private CentraOrder importsOnceAfterOneRetry(Supplier<SandboxFaults.Injected> fault) {
    CentraOrder order = f.centra.placeOrder("GBP", Map.of(OrderImportTest.SKU_A, 1));
    Job job = nudge(order);
    SandboxFaults.Injected injected = fault.get();

    SyncStatus status = drain(engine, f.clock);

    assertThat(injected.timesApplied()).isEqualTo(1);
    assertThat(parked(store)).isEmpty();
    assertThat(status.succeeded()).isEqualTo(1);
    assertThat(f.sage.salesOrdersWithCustomerDocumentNo("CENTRA-" + order.number())).hasSize(1);
    assertThat(store.history(job.id())).extracting(JobAttempt::outcome)
        .containsExactly(JobAttempt.Outcome.RETRIED, JobAttempt.Outcome.SUCCEEDED);
    return order;
  }

  @Test
  void aGarbledSageLookupIsRetriedNotParked() {
    importsOnceAfterOneRetry(() -> f.sage.faults().inject(Fault.malformedBody(), FaultScope.nextCalls(1).on("GET /sop_orders")));
  }

  @Test
  void aTruncatedCentraOrderReadIsRetriedNotParked() {
    importsOnceAfterOneRetry(() -> f.centra.faults().inject(Fault.truncatedBody(), FaultScope.nextCalls(1).on("orders")));
  }

  @Test
  void aCreateWhoseAnswerIsCutOffIsFoundByTheLookupNotCreatedAgain() {
    CentraOrder order = importsOnceAfterOneRetry(
        () -> f.sage.faults().inject(Fault.truncatedBody(), FaultScope.nextCalls(1).on("POST /sop_orders")));

    assertThat(f.sage.requestCount("POST /sop_orders")).as("the retry adopted the order it found").isEqualTo(1);
    assertThat(OrderImport.binding(store, order.number())).isPresent();
  }

  @Test
  void aNewShoppersAccountWhoseCreateAnswerWasLostIsAdoptedEvenWhenTheEmailSearchMissesIt() {
    String email = "new.shopper@example.com";
    SyncEngine perShopper = f.engine(store, i -> new OrderImport(i, f.options()
        .discovery(OrderImportOptions.Discovery.WEBHOOK_ONLY).build()), f.mappings()
        .putCustomerStrategy("UK", Mappings.CustomerStrategy.perShopper("WEB")).build()).build();
    CentraOrder order = f.centra.placeOrder("GBP", Map.of(OrderImportTest.SKU_A, 1), email);
    nudge(order);
    f.sage.emailSearchLags(true); // the retry's e-mail search does not see the account the lost answer created
    f.sage.faults().inject(Fault.resetAfterCommit(), FaultScope.nextCalls(1).on("POST /customers"));

    SyncStatus status = drain(perShopper, f.clock);

    assertThat(parked(store)).isEmpty();
    assertThat(status.succeeded()).isEqualTo(1);
    assertThat(f.sage.requestCount("POST /customers")).as("the retry adopted its own account").isEqualTo(1);
    f.sage.emailSearchLags(false);
    List<Customer> accounts = f.sageClient.customers().findByEmail(email);
    assertThat(accounts).singleElement();
    assertThat(f.sage.salesOrdersWithCustomerDocumentNo("CENTRA-" + order.number())).singleElement()
        .extracting(SageSalesOrder::customerReference).isEqualTo(accounts.get(0).reference());
  }
}
