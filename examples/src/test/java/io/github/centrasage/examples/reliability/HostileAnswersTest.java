package io.github.centrasage.examples.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sage200.model.ContactEmail;
import io.github.centrasage.sage200.model.Customer;
import io.github.centrasage.sage200.model.NewCustomer;
import io.github.centrasage.sage200.model.NewCustomerContact;
import io.github.centrasage.sandbox.AnswerRewrites;
import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.ReceivedRequest;
import io.github.centrasage.sandbox.SageSalesOrder;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.order.OrderImportOptions;
import io.github.centrasage.sync.order.OrderImportOptions.ForeignAccountMatch;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobState;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #20: answers that are about another entity than the one asked for, shoppers whose e-mail
 * belongs to someone else's account, names that a cut would split, and a filter literal the Sage
 * sandbox once could not parse. Checked on what the sandboxes received: nothing is written from a
 * wrong answer, no order lands on an account the integration does not own, nothing is duplicated
 * and nothing is lost.
 */
@ExtendWith(ReliabilityResult.class)
class HostileAnswersTest extends SandboxedClients {
  static final String SKU = SandboxCatalog.fashionShop().items().get(0).sku();

  SyncEngine engine(ForeignAccountMatch foreign) {
    return engine(foreign, OrderImportOptions.Discovery.POLLING);
  }

  SyncEngine engine(ForeignAccountMatch foreign, OrderImportOptions.Discovery discovery) {
    Mappings mappings = Mappings.builder().from(CrashWorker.mappings(sage, centraLeeds, sageLeeds))
        .putCustomerStrategy("UK", Mappings.CustomerStrategy.perShopper("WEB")).build();
    RetrySettings fast = fastRetries(3);
    return SyncEngine.builder().store(store).retryPolicy(fast).lockRetryPolicy(fast)
        .flow(new OrderImport(integration(mappings), OrderImportOptions.builder().discovery(discovery)
            .pollStart(clock.instant().minus(Duration.ofHours(1))).defaultWarehouse(centraLeeds)
            .foreignAccountMatch(foreign).build()))
        .build();
  }

  @Test
  void aCentraAnswerCarryingAnotherOrdersNumberParksAndWritesNothing() {
    // events discovery: the feed names orders only, so the mixed-up answer reaches the job's own read
    SyncEngine engine = engine(ForeignAccountMatch.PARK, OrderImportOptions.Discovery.EVENTS);
    engine.runOnce(OrderImport.NAME);
    CentraOrder a = centraSandbox.placeOrder("GBP", Map.of(SKU, 1));
    CentraOrder b = centraSandbox.placeOrder("GBP", Map.of(SKU, 2));
    // every full answer about B says it is A
    centraSandbox.rewriteAnswers("orders", AnswerRewrites.editObjects(
        o -> new BigDecimal(b.number()).equals(o.get("number")) && o.containsKey("lines"),
        o -> o.put("number", new BigDecimal(a.number()))));
    HostileInputTest.drain(engine);
    centraSandbox.clearAnswerRewrites();

    Job jobB = jobFor(b.number());
    assertThat(jobB.state()).isEqualTo(JobState.PARKED);
    assertThat(jobB.parkReasons()).anyMatch(r -> r.contains(Integer.toString(a.number()))
        && r.contains(Integer.toString(b.number())));
    assertThat(sageSandbox.salesOrdersWithCustomerDocumentNo("CENTRA-" + a.number())).as("A once").hasSize(1);
    assertThat(sageSandbox.salesOrdersWithCustomerDocumentNo("CENTRA-" + b.number())).as("B not written").isEmpty();
    assertThat(sageSandbox.receivedRequests("POST /sop_orders")).as("one create, A's").hasSize(1);
    assertThat(OrderImport.binding(store, b.number())).as("B not bound to A's order").isEmpty();

    // once Centra answers properly, the replay imports B: nothing was lost
    engine.replay(jobB.id());
    HostileInputTest.drain(engine);
    assertThat(sageSandbox.salesOrdersWithCustomerDocumentNo("CENTRA-" + b.number())).hasSize(1);
    ReliabilityResult.report("hostile-answers-centra", "hostile_cases", 1, "duplicates", duplicates(), "lost",
        lost(a, b));
  }

  @Test
  void aSageAnswerAboutAnotherAccountParksAndWritesNothing() {
    SyncEngine engine = engine(ForeignAccountMatch.PARK);
    CentraOrder first = centraSandbox.placeOrder("GBP", Map.of(SKU, 1), "repeat@example.com");
    HostileInputTest.drain(engine);
    long decoy = sageSandbox.ids("customer").get("WEBGBP");
    // the shopper's second order reads the bound account by id; the answer is another account
    sageSandbox.rewriteAnswers("GET /customers/{id}", AnswerRewrites.editObjects(c -> c.containsKey("reference"),
        c -> c.put("id", new BigDecimal(decoy))));
    CentraOrder second = centraSandbox.placeOrder("GBP", Map.of(SKU, 1), "repeat@example.com");
    HostileInputTest.drain(engine);
    sageSandbox.clearAnswerRewrites();

    Job job = jobFor(second.number());
    assertThat(job.state()).isEqualTo(JobState.PARKED);
    assertThat(job.parkReasons()).anyMatch(r -> r.contains(Long.toString(decoy)) && r.contains("customers id"));
    assertThat(sageSandbox.salesOrdersWithCustomerDocumentNo("CENTRA-" + second.number())).isEmpty();
    engine.replay(job.id());
    HostileInputTest.drain(engine);
    List<SageSalesOrder> both = List.of(first, second).stream()
        .map(o -> sageSandbox.salesOrdersWithCustomerDocumentNo("CENTRA-" + o.number()).get(0)).toList();
    assertThat(both).extracting(SageSalesOrder::customerReference).as("one account, the shopper's own")
        .containsOnly(both.get(0).customerReference()).doesNotContain("WEBGBP");
    ReliabilityResult.report("hostile-answers-sage", "hostile_cases", 1, "duplicates", duplicates(), "lost",
        lost(first, second));
  }

  @Test
  void aShoppersEmailOnATradeAccountNeverAttachesTheOrderToIt() {
    Customer trade = sage.customers().create(NewCustomer.builder().reference("TRADE01").name("Trade Buyer Ltd")
        .addContacts(NewCustomerContact.builder().lastName("Accounts")
            .addEmails(ContactEmail.builder().email("accounts@trade.example").isDefault(true).build()).build())
        .build());
    SyncEngine parking = engine(ForeignAccountMatch.PARK);
    CentraOrder hijack = centraSandbox.placeOrder("GBP", Map.of(SKU, 1), "Accounts@Trade.example");
    CentraOrder next = centraSandbox.placeOrder("GBP", Map.of(SKU, 1), "someone@example.com");
    HostileInputTest.drain(parking);

    Job job = jobFor(hijack.number());
    assertThat(job.state()).isEqualTo(JobState.PARKED);
    assertThat(job.parkReasons()).anyMatch(r -> r.contains("TRADE01") && r.contains("did not create"));
    assertThat(sageSandbox.salesOrdersWithCustomerDocumentNo("CENTRA-" + hijack.number())).isEmpty();
    assertThat(sageSandbox.salesOrders()).extracting(SageSalesOrder::customerReference).doesNotContain(trade.reference());
    assertThat(sageSandbox.salesOrdersWithCustomerDocumentNo("CENTRA-" + next.number())).as("the next order").hasSize(1);

    // the user's other choice: the shopper gets an account of their own; TRADE01 still gets nothing
    SyncEngine creating = engine(ForeignAccountMatch.CREATE_SHOPPER_ACCOUNT);
    creating.replay(job.id());
    HostileInputTest.drain(creating);
    List<SageSalesOrder> imported = sageSandbox.salesOrdersWithCustomerDocumentNo("CENTRA-" + hijack.number());
    assertThat(imported).hasSize(1);
    assertThat(imported.get(0).customerReference()).startsWith("WEB").isNotEqualTo(trade.reference());
    assertThat(sageSandbox.salesOrders()).extracting(SageSalesOrder::customerReference).doesNotContain(trade.reference());
    ReliabilityResult.report("hostile-shopper-email", "hostile_cases", 2, "duplicates", duplicates(), "lost",
        lost(hijack, next));
  }

  @Test
  void aNameCutAtSageLengthNeverSplitsAnEmojiAndAHugeLiteralIsLookedUp() {
    SyncEngine engine = engine(ForeignAccountMatch.PARK);
    String name = "a".repeat(59) + "\uD83D\uDE00";
    CentraOrder emoji = centraSandbox.placeOrder("GBP", Map.of(SKU, 1), "emoji@example.com");
    // the account name is "<first> <last>" of the billing address, cut to Sage's 60
    centraSandbox.rewriteAnswers("orders", AnswerRewrites.editObjects(
        o -> o.containsKey("firstName") && o.containsKey("lastName"), o -> {
          o.put("firstName", name);
          o.put("lastName", "");
        }));
    // a 10,000-character e-mail: every lookup carries it as one OData literal, which the sandbox must parse
    String longEmail = "l".repeat(10_000) + "@example.com";
    CentraOrder huge = centraSandbox.placeOrder("GBP", Map.of(SKU, 1), longEmail);
    HostileInputTest.drain(engine);
    centraSandbox.clearAnswerRewrites();

    String created = sageSandbox.receivedRequests("POST /customers").stream().map(ReceivedRequest::body)
        .filter(b -> b.contains("emoji@example.com")).findFirst().orElseThrow();
    assertThat(created).contains("\"name\":\"" + "a".repeat(59) + "\"").doesNotContain("?").doesNotContain("\\ud83d");
    assertThat(sageSandbox.salesOrdersWithCustomerDocumentNo("CENTRA-" + emoji.number())).hasSize(1);
    assertThat(sageSandbox.receivedRequests("GET /customer_emails")).as("the long literal reached the sandbox")
        .anyMatch(r -> r.query().getOrDefault("$filter", "").contains(longEmail));
    // answered as Sage would (imported, or refused with Sage's reason), never a server error of the sandbox's own
    Job hugeJob = jobFor(huge.number());
    assertThat(hugeJob.state()).isIn(JobState.SUCCEEDED, JobState.PARKED);
    assertThat(hugeJob.parkReasons()).noneMatch(r -> r.contains("failed with 500"));
    assertThat(hugeJob.lastError().orElse("")).doesNotContain("failed with 500");
    ReliabilityResult.report("hostile-cuts-literals", "hostile_cases", 2, "duplicates", duplicates(), "lost",
        lost(emoji, huge));
  }

  private long duplicates() {
    return sageSandbox.salesOrders().stream().collect(Collectors.groupingBy(SageSalesOrder::customerDocumentNo,
        Collectors.counting())).values().stream().filter(n -> n > 1).count();
  }

  /** Orders neither in Sage nor parked with a reason (a parked order is waiting for a person, not lost). */
  private long lost(CentraOrder... orders) {
    long lost = 0;
    for (CentraOrder o : orders) {
      boolean inSage = !sageSandbox.salesOrdersWithCustomerDocumentNo("CENTRA-" + o.number()).isEmpty();
      boolean parked = store.list(OrderImport.NAME, EnumSet.of(JobState.PARKED), 0, 1000).stream()
          .anyMatch(j -> j.key().equals(OrderImport.jobKey(o.number())));
      lost += inSage || parked ? 0 : 1;
    }
    return lost;
  }

  private Job jobFor(int orderNumber) {
    return store.list(OrderImport.NAME, EnumSet.allOf(JobState.class), 0, 1000).stream()
        .filter(j -> j.key().equals(OrderImport.jobKey(orderNumber)))
        .reduce((x, y) -> y).orElseThrow(() -> new AssertionError("no job for order " + orderNumber));
  }
}
