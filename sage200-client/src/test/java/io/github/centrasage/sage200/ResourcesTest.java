package io.github.centrasage.sage200;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.centrasage.sage200.model.AllocationLine;
import io.github.centrasage.sage200.model.BankAnalysisItem;
import io.github.centrasage.sage200.model.BankEntry;
import io.github.centrasage.sage200.model.BankTransfer;
import io.github.centrasage.sage200.model.ContactEmail;
import io.github.centrasage.sage200.model.Customer;
import io.github.centrasage.sage200.model.DespatchConfirmation;
import io.github.centrasage.sage200.model.DespatchItem;
import io.github.centrasage.sage200.model.DespatchTracking;
import io.github.centrasage.sage200.model.DespatchableLine;
import io.github.centrasage.sage200.model.NewAddress;
import io.github.centrasage.sage200.model.NewCustomer;
import io.github.centrasage.sage200.model.NewCustomerContact;
import io.github.centrasage.sage200.model.NominalAnalysisItem;
import io.github.centrasage.sage200.model.OrderDespatchView;
import io.github.centrasage.sage200.model.SalesAllocation;
import io.github.centrasage.sage200.model.SalesCreditNote;
import io.github.centrasage.sage200.model.SalesReceipt;
import io.github.centrasage.sage200.model.SalesReturn;
import io.github.centrasage.sage200.model.NewSalesReturn;
import io.github.centrasage.sage200.model.NewSalesReturnLine;
import io.github.centrasage.sage200.model.Site;
import io.github.centrasage.sage200.model.TaxAnalysisItem;
import io.github.centrasage.sage200.model.TrackingItem;
import io.github.centrasage.sage200.model.WarehouseHolding;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ResourcesTest extends WireMockTestBase {

  private void stubGet(String path, String json) {
    wm.stubFor(get(urlPathEqualTo(BASE + path)).willReturn(okJson(json)));
  }

  @Test
  void readRawGivesRecordsAsSentAndModelFieldsTheNamesTheModelReads() {
    stubGet("/warehouses", "[{\"id\": 11, \"name\": \"Leeds\", \"brand_new_field\": true}]");

    List<java.util.Map<String, Object>> rows = client().warehouses().readRaw(ODataQuery.builder().top(1).build());

    assertThat(rows).singleElement().satisfies(r -> assertThat(r).containsEntry("name", "Leeds")
        .containsEntry("brand_new_field", true).containsKey("id"));
    wm.verify(getRequestedFor(urlPathEqualTo(BASE + "/warehouses")).withQueryParam("$top", equalTo("1")));
    assertThat(client().warehouses().modelFields()).containsEntry("id", true).containsEntry("name", true)
        .containsEntry("description", false).containsEntry("date_time_updated", false);
    assertThat(client().salesOrders().modelFields()).containsEntry("analysis_code_1", false)
        .doesNotContainKey("lines"); // collections come only with $expand
    assertThat(client().salesOrders().resourceName()).isEqualTo("sop_orders");
  }

  @Test
  void listsSitesWithoutSiteAndCompanyHeaders() {
    stubGet("/sites", "[{\"company_id\": 123, \"company_name\": \"APITestCompany\","
        + " \"site_id\": \"" + SITE + "\", \"site_name\": \"Demodata\", \"site_short_name\": \"demo\"}]");
    List<Site> sites = client().sites();
    assertThat(sites).singleElement().satisfies(site -> {
      assertThat(site.companyId()).isEqualTo(123L);
      assertThat(site.siteId()).isEqualTo(SITE);
      assertThat(site.siteName()).contains("Demodata");
    });
    wm.verify(getRequestedFor(urlPathEqualTo(BASE + "/sites"))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withHeader("X-Site", absent()).withHeader("X-Company", absent()));
  }

  @Test
  void aSiteDirectoryNeedsNoSiteOrCompany() {
    stubGet("/sites", "[{\"company_id\": 7, \"site_id\": \"abc\"}]");
    SiteDirectory directory = Sage200Client.builder().baseUrl(wm.baseUrl() + BASE).allowPlainHttp(true)
        .tokenProvider(TokenProvider.staticToken(TOKEN)).buildSiteDirectory();
    assertThat(directory.sites()).extracting(Site::companyId).containsExactly(7L);
    wm.verify(getRequestedFor(urlPathEqualTo(BASE + "/sites")).withHeader("X-Site", absent()));
  }

  @Test
  void createsACustomerAndFindsItByReference() {
    String customerJson = "{\"id\": 27006, \"reference\": \"WEB00001\", \"name\": \"Jane Doe\", \"currency_id\": 2102,"
        + " \"credit_limit\": 1000.00, \"main_address\": {\"address_1\": \"1 High St\", \"city\": \"Leeds\"},"
        + " \"contacts\": [{\"id\": 1, \"first_name\": \"Jane\", \"emails\": [{\"id\": 2, \"email\": \"jane@example.com\","
        + " \"is_default\": true}]}]}";
    wm.stubFor(post(urlPathEqualTo(BASE + "/customers")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody(customerJson)));
    stubGet("/customers", "[" + customerJson + "]");
    NewCustomer newCustomer = NewCustomer.builder().reference("WEB00001").name("Jane Doe").currencyId(2102)
        .countryCodeId(13)
        .mainAddress(NewAddress.builder().address1("1 High St").city("Leeds").postcode("LS1 1AA").build())
        .addContacts(NewCustomerContact.builder().firstName("Jane").lastName("Doe")
            .addEmails(ContactEmail.builder().email("jane@example.com").isDefault(true).build()).build())
        .build();

    Customer created = client().customers().create(newCustomer);
    Customer found = client().customers().findByReference("WEB00001").orElseThrow();

    assertThat(created.creditLimit()).contains(new BigDecimal("1000.00"));
    assertThat(found.contacts().get(0).emails().get(0).email()).isEqualTo("jane@example.com");
    wm.verify(postRequestedFor(urlPathEqualTo(BASE + "/customers")).withRequestBody(equalToJson(
        "{\"reference\": \"WEB00001\", \"name\": \"Jane Doe\", \"currency_id\": 2102, \"country_code_id\": 13,"
            + " \"main_address\": {\"address_1\": \"1 High St\", \"city\": \"Leeds\", \"postcode\": \"LS1 1AA\"},"
            + " \"contacts\": [{\"first_name\": \"Jane\", \"last_name\": \"Doe\","
            + " \"emails\": [{\"email\": \"jane@example.com\", \"is_default\": true}]}]}")));
    wm.verify(getRequestedFor(urlPathEqualTo(BASE + "/customers"))
        .withQueryParam("$filter", equalTo("reference eq 'WEB00001'")).withQueryParam("$top", equalTo("2")));
  }

  @Test
  void customerReferenceLongerThanEightCharactersFailsAtBuild() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> NewCustomer.builder().reference("TOOLONG12").name("x").build())
        .hasMessageContaining("reference is at most 8");
  }

  @Test
  void findsCustomersByEmailThroughViewsAndContactEmails() {
    stubGet("/customer_views", "[{\"id\": 1, \"reference\": \"A\", \"contact_default_email_address\": \"a@b.com\"}]");
    stubGet("/customer_emails", "[{\"id\": 77, \"email\": \"a@b.com\", \"customer_contact_id\": 501}]");
    stubGet("/customer_contacts/501", "{\"id\": 501, \"customer_id\": 2}");
    stubGet("/customers/1", "{\"id\": 1, \"reference\": \"A\"}");
    stubGet("/customers/2", "{\"id\": 2, \"reference\": \"B\"}");

    List<Customer> found = client().customers().findByEmail("a@b.com");

    assertThat(found).extracting(Customer::reference).containsExactly("A", "B");
    wm.verify(getRequestedFor(urlPathEqualTo(BASE + "/customer_views"))
        .withQueryParam("$filter", equalTo("contact_default_email_address eq 'a@b.com'")));
    wm.verify(getRequestedFor(urlPathEqualTo(BASE + "/customer_emails"))
        .withQueryParam("$filter", equalTo("email eq 'a@b.com'")));
  }

  @Test
  void listsDespatchableLinesAndPostsADespatchWithTracking() {
    // Sage's shape: one sop_confirm_despatch_adjustment per order, its lines in items[].
    stubGet("/sop_confirm_despatch", "[{\"sop_order_return_id\": 1388180, \"confirmation_intent_type\":"
        + " \"ConfirmOnDespatch\", \"items\": [{\"id\": 5566001, \"sop_order_return_id\": 1388180,"
        + " \"document_no\": \"0000012345\", \"item_code\": \"TS-M\", \"item_name\": \"T-shirt M\","
        + " \"outstanding_quantity\": 2, \"available_quantity\": 2, \"warehouse_name\": \"Main\", \"bin_items\": []}]}]");
    wm.stubFor(post(urlPathEqualTo(BASE + "/sop_confirm_despatch")).willReturn(okJson("{}")));

    List<DespatchableLine> lines = client().despatches().despatchableLines("0000012345");
    client().despatches().confirm(DespatchConfirmation.builder()
        .sopOrderReturnId(1388180).despatchReceiptDate(LocalDate.of(2025, 3, 2))
        .addItems(DespatchItem.builder().id(5566001).quantity(new BigDecimal("2")).build())
        .addTrackingItems(TrackingItem.builder().sopOrderReturnId(1388180).courierId(3).consignmentNo("1Z999")
            .pieces(1).weight(new BigDecimal("1.2")).build())
        .build());

    assertThat(lines).singleElement().satisfies(line -> {
      assertThat(line.id()).isEqualTo(5566001L);
      assertThat(line.availableQuantity()).contains(new BigDecimal("2"));
      assertThat(line.itemName()).contains("T-shirt M");
      assertThat(line.extraFields()).containsKey("bin_items");
    });
    wm.verify(getRequestedFor(urlPathEqualTo(BASE + "/sop_confirm_despatch"))
        .withQueryParam("$filter", equalTo("document_no eq '0000012345'")));
    wm.verify(postRequestedFor(urlPathEqualTo(BASE + "/sop_confirm_despatch")).withRequestBody(equalToJson(
        "{\"sop_order_return_id\": 1388180, \"despatch_receipt_date\": \"2025-03-02T00:00:00Z\","
            + " \"items\": [{\"id\": 5566001, \"quantity\": 2}],"
            + " \"tracking_items\": [{\"sop_order_return_id\": 1388180, \"courier_id\": 3,"
            + " \"consignment_no\": \"1Z999\", \"pieces\": 1, \"weight\": 1.2}]}")));
  }

  @Test
  void readsDespatchViewsSinceAnInstantAndUpdatesDespatchTracking() {
    stubGet("/sop_order_despatch_views", "[{\"sop_despatch_id\": 44, \"sop_despatch_date\": \"2025-03-02T00:00:00\","
        + " \"sop_despatch_consignment_no\": \"1Z999\", \"sop_order_id\": 1388180,"
        + " \"sop_order_customer_document_no\": \"CENTRA-100234\"}]");
    wm.stubFor(put(urlPathEqualTo(BASE + "/sop_despatch_receipts/44"))
        .willReturn(okJson("{\"id\": 44, \"despatch_no\": \"D0044\", \"consignment_no\": \"1Z999\"}")));

    List<OrderDespatchView> views = client().despatches().despatchedSince(Instant.parse("2025-03-01T00:00:00Z"))
        .collect(Collectors.toList());
    client().despatches().updateTracking(44, DespatchTracking.builder().courierId(3).consignmentNo("1Z999").build());

    assertThat(views).singleElement().satisfies(view -> {
      assertThat(view.sopOrderCustomerDocumentNo()).contains("CENTRA-100234");
      assertThat(view.sopDespatchDate().orElseThrow().toInstant()).isEqualTo(Instant.parse("2025-03-02T00:00:00Z"));
    });
    wm.verify(getRequestedFor(urlPathEqualTo(BASE + "/sop_order_despatch_views"))
        .withQueryParam("$filter", equalTo("sop_despatch_date ge 2025-03-01T00:00:00Z"))
        .withQueryParam("$orderby", equalTo("sop_despatch_id asc")));
    wm.verify(putRequestedFor(urlPathEqualTo(BASE + "/sop_despatch_receipts/44"))
        .withRequestBody(equalToJson("{\"courier_id\": 3, \"consignment_no\": \"1Z999\"}")));
  }

  @Test
  void readsDespatchReceiptById() {
    stubGet("/sop_despatch_receipts/44", "{\"id\": 44, \"despatch_no\": \"D0044\", \"pieces\": 2}");
    assertThat(client().despatches().receipts().get(44).pieces()).hasValue(2L);
  }

  @Test
  void readsWarehouseHoldingsByChangeProductAndWarehouse() {
    String holding = "[{\"id\": 9001, \"product_id\": 31234, \"warehouse_id\": 1510, \"quantity_in_stock\": 12.00000,"
        + " \"quantity_allocated\": 2.00000, \"free_stock_available\": 10.00000,"
        + " \"date_time_updated\": \"2025-03-01T10:05:00Z\"}]";
    stubGet("/warehouse_holdings", holding);

    List<WarehouseHolding> changed = client().warehouseHoldings().updatedSince(Instant.parse("2025-03-01T10:00:00Z"))
        .collect(Collectors.toList());
    client().warehouseHoldings().forProduct(31234).count();
    client().warehouseHoldings().forWarehouse(1510).count();

    assertThat(changed).singleElement().satisfies(h -> {
      assertThat(h.freeStockAvailable()).contains(new BigDecimal("10.00000"));
      assertThat(h.productId()).isEqualTo(31234L);
    });
    wm.verify(getRequestedFor(urlPathEqualTo(BASE + "/warehouse_holdings"))
        .withQueryParam("$filter", equalTo("date_time_updated gt 2025-03-01T10:00:00Z")));
    wm.verify(getRequestedFor(urlPathEqualTo(BASE + "/warehouse_holdings"))
        .withQueryParam("$filter", equalTo("product_id eq 31234")));
    wm.verify(getRequestedFor(urlPathEqualTo(BASE + "/warehouse_holdings"))
        .withQueryParam("$filter", equalTo("warehouse_id eq 1510")));
  }

  @Test
  void readsReferenceData() {
    stubGet("/products", "[{\"id\": 31234, \"code\": \"TS-M\", \"name\": \"T-shirt M\", \"free_stock_quantity\": 10}]");
    stubGet("/warehouses", "[{\"id\": 1510, \"name\": \"Main\"}]");
    stubGet("/product_price_views", "[{\"product_price_id\": 7, \"product_id\": 31234, \"price_band_id\": 1,"
        + " \"product_price_price\": 24.99, \"currency_id\": 2102}]");
    stubGet("/price_bands", "[{\"id\": 1, \"name\": \"Standard\", \"is_standard_band\": true}]");
    stubGet("/tax_codes/1729", "{\"id\": 1729, \"code\": 1, \"name\": \"Standard\", \"tax_rate\": 20.00}");
    stubGet("/currencies", "[{\"id\": 2102, \"symbol\": \"£\", \"name\": \"Pound Sterling\", \"is_base_currency\": true,"
        + " \"core_currency_rate\": 1.000000}]");
    stubGet("/banks", "[{\"id\": 3301, \"code\": \"1210\", \"description\": \"Adyen clearing\", \"balance\": -12.34}]");
    stubGet("/nominal_codes", "[{\"id\": 55, \"reference\": \"7901\", \"name\": \"Bank charges\"}]");

    Sage200Client sage = client();
    assertThat(sage.products().findByCode("TS-M").orElseThrow().freeStockQuantity()).contains(BigDecimal.TEN);
    assertThat(sage.warehouses().list(ODataQuery.all())).extracting(w -> w.name()).containsExactly("Main");
    assertThat(sage.productPrices().stream(ODataQuery.where(ODataFilter.eq("product_id", 31234L)))
        .findFirst().orElseThrow().productPricePrice()).contains(new BigDecimal("24.99"));
    assertThat(sage.priceBands().list(ODataQuery.all()).get(0).isStandardBand()).contains(true);
    assertThat(sage.taxCodes().get(1729).taxRate()).contains(new BigDecimal("20.00"));
    assertThat(sage.currencies().list(ODataQuery.all()).get(0).symbol()).contains("£");
    assertThat(sage.banks().list(ODataQuery.all()).get(0).balance()).contains(new BigDecimal("-12.34"));
    assertThat(sage.nominalCodes().list(ODataQuery.all()).get(0).reference()).isEqualTo("7901");
    wm.verify(getRequestedFor(urlPathEqualTo(BASE + "/products")).withQueryParam("$filter", equalTo("code eq 'TS-M'")));
    wm.verify(getRequestedFor(urlPathEqualTo(BASE + "/product_price_views"))
        .withQueryParam("$orderby", equalTo("product_price_id asc")));
  }

  @Test
  void postsACreditNoteAndReturnsItsUrn() {
    wm.stubFor(post(urlPathEqualTo(BASE + "/sales_credit_notes")).willReturn(okJson("{\"urn\": \"123456\"}")));
    String urn = client().salesCreditNotes().post(SalesCreditNote.builder()
        .customerId(27006).reference("CENTRA-RMA-77").secondReference("CENTRA-100234")
        .transactionDate(LocalDate.of(2025, 3, 5))
        .documentGoodsValue(new BigDecimal("20.83")).documentTaxValue(new BigDecimal("4.17"))
        .addTaxAnalysisItems(TaxAnalysisItem.builder().id(1729).goodsAmount(new BigDecimal("20.83"))
            .taxAmount(new BigDecimal("4.17")).build())
        .addNominalAnalysisItems(NominalAnalysisItem.builder().code("4000").value(new BigDecimal("20.83"))
            .narrative("Web return").build())
        .build());
    assertThat(urn).isEqualTo("123456");
    wm.verify(postRequestedFor(urlPathEqualTo(BASE + "/sales_credit_notes")).withRequestBody(equalToJson(
        "{\"customer_id\": 27006, \"reference\": \"CENTRA-RMA-77\", \"second_reference\": \"CENTRA-100234\","
            + " \"transaction_date\": \"2025-03-05T00:00:00Z\", \"document_goods_value\": 20.83,"
            + " \"document_tax_value\": 4.17,"
            + " \"tax_analysis_items\": [{\"id\": 1729, \"goods_amount\": 20.83, \"tax_amount\": 4.17}],"
            + " \"nominal_analysis_items\": [{\"code\": \"4000\", \"value\": 20.83, \"narrative\": \"Web return\"}]}")));
  }

  @Test
  void createsAndReadsSalesReturnsKeepingUnknownFields() {
    String answer = "{\"id\": 9, \"document_no\": \"R001\", \"customer_id\": 27006, \"return_reason_id\": 4,"
        + " \"lines\": [{\"id\": 1, \"line_type\": \"EnumLineTypeStandard\", \"line_quantity\": 1,"
        + " \"restock\": true}]}";
    wm.stubFor(post(urlPathEqualTo(BASE + "/sop_returns")).willReturn(okJson(answer)));
    stubGet("/sop_returns/9", answer);

    SalesReturn created = client().salesReturns().create(NewSalesReturn.builder().customerId(27006)
        .customerDocumentNo("CENTRA-RMA-77").putExtraFields("return_reason_id", 4)
        .addLines(NewSalesReturnLine.freeText("Returned", BigDecimal.ONE, BigDecimal.TEN).build()).build());
    SalesReturn read = client().salesReturns().get(9);

    assertThat(created.extraFields()).containsEntry("return_reason_id", 4.0);
    assertThat(read.lines().get(0).extraFields()).containsEntry("restock", true);
    wm.verify(postRequestedFor(urlPathEqualTo(BASE + "/sop_returns")).withRequestBody(equalToJson(
        "{\"customer_id\": 27006, \"customer_document_no\": \"CENTRA-RMA-77\", \"return_reason_id\": 4,"
            + " \"lines\": [{\"line_type\": \"EnumLineTypeFreeText\", \"description\": \"Returned\","
            + " \"line_quantity\": 1, \"selling_unit_price\": 10}]}")));
  }

  @Test
  void createsASalesReturnWithItsReferenceInCustomerDocumentNoAndFindsItByReference() {
    wm.stubFor(post(urlPathEqualTo(BASE + "/sop_returns")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\": 12, \"document_no\": \"0000000003\", \"customer_document_no\": \"RMA77\"}")));
    stubGet("/sop_returns", "[{\"id\": 12, \"customer_document_no\": \"RMA77\", \"total_gross_value\": 24.00}]");
    SalesReturns returns = client().salesReturns();

    SalesReturn created = returns.create("RMA77", NewSalesReturn.builder().customerId(27006)
        .documentDate(LocalDate.of(2025, 3, 5))
        .addLines(NewSalesReturnLine.standard(41, 7, new BigDecimal("2")).sellingUnitPrice(new BigDecimal("10.00"))
            .taxCodeId(1729).build())
        .addLines(NewSalesReturnLine.freeText("Refunded carriage", BigDecimal.ONE, new BigDecimal("3.33"))
            .nominalReference("4900").taxCodeId(1729).build())
        .build());
    List<SalesReturn> found = returns.findByReference("RMA77");

    assertThat(created.documentNo()).contains("0000000003");
    assertThat(returns.referenceOf(found.get(0))).contains("RMA77");
    assertThat(found.get(0).totalGrossValue()).contains(new BigDecimal("24.00"));
    wm.verify(postRequestedFor(urlPathEqualTo(BASE + "/sop_returns")).withRequestBody(equalToJson(
        "{\"customer_id\": 27006, \"document_date\": \"2025-03-05T00:00:00Z\", \"customer_document_no\": \"RMA77\","
            + " \"lines\": [{\"line_type\": \"EnumLineTypeStandard\", \"product_id\": 41, \"warehouse_id\": 7,"
            + " \"line_quantity\": 2, \"selling_unit_price\": 10.00, \"tax_code_id\": 1729},"
            + " {\"line_type\": \"EnumLineTypeFreeText\", \"description\": \"Refunded carriage\", \"line_quantity\": 1,"
            + " \"selling_unit_price\": 3.33, \"tax_code_id\": 1729, \"nominal_reference\": \"4900\"}]}")));
    wm.verify(getRequestedFor(urlPathEqualTo(BASE + "/sop_returns"))
        .withQueryParam("$filter", equalTo("customer_document_no eq 'RMA77'")));
  }

  @Test
  void usesTheConfiguredSalesReturnResourceAndReferenceField() {
    wm.stubFor(post(urlPathEqualTo(BASE + "/sales_returns")).willReturn(okJson("{\"id\": 5, \"spare_text_1\": \"RMA9\"}")));
    stubGet("/sales_returns", "[{\"id\": 5, \"spare_text_1\": \"RMA9\"}]");
    SalesReturns returns = builder().salesReturnsResource("sales_returns").salesReturnReferenceField("spare_text_1")
        .build().salesReturns();

    returns.create("RMA9", NewSalesReturn.builder().customerId(1)
        .addLines(NewSalesReturnLine.standard(41, 7, BigDecimal.ONE).build()).build());
    List<SalesReturn> found = returns.findByReference("RMA9");

    assertThat(returns.referenceOf(found.get(0))).contains("RMA9");
    wm.verify(postRequestedFor(urlPathEqualTo(BASE + "/sales_returns")).withRequestBody(equalToJson(
        "{\"customer_id\": 1, \"spare_text_1\": \"RMA9\", \"lines\": [{\"line_type\": \"EnumLineTypeStandard\","
            + " \"product_id\": 41, \"warehouse_id\": 7, \"line_quantity\": 1}]}")));
    wm.verify(getRequestedFor(urlPathEqualTo(BASE + "/sales_returns"))
        .withQueryParam("$filter", equalTo("spare_text_1 eq 'RMA9'")));
  }

  @Test
  void rejectsSalesReturnsWithoutLinesOrWithAStandardLineWithoutQuantity() {
    assertThatThrownBy(() -> NewSalesReturn.builder().customerId(1).build())
        .hasMessageContaining("NewSalesReturn.lines needs at least one entry");
    assertThatThrownBy(() -> NewSalesReturnLine.standard(41, 7, BigDecimal.ZERO).build())
        .hasMessageContaining("positive line_quantity");
    assertThatThrownBy(() -> builder().salesReturnsResource("sop returns?").salesReturnReferenceField("").build())
        .hasMessageContaining("salesReturnsResource must be a resource name")
        .hasMessageContaining("salesReturnReferenceField must be a field name");
  }

  @Test
  void postsReceiptsAllocationsAndCashBookEntries() {
    wm.stubFor(post(urlPathEqualTo(BASE + "/sales_receipts")).willReturn(okJson("{\"urn\": \"1001\"}")));
    wm.stubFor(post(urlPathEqualTo(BASE + "/sales_allocations")).willReturn(okJson("{}")));
    wm.stubFor(post(urlPathEqualTo(BASE + "/bank_payment")).willReturn(okJson("{\"urn\": \"1002\"}")));
    wm.stubFor(post(urlPathEqualTo(BASE + "/bank_receipt")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("{\"urn\": \"1003\"}")));
    wm.stubFor(post(urlPathEqualTo(BASE + "/bank_transfer")).willReturn(okJson("{\"urn\": \"1004\"}")));
    Sage200Client sage = client();
    BankEntry fees = BankEntry.builder().bankId(3301).transactionDate(LocalDate.of(2025, 3, 3))
        .reference("ADYEN-SETT-0042").narrative("Adyen fees batch 42")
        .addNominalAnalysisItems(BankAnalysisItem.builder().code("7901").grossValue(new BigDecimal("12.34"))
            .goodsValue(new BigDecimal("12.34")).taxCodeId(1731).taxValue(BigDecimal.ZERO)
            .narrative("Processing fees").build())
        .build();

    String receiptUrn = sage.salesReceipts().post(SalesReceipt.builder().customerId(27006).bankId(3301)
        .chequeValue(new BigDecimal("59.99")).transactionDate(LocalDate.of(2025, 3, 1))
        .reference("ADYEN-PSP-123").secondReference("CENTRA-100234").build());
    sage.salesAllocations().allocate(SalesAllocation.builder().customerId(27006)
        .allocationDate(LocalDate.of(2025, 3, 1))
        .addAllocationLines(AllocationLine.builder().postedTranId(998877).valueToAllocate(new BigDecimal("59.99")).build())
        .addAllocationLines(AllocationLine.builder().postedTranId(998801).valueToAllocate(new BigDecimal("59.99")).build())
        .build());
    String paymentUrn = sage.bankPayments().post(fees);
    String bankReceiptUrn = sage.bankReceipts().post(fees);
    String transferUrn = sage.bankTransfers().post(BankTransfer.builder().bankFromId(3301).bankToId(3302)
        .paymentValue(new BigDecimal("1000.00")).reference("ADYEN-PAYOUT-42").build());

    assertThat(List.of(receiptUrn, paymentUrn, bankReceiptUrn, transferUrn)).containsExactly("1001", "1002", "1003", "1004");
    wm.verify(postRequestedFor(urlPathEqualTo(BASE + "/sales_receipts")).withRequestBody(equalToJson(
        "{\"customer_id\": 27006, \"bank_id\": 3301, \"cheque_value\": 59.99,"
            + " \"transaction_date\": \"2025-03-01T00:00:00Z\", \"reference\": \"ADYEN-PSP-123\","
            + " \"second_reference\": \"CENTRA-100234\"}")));
    wm.verify(postRequestedFor(urlPathEqualTo(BASE + "/sales_allocations")).withRequestBody(equalToJson(
        "{\"customer_id\": 27006, \"allocation_date\": \"2025-03-01T00:00:00Z\", \"allocation_lines\": ["
            + "{\"posted_tran_id\": 998877, \"value_to_allocate\": 59.99},"
            + "{\"posted_tran_id\": 998801, \"value_to_allocate\": 59.99}]}")));
    wm.verify(postRequestedFor(urlPathEqualTo(BASE + "/bank_payment")).withRequestBody(equalToJson(
        "{\"bank_id\": 3301, \"transaction_date\": \"2025-03-03T00:00:00Z\", \"reference\": \"ADYEN-SETT-0042\","
            + " \"narrative\": \"Adyen fees batch 42\", \"nominal_analysis_items\": [{\"code\": \"7901\","
            + " \"gross_value\": 12.34, \"goods_value\": 12.34, \"tax_code_id\": 1731, \"tax_value\": 0,"
            + " \"narrative\": \"Processing fees\"}]}")));
    wm.verify(postRequestedFor(urlPathEqualTo(BASE + "/bank_transfer")).withRequestBody(equalToJson(
        "{\"bank_from_id\": 3301, \"bank_to_id\": 3302, \"payment_value\": 1000.00, \"reference\": \"ADYEN-PAYOUT-42\"}")));
  }

  @Test
  void findsPostedTransactionsByUrnAndReference() {
    stubGet("/sales_posted_transactions", "[{\"id\": 998877, \"customer_id\": 27006, \"urn\": 123456,"
        + " \"reference\": \"CENTRA-RMA-77\", \"document_outstanding_value\": -25.00,"
        + " \"trader_transaction_type\": \"TradingAccountEntryTypeCreditNote\"}]");
    stubGet("/bank_posted_transactions", "[{\"id\": 5, \"bank_id\": 3301, \"urn\": 1002, \"cheque_value\": 12.34}]");
    Sage200Client sage = client();

    assertThat(sage.salesPostedTransactions().findByUrn(123456).get(0).documentOutstandingValue())
        .contains(new BigDecimal("-25.00"));
    assertThat(sage.salesPostedTransactions().findByReference("CENTRA-RMA-77")).hasSize(1);
    assertThat(sage.bankPostedTransactions().findByUrn(1002).get(0).chequeValue()).contains(new BigDecimal("12.34"));
    wm.verify(getRequestedFor(urlPathEqualTo(BASE + "/sales_posted_transactions"))
        .withQueryParam("$filter", equalTo("urn eq 123456")));
    wm.verify(getRequestedFor(urlPathEqualTo(BASE + "/sales_posted_transactions"))
        .withQueryParam("$filter", equalTo("reference eq 'CENTRA-RMA-77'")));
    wm.verify(getRequestedFor(urlPathEqualTo(BASE + "/bank_posted_transactions"))
        .withQueryParam("$filter", equalTo("urn eq 1002")));
  }

  @Test
  void unknownFieldsAreIgnoredOnTypesWithoutExtraFields() {
    stubGet("/tax_codes/1", "{\"id\": 1, \"brand_new_field\": [1, 2, {\"a\": null}], \"name\": null}");
    assertThat(client().taxCodes().get(1).name()).isEmpty();
  }

  @Test
  void pathIdsAndMapsNeverCarryCallerText() {
    Map<String, String> parameters = ODataQuery.where(ODataFilter.eq("reference", "a&$top=1")).toParameters();
    stubGet("/customers", "[]");
    client().customers().list(ODataQuery.where(ODataFilter.eq("reference", "a&$top=1")));
    wm.verify(getRequestedFor(urlPathEqualTo(BASE + "/customers"))
        .withQueryParam("$filter", equalTo(parameters.get("$filter"))).withQueryParam("$top", absent()));
  }
}
