package io.github.centrasage.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.introspection.IntrospectionQuery;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.TokenProvider;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.integration.StoreIdentity;
import io.github.centrasage.sync.integration.StoreIdentityException;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.order.OrderImportOptions;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import io.github.centrasage.testing.SandboxShop;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each check broken on purpose against the sandboxes, and the finding it gives. */
class DoctorTest {
  private static SandboxShop shop;

  @BeforeAll
  static void startShop() {
    shop = SandboxShop.start();
  }

  @AfterAll
  static void stopShop() {
    shop.close();
  }

  private static Doctor.Builder doctor(SandboxShop s, Mappings mappings) {
    return Doctor.builder().centra(s.centraClient()).sage(s.sageClient()).mappings(mappings)
        .flows(new OrderImport(forFlows(s), OrderImportOptions.builder().discovery(OrderImportOptions.Discovery.POLLING)
            .build()));
  }

  /** An Integration to build flows with, over a store of its own: the doctor only reads the flows' options. */
  private static Integration forFlows(SandboxShop s) {
    return s.integration(new InMemorySyncStateStore(s.clock()));
  }

  private static OrderImport polling(Integration integration) {
    return new OrderImport(integration, OrderImportOptions.builder().discovery(OrderImportOptions.Discovery.POLLING)
        .defaultWarehouse(shop.centraWarehouse(SandboxShop.LEEDS)).build());
  }

  private static List<String> found(DoctorReport report, String id) {
    return report.findings(id).stream().map(Finding::found).toList();
  }

  @Test
  void theSeedShopWithItsOwnMappingsHasNoErrors() {
    DoctorReport report = doctor(shop, shop.mappings()).build().run();

    assertThat(report.errors()).as(report.toText()).isZero();
    assertThat(report.checks()).isGreaterThan(500); // every SKU is a check
    assertThat(found(report, "masterdata.counts")).containsExactly(
        "500 sellable Centra SKUs, 500 Sage products, 0 Centra SKUs without a Sage product");
  }

  @Test
  void aTaxCodeIdSageDoesNotHaveIsAnErrorNamingTheMappingLine() {
    Mappings wrong = Mappings.builder().from(shop.mappings()).taxCodes(List.of(
        Mappings.TaxCodeMapping.of(new BigDecimal("20"), null, 424242),
        shop.mappings().taxCodes().get(1))).build();

    DoctorReport report = doctor(shop, wrong).build().run();

    assertThat(report.findings("mappings.tax-code.missing")).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(f.found()).startsWith("tax.*.20 = 424242: Sage has no tax code with id 424242; its tax codes: ");
      assertThat(f.fix()).contains("tax.*.20");
    });
    assertThat(report.hasErrors()).isTrue();
  }

  @Test
  void aTaxCodeWhoseSageRateDiffersFromCentrasPercentIsAnError() {
    long zeroRated = shop.mappings().taxCodes().get(1).sageTaxCodeId();
    Mappings wrong = Mappings.builder().from(shop.mappings()).taxCodes(List.of(
        Mappings.TaxCodeMapping.of(new BigDecimal("20"), "GB", zeroRated))).build();

    DoctorReport report = doctor(shop, wrong).build().run();

    assertThat(found(report, "mappings.tax-code.rate-mismatch")).singleElement().asString()
        .contains("tax.GB.20 = " + zeroRated).contains("Centra's 20% maps to Sage tax code " + zeroRated)
        .endsWith("whose rate is 0%");
  }

  @Test
  void banksNominalsWarehousesAndSharedAccountsThatSageLacksAreErrors() {
    Mappings wrong = Mappings.builder().from(shop.mappings())
        .paymentAccounts(List.of(Mappings.PaymentAccounts.builder().method("adyen").clearingBank("9876")
            .currentBank("1200").feesNominal("7901").varianceNominal("5555").build()))
        .putWarehouse(shop.centraWarehouse(SandboxShop.LEEDS), "777")
        .putCustomerStrategy("UK", Mappings.CustomerStrategy.sharedAccount("NOSUCH"))
        .build();

    DoctorReport report = doctor(shop, wrong).build().run();

    assertThat(found(report, "mappings.bank.missing")).singleElement().asString()
        .startsWith("payment.adyen.clearingBank = 9876: Sage has no bank account with code 9876");
    assertThat(found(report, "mappings.nominal.missing")).containsExactly(
        "payment.adyen.varianceNominal = 5555: Sage has no nominal code 5555");
    assertThat(found(report, "mappings.warehouse.missing")).singleElement().asString()
        .startsWith("warehouse." + shop.centraWarehouse(SandboxShop.LEEDS) + " = 777: Sage has no warehouse with id 777");
    assertThat(found(report, "mappings.customer-account.missing")).containsExactly(
        "customer.UK = account:NOSUCH: Sage has no customer account NOSUCH");
  }

  @Test
  void aRequiredSageOrderFieldWithoutAMappingIsAnError() {
    Doctor.Builder unmapped = doctor(shop, shop.mappings());
    DoctorReport report = Doctor.builder().centra(shop.centraClient()).sage(shop.sageClient())
        .mappings(shop.mappings()).flows(new OrderImport(forFlows(shop), OrderImportOptions.builder()
            .discovery(OrderImportOptions.Discovery.POLLING).addRequiredFields("analysis_code_1").build()))
        .build().run();

    assertThat(report.findings("mappings.required-field.unmapped")).singleElement().satisfies(f -> {
      assertThat(f.found()).isEqualTo("the Sage site requires analysis_code_1 on a sales order"
          + " (OrderImportOptions.requiredFields) and the mappings give it no value: every order would park");
      assertThat(f.fix()).isEqualTo("add required.analysis_code_1 = <value> to the mappings file (requiredFieldDefaults)");
    });
    assertThat(unmapped.build().run().findings("mappings.required-field.unmapped")).isEmpty();
  }

  @Test
  void aCentraSkuSageLacksIsReportedBeforeAnyOrderForIt() {
    try (SandboxShop own = SandboxShop.start()) {
      String sku = own.sku(7);
      own.centra().changeSku(sku, "NEW-SEASON-1");

      DoctorReport report = doctor(own, own.mappings()).build().run();

      assertThat(found(report, "masterdata.sage-product.missing")).singleElement().asString()
          .startsWith("Centra sells SKU NEW-SEASON-1 (product ").endsWith("and Sage has no product with that code: its orders park");
      assertThat(report.findings("masterdata.sage-product.missing").get(0).severity()).isEqualTo(Severity.ERROR);
      assertThat(own.sage().salesOrders()).isEmpty(); // read-only: nothing was written
    }
  }

  @Test
  void twoSageProductsWithOneBarcodeAreAnErrorNamingBoth() {
    try (SandboxShop own = SandboxShop.start()) {
      String barcode = own.sageClient().products().list(io.github.centrasage.sage200.ODataQuery.where(
          io.github.centrasage.sage200.ODataFilter.eq("code", own.sku(1)))).get(0).barcode().orElseThrow();
      own.sage().editProduct(own.sku(4), "barcode", barcode);

      DoctorReport report = doctor(own, own.mappings()).build().run();

      assertThat(report.findings("masterdata.sage-barcode.duplicate")).singleElement().satisfies(f -> {
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.found()).contains(own.sku(1)).contains(own.sku(4)).contains(barcode);
      });
    }
  }

  @Test
  void aSageProductOnHoldThatCentraSellsIsAWarning() {
    try (SandboxShop own = SandboxShop.start()) {
      own.sage().editProduct(own.sku(4), "allow_sales_order", false);

      DoctorReport report = doctor(own, own.mappings()).build().run();

      assertThat(found(report, "masterdata.sage-product.on-hold")).singleElement().asString()
          .startsWith("Sage product " + own.sku(4) + " (id ").endsWith("is on hold or not allowed on sales orders, and Centra sells it");
    }
  }

  @Test
  void aStoreOfAnotherSageCompanyIsRefusedByTheDoctorAndTheIntegration() {
    InMemorySyncStateStore store = new InMemorySyncStateStore(shop.clock());
    Sage200Client testCompany = Sage200Client.builder().baseUrl(shop.sage().baseUrl()).siteId(shop.sage().siteId())
        .companyId(shop.sage().companyId() + 1).tokenProvider(TokenProvider.staticToken("t")).allowPlainHttp(true).build();
    StoreIdentity.claim(store, StoreIdentity.of(shop.centraClient(), testCompany));

    DoctorReport report = doctor(shop, shop.mappings()).store(store).build().run();

    assertThat(found(report, "identity.store.other-system")).containsExactly("the store belongs to another system: the"
        + " store belongs to Sage company " + (shop.sage().companyId() + 1) + ", the clients point at "
        + shop.sage().companyId());
    Assertions.assertThatThrownBy(() -> shop.integration(store))
        .isInstanceOf(StoreIdentityException.class).hasMessageContaining("Sage company");
  }

  @Test
  void theIntegrationsFirstBuildClaimsTheStoreAndTheDoctorGivenItSeesItsOwnPair() {
    InMemorySyncStateStore store = new InMemorySyncStateStore(shop.clock());
    Integration integration = shop.integration(store);
    shop.engine(integration).flow(polling(integration)).build().close();

    // the host's Integration gives the doctor its clients, mappings and store
    DoctorReport report = Doctor.builder().integration(integration).flows(polling(integration)).build().run();

    assertThat(report.findings("identity.store.other-system")).isEmpty();
    assertThat(found(report, "identity.store.matches")).singleElement().asString()
        .contains(shop.centra().baseUrl()).contains("company " + shop.sage().companyId());
  }

  @Test
  void anEventQueueTheEngineSubscribedToAndCentraNoLongerHasIsAnError() {
    InMemorySyncStateStore store = new InMemorySyncStateStore(shop.clock());
    OrderImport events = new OrderImport(forFlows(shop), OrderImportOptions.builder()
        .discovery(OrderImportOptions.Discovery.EVENTS).build());
    DoctorReport before = Doctor.builder().centra(shop.centraClient()).sage(shop.sageClient())
        .mappings(shop.mappings()).store(store).flows(events).build().run();
    assertThat(found(before, "setup.events.not-subscribed")).singleElement().asString()
        .startsWith("OrderImport reads Centra's Order events and the tenant has no such listener yet");
    // the store says the engine subscribed; the tenant's listener is gone (unsetEventListeners, another app)
    store.putCursor("OrderImport.events-subscribed-at", "2026-11-20T09:00:00Z");

    DoctorReport after = Doctor.builder().centra(shop.centraClient()).sage(shop.sageClient())
        .mappings(shop.mappings()).store(store).flows(events).build().run();

    assertThat(after.findings("setup.events.unsubscribed")).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(f.found()).isEqualTo("OrderImport subscribed to Order events at 2026-11-20T09:00:00Z, and Centra no"
          + " longer has that listener: nothing reaches the flow, and unsetEventListeners deleted the events queued"
          + " until then");
      assertThat(f.fix()).contains("discovery(POLLING)");
    });
  }

  private static final String TENANT_SDL = String.join("\n",
      "type Query { rateLimits: [RateLimit!]! pricelists(limit: Int, page: Int): [Pricelist!]! }",
      "type RateLimit { type: String intervalSeconds: Int quota: Int usedQuota: Int %s }",
      "type Pricelist { id: Int! name: String status: String currency: Currency }",
      "type Currency { code: String name: String }");

  private static Supplier<Object> tenantSchema(String sdl) {
    var schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().parse(sdl));
    ExecutionResult result = GraphQL.newGraphQL(schema).build().execute(IntrospectionQuery.INTROSPECTION_QUERY);
    Map<String, Object> data = result.getData();
    return () -> data.get("__schema");
  }

  @Test
  void aFieldTheClientSelectsAndTheTenantsSchemaLacksIsAnErrorForThatDocument() {
    DoctorReport complete = doctor(shop, shop.mappings())
        .centraIntrospection(tenantSchema(String.format(TENANT_SDL, "remainingQuota: Int"))).build().run();
    DoctorReport lacking = doctor(shop, shop.mappings())
        .centraIntrospection(tenantSchema(String.format(TENANT_SDL, ""))).build().run();

    assertThat(found(complete, "contract.centra.field-missing")).noneMatch(f -> f.startsWith("RateLimits:"))
        .noneMatch(f -> f.startsWith("Pricelists:"));
    assertThat(found(lacking, "contract.centra.field-missing")).filteredOn(f -> f.startsWith("RateLimits:"))
        .singleElement().asString().contains("'remainingQuota'").contains("'RateLimit'");
  }

  @Test
  void theLiveSchemaValidatesEveryShippedDocumentAndAFieldItDropsIsNamed() {
    DoctorReport live = doctor(shop, shop.mappings()).build().run();
    assertThat(live.findings().stream().filter(f -> f.id().startsWith("contract.centra."))
        .filter(f -> f.severity() == Severity.ERROR)).isEmpty();
    assertThat(live.countsById().get("contract.centra.inferred-confirmed")).isPositive();

    // the tenant's own schema, as introspection returns it, without Order.number
    @SuppressWarnings("unchecked")
    Map<String, Object> schema = (Map<String, Object>) shop.centraClient()
        .readQuery(IntrospectionQuery.INTROSPECTION_QUERY, "__schema");
    for (Object type : (List<?>) schema.get("types")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> t = (Map<String, Object>) type;
      if (t.get("fields") instanceof List<?> fields && List.of("Order", "DirectToConsumerOrder").contains(t.get("name"))) {
        fields.removeIf(f -> "number".equals(((Map<?, ?>) f).get("name")));
      }
    }
    DoctorReport lacking = doctor(shop, shop.mappings()).centraIntrospection(() -> schema).build().run();

    assertThat(found(lacking, "contract.centra.field-missing")).filteredOn(f -> f.startsWith("OrderById:"))
        .isNotEmpty().allSatisfy(f -> assertThat(f).contains("'number'"));
    assertThat(lacking.hasErrors()).isTrue();
  }

  @Test
  void theSummaryLineAndJsonCountEveryFinding() throws Exception {
    Mappings wrong = Mappings.builder().from(shop.mappings()).taxCodes(List.of(
        Mappings.TaxCodeMapping.of(new BigDecimal("20"), null, 424242))).build();
    DoctorReport report = doctor(shop, wrong).build().run();

    assertThat(report.summaryLine()).isEqualTo("DOCTOR RESULT errors=" + report.errors() + " warnings="
        + report.warnings() + " checks=" + report.checks());
    assertThat(report.errors()).isEqualTo((int) report.findings().stream().filter(f -> f.severity() == Severity.ERROR)
        .count());
    @SuppressWarnings("unchecked")
    Map<String, Object> json = new com.squareup.moshi.Moshi.Builder().build().adapter(Map.class).fromJson(report.toJson());
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) json.get("result");
    assertThat(result).containsEntry("errors", (double) report.errors()).containsEntry("checks", (double) report.checks());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> findings = (List<Map<String, Object>>) json.get("findings");
    assertThat(findings).anySatisfy(f -> assertThat(f)
        .containsEntry("id", "mappings.tax-code.missing").containsEntry("severity", "error"));
    assertThat(report.toText()).contains("mappings (1 errors, ").contains("  ERROR mappings.tax-code.missing ×1\n")
        .endsWith(report.summaryLine() + "\n");
  }

  @Test
  void aLongListOfOneFindingIsCutButStillCounted() {
    try (SandboxShop own = SandboxShop.start()) {
      for (int i = 0; i < 5; i++) {
        own.centra().changeSku(own.sku(i), "GONE-" + i);
      }
      DoctorReport report = doctor(own, own.mappings()).maxFindingsPerId(2).build().run();

      assertThat(report.countsById()).containsEntry("masterdata.sage-product.missing", 5);
      assertThat(found(report, "masterdata.sage-product.missing")).hasSize(3)
          .last().isEqualTo("3 more like the above (masterdata.sage-product.missing) not listed");
      assertThat(report.errors()).isGreaterThanOrEqualTo(5);
    }
  }
}
