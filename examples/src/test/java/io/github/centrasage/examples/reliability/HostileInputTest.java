package io.github.centrasage.examples.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sage200.model.Customer;
import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.Fault;
import io.github.centrasage.sandbox.FaultScope;
import io.github.centrasage.sandbox.ReceivedRequest;
import io.github.centrasage.sandbox.SageSalesOrder;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.order.OrderImportOptions;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #15, parts 3 and 4: hostile answers from both APIs (malformed and truncated JSON) and
 * hostile values in Centra orders (quotes, OData and GraphQL syntax, Unicode, a huge e-mail). Each
 * gives a clear error or a parked job with a reason, the engine keeps running, other orders are
 * imported, and a crafted value cannot change what is queried or written.
 */
@ExtendWith(ReliabilityResult.class)
class HostileInputTest extends SandboxedClients {
  static final String SKU = SandboxCatalog.fashionShop().items().get(0).sku();
  static final JsonAdapter<Map<String, Object>> GRAPHQL_BODY = new Moshi.Builder().build()
      .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  SyncEngine engine() {
    Mappings mappings = Mappings.builder().from(CrashWorker.mappings(sage, centraLeeds, sageLeeds))
        .putCustomerStrategy("UK", Mappings.CustomerStrategy.perShopper("WEB")).build();
    RetrySettings fast = fastRetries(4);
    return SyncEngine.builder().store(store).retryPolicy(fast).lockRetryPolicy(fast)
        .flow(new OrderImport(integration(mappings),
            OrderImportOptions.builder().discovery(OrderImportOptions.Discovery.POLLING)
            .pollStart(clock.instant().minus(Duration.ofHours(1))).defaultWarehouse(centraLeeds).build()))
        .build();
  }

  /** Cycles until no job is queued or retrying (retries are due within a millisecond). */
  static void drain(SyncEngine engine) {
    for (int i = 0; i < 200; i++) {
      Map<JobState, Long> counts = engine.store().count(OrderImport.NAME);
      engine.runOnce(OrderImport.NAME);
      counts = engine.store().count(OrderImport.NAME);
      if (counts.getOrDefault(JobState.QUEUED, 0L) + counts.getOrDefault(JobState.RETRYING, 0L)
          + counts.getOrDefault(JobState.RUNNING, 0L) == 0 && i > 1) {
        return;
      }
    }
    throw new AssertionError("OrderImport did not settle: " + engine.store().count(OrderImport.NAME));
  }

  @Test
  void hostileAnswersAndCraftedValuesNeverChangeWhatIsWrittenAndNeverStopTheEngine() throws Exception {
    SyncEngine engine = engine();
    List<String> cases = new ArrayList<>();

    // 1-4: malformed and truncated JSON from both APIs: the cycle fails or the job retries; nothing is lost
    String[][] faults = {{"centra", "orders", "malformed"}, {"centra", "orders", "truncated"},
        {"sage", "GET /customer_emails", "malformed"}, {"sage", "POST /sop_orders", "truncated"}};
    for (String[] f : faults) {
      CentraOrder order = centraSandbox.placeOrder("GBP", Map.of(SKU, 1), "shopper" + cases.size() + "@example.com");
      Fault fault = f[2].equals("malformed") ? Fault.malformedBody() : Fault.truncatedBody();
      (f[0].equals("centra") ? centraSandbox.faults() : sageSandbox.faults()).inject(fault,
          FaultScope.nextCalls(1).on(f[1]));
      drain(engine);
      assertThat(sageSandbox.salesOrdersWithCustomerDocumentNo("CENTRA-" + order.number()))
          .as("order after a %s answer on %s", f[2], f[1]).hasSize(1);
      cases.add(f[0] + " " + f[1] + " " + f[2]);
    }

    // 5-12: e-mails crafted against OData filters and GraphQL documents, quotes, Unicode, control characters
    List<String> emails = List.of(
        "o'hara@example.com",
        "x@example.com' or email ne '",
        "') or (1 eq 1) or ('@example.com",
        "a\"}) { id } mutation { x @example.com",
        "%27%20or%201%20eq%201@example.com",
        "zoë.ünïcødé+日本@例え.jp",
        "tab\tand\\backslash@example.com",
        "$filter=Id gt 0&@example.com");
    // an existing account that a widened filter would match
    CentraOrder decoy = centraSandbox.placeOrder("GBP", Map.of(SKU, 1), "decoy@example.com");
    drain(engine);
    List<CentraOrder> crafted = new ArrayList<>();
    for (String email : emails) {
      crafted.add(centraSandbox.placeOrder("GBP", Map.of(SKU, 1), email));
    }
    drain(engine);
    for (int i = 0; i < emails.size(); i++) {
      String email = emails.get(i).trim().toLowerCase(java.util.Locale.ROOT);
      CentraOrder order = crafted.get(i);
      List<SageSalesOrder> written = sageSandbox.salesOrdersWithCustomerDocumentNo("CENTRA-" + order.number());
      Job job = jobFor(order.number());
      if (job.state() == JobState.PARKED) {
        // refused: with a reason, and nothing written
        assertThat(job.parkReasons()).as("reasons for %s", email).isNotEmpty();
        assertThat(written).isEmpty();
      } else {
        assertThat(written).as("Sage order for %s", email).hasSize(1);
        List<Customer> accounts = sage.customers().findByEmail(email);
        assertThat(accounts).as("accounts found for %s", email).hasSize(1);
        assertThat(accounts.get(0).reference()).isEqualTo(written.get(0).customerReference());
        assertThat(written.get(0).customerReference()).as("not the decoy's account")
            .isNotEqualTo(sageSandbox.salesOrdersWithCustomerDocumentNo("CENTRA-" + decoy.number()).get(0)
                .customerReference());
      }
      cases.add("email " + emails.get(i));
    }
    // on the wire: every e-mail lookup Sage received is one OData string literal, quotes doubled, and
    // every crafted e-mail was looked up as exactly that literal
    Pattern oneLiteral = Pattern.compile("(email|contact_default_email_address) eq '(?:[^']|'')*'");
    List<String> filters = new ArrayList<>();
    for (String operation : List.of("GET /customer_emails", "GET /customer_views")) {
      sageSandbox.receivedRequests(operation).forEach(r -> filters.add(r.query().get("$filter")));
    }
    assertThat(filters).isNotEmpty().allSatisfy(f -> assertThat(f).matches(oneLiteral));
    for (String email : emails) {
      String normalised = email.trim().toLowerCase(java.util.Locale.ROOT);
      assertThat(filters).as("the lookup of %s", email).contains("email eq '" + normalised.replace("'", "''") + "'");
    }
    // and no crafted value ever became part of a GraphQL document sent to Centra
    for (ReceivedRequest r : centraSandbox.receivedRequests()) {
      Object document = GRAPHQL_BODY.fromJson(r.body()).get("query");
      for (String email : emails) {
        assertThat(String.valueOf(document)).doesNotContain(email);
      }
    }
    cases.add("injection on the wire");

    // every crafted shopper has an account of their own: nothing was matched through a widened filter
    assertThat(sageSandbox.salesOrders().stream().filter(o -> o.customerDocumentNo().startsWith("CENTRA-"))
        .map(SageSalesOrder::customerReference).distinct().count())
        .isEqualTo(sageSandbox.salesOrders().stream().filter(o -> o.customerDocumentNo().startsWith("CENTRA-")).count());

    // 13: a huge e-mail (64 KiB): refused with a reason or imported under an account of its own; engine keeps going
    String huge = "h".repeat(65_536) + "@example.com";
    CentraOrder hugeOrder = centraSandbox.placeOrder("GBP", Map.of(SKU, 1), huge);
    CentraOrder after = centraSandbox.placeOrder("GBP", Map.of(SKU, 2), "after@example.com");
    drain(engine);
    Job hugeJob = jobFor(hugeOrder.number());
    assertThat(hugeJob.state()).isIn(JobState.SUCCEEDED, JobState.PARKED);
    if (hugeJob.state() == JobState.PARKED) {
      assertThat(hugeJob.parkReasons()).isNotEmpty().allSatisfy(r -> assertThat(r.length()).isLessThan(2_000));
      assertThat(sageSandbox.salesOrdersWithCustomerDocumentNo("CENTRA-" + hugeOrder.number())).isEmpty();
    }
    assertThat(sageSandbox.salesOrdersWithCustomerDocumentNo("CENTRA-" + after.number())).as("the next order").hasSize(1);
    cases.add("huge email");

    List<Job> unsettled = store.list(OrderImport.NAME, EnumSet.of(JobState.QUEUED, JobState.RUNNING,
        JobState.RETRYING), 0, 100);
    assertThat(unsettled).isEmpty();
    long parked = store.list(OrderImport.NAME, EnumSet.of(JobState.PARKED), 0, 100).size();
    ReliabilityResult.report("hostile", "hostile_cases", cases.size(), "parked", parked, "duplicates",
        sageSandbox.salesOrders().stream().collect(Collectors.groupingBy(SageSalesOrder::customerDocumentNo,
            Collectors.counting())).values().stream().filter(n -> n > 1).count());
  }

  private Job jobFor(int orderNumber) {
    return store.list(OrderImport.NAME, EnumSet.allOf(JobState.class), 0, 1000).stream()
        .filter(j -> j.reference().equals(Integer.toString(orderNumber)) || j.key().endsWith(":" + orderNumber))
        .findFirst().orElseThrow(() -> new AssertionError("no job for order " + orderNumber));
  }
}
