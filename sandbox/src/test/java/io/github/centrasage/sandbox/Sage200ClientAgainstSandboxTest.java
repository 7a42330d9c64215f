package io.github.centrasage.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.centrasage.sage200.ODataFilter;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.Sage200NotFoundException;
import io.github.centrasage.sage200.TokenProvider;
import io.github.centrasage.sage200.model.AllocationLine;
import io.github.centrasage.sage200.model.BankAnalysisItem;
import io.github.centrasage.sage200.model.BankEntry;
import io.github.centrasage.sage200.model.BankPostedTransaction;
import io.github.centrasage.sage200.model.BankTransfer;
import io.github.centrasage.sage200.model.ContactEmail;
import io.github.centrasage.sage200.model.Customer;
import io.github.centrasage.sage200.model.NewCustomerContact;
import io.github.centrasage.sage200.model.DespatchConfirmation;
import io.github.centrasage.sage200.model.DespatchItem;
import io.github.centrasage.sage200.model.DespatchReceipt;
import io.github.centrasage.sage200.model.DespatchTracking;
import io.github.centrasage.sage200.model.DespatchableLine;
import io.github.centrasage.sage200.model.NewCustomer;
import io.github.centrasage.sage200.model.NewSalesOrder;
import io.github.centrasage.sage200.model.NewSalesOrderLine;
import io.github.centrasage.sage200.model.NominalAnalysisItem;
import io.github.centrasage.sage200.model.OrderDespatchView;
import io.github.centrasage.sage200.model.SalesAllocation;
import io.github.centrasage.sage200.model.SalesCreditNote;
import io.github.centrasage.sage200.model.SalesOrder;
import io.github.centrasage.sage200.model.SalesOrderChange;
import io.github.centrasage.sage200.model.SalesPostedTransaction;
import io.github.centrasage.sage200.model.SalesReceipt;
import io.github.centrasage.sage200.model.NewSalesReturn;
import io.github.centrasage.sage200.model.NewSalesReturnLine;
import io.github.centrasage.sage200.model.SalesReturn;
import io.github.centrasage.sage200.model.TaxAnalysisItem;
import io.github.centrasage.sage200.model.TrackingItem;
import io.github.centrasage.sage200.model.WarehouseHolding;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real sage200-client against the Sage sandbox, one test per operation of the client's facade:
 * each asserts the parsed answer and what the sandbox holds afterwards. One sandbox serves the class;
 * tests use fresh document numbers and references so they do not see each other's writes.
 */
class Sage200ClientAgainstSandboxTest {
  static final String SKU = "P00001-BLK-M";
  static final String WAREHOUSE = "Leeds DC";
  static final AtomicInteger KEYS = new AtomicInteger(100_000);

  static Sage200Sandbox sage;
  static Sage200Client client;

  @BeforeAll
  static void start() {
    sage = Sage200Sandbox.start();
    client = clientFor(sage).build();
  }

  @AfterAll
  static void stop() {
    sage.close();
  }

  /** A client builder aimed at {@code sandbox}, with a no-op sleeper so retries cost no time. */
  static Sage200Client.Builder clientFor(Sage200Sandbox sandbox) {
    return Sage200Client.builder().baseUrl(sandbox.baseUrl()).siteId(sandbox.siteId()).companyId(sandbox.companyId())
        .tokenProvider(TokenProvider.staticToken(sandbox.token())).allowPlainHttp(true).sleeper(d -> { })
        .readTimeout(Duration.ofSeconds(5));
  }

  static String freshKey() {
    return Integer.toString(KEYS.incrementAndGet());
  }

  static SalesOrder createOrder(Sage200Client client, Sage200Sandbox sage, String customerDocumentNo, int quantity) {
    return client.salesOrders().create(NewSalesOrder.builder().customerId(sage.ids("customer").get("WEBGBP"))
        .customerDocumentNo(customerDocumentNo)
        .addLines(NewSalesOrderLine.builder().lineType("EnumLineTypeStandard").productId(sage.ids("product").get(SKU))
            .warehouseId(sage.ids("warehouse").get(WAREHOUSE)).lineQuantity(BigDecimal.valueOf(quantity)).build())
        .build());
  }

  static long customerId(String reference) {
    return sage.ids("customer").get(reference);
  }

  static long bankId(String code) {
    return sage.ids("bank").get(code);
  }

  // ---- reference data

  @Test
  void readsSitesAndReferenceData() {
    assertThat(client.sites()).singleElement().satisfies(s -> assertThat(s.siteId()).isEqualTo(sage.siteId()));
    assertThat(client.taxCodes().list(ODataQuery.all())).extracting(t -> t.taxRate().orElseThrow().intValueExact())
        .containsExactlyInAnyOrder(0, 20, 0, 5, 0);
    assertThat(client.warehouses().list(ODataQuery.all())).extracting(w -> w.name())
        .containsExactlyInAnyOrder("Leeds DC", "London Store");
    assertThat(client.banks().list(ODataQuery.all())).hasSize(4);
    assertThat(client.currencies().list(ODataQuery.all())).hasSize(2);
    assertThat(client.nominalCodes().list(ODataQuery.all())).extracting(n -> n.reference()).contains("1200", "4000");
    assertThat(client.priceBands().list(ODataQuery.all())).extracting(b -> b.name()).contains("Standard", "EURO");
  }

  @Test
  void listsSitesThroughTheSiteDirectoryWithoutASiteOrCompany() {
    assertThat(Sage200Client.builder().baseUrl(sage.baseUrl()).tokenProvider(TokenProvider.staticToken(sage.token()))
        .allowPlainHttp(true).buildSiteDirectory().sites())
        .singleElement().satisfies(s -> {
          assertThat(s.siteId()).isEqualTo(sage.siteId());
          assertThat(s.companyId()).isEqualTo(sage.companyId());
        });
  }

  @Test
  void salesReturnsAnswerNotFoundOnASiteBefore2025R1() {
    try (Sage200Sandbox old = Sage200Sandbox.start(Sage200Sandbox.options().sopReturns(false))) {
      Sage200Client oldClient = clientFor(old).build();
      NewSalesReturn draft = NewSalesReturn.builder().customerId(old.ids("customer").get("WEBGBP"))
          .addLines(NewSalesReturnLine.standard(old.ids("product").get(SKU), old.ids("warehouse").get(WAREHOUSE),
              BigDecimal.ONE).build()).build();

      assertThat(catchThrowableOfType(() -> oldClient.salesReturns().create("R1", draft), Sage200NotFoundException.class)
          .getMessage()).contains("does not have this endpoint");
      assertThat(catchThrowableOfType(() -> oldClient.salesReturns().findByReference("R1"),
          Sage200NotFoundException.class)).isNotNull();
      assertThat(old.salesReturns()).isEmpty();
    }
  }

  @Test
  void createsASalesReturnWithStockAndFreeTextLinesWithoutMovingStock() {
    String reference = "RMA" + freshKey();
    BigDecimal inStock = sage.holding(SKU, WAREHOUSE).quantityInStock();
    long standardRate = client.taxCodes().list(ODataQuery.all()).stream()
        .filter(t -> t.code().orElse(-1) == 1).findFirst().orElseThrow().id();
    NewSalesReturn draft = NewSalesReturn.builder().customerId(customerId("WEBGBP"))
        .addLines(NewSalesReturnLine.standard(sage.ids("product").get(SKU), sage.ids("warehouse").get(WAREHOUSE),
            new BigDecimal("2")).sellingUnitPrice(new BigDecimal("20.00")).taxCodeId(standardRate).build())
        .addLines(NewSalesReturnLine.freeText("Amount kept back", BigDecimal.ONE, new BigDecimal("-5.00"))
            .taxCodeId(standardRate).nominalReference("4010").build())
        .build();

    SalesReturn created = client.salesReturns().create(reference, draft);

    assertThat(created.totalGrossValue()).contains(new BigDecimal("42.00"));
    assertThat(client.salesReturns().findByReference(reference)).extracting(r -> r.id().orElseThrow())
        .containsExactly(created.id().orElseThrow());
    assertThat(sage.salesReturns()).filteredOn(r -> reference.equals(r.customerDocumentNo())).singleElement()
        .satisfies(r -> {
          assertThat(r.customerReference()).isEqualTo("WEBGBP");
          assertThat(r.lines()).extracting(SageSalesReturn.Line::sku).containsExactly(SKU, null);
          assertThat(r.lines()).extracting(SageSalesReturn.Line::lineTotalValue)
              .containsExactly(new BigDecimal("40.00"), new BigDecimal("-5.00"));
          assertThat(r.totalTaxValue()).isEqualByComparingTo("7.00");
        });
    // Receipt of returned goods is confirmed in the Sage desktop, so entering the return moves no stock.
    assertThat(sage.holding(SKU, WAREHOUSE).quantityInStock()).isEqualByComparingTo(inStock);
  }

  @Test
  void findsASalesReturnByAConfiguredReferenceField() {
    String reference = "RMA" + freshKey();
    Sage200Client spareText = clientFor(sage).salesReturnReferenceField("spare_text_1").build();

    spareText.salesReturns().create(reference, NewSalesReturn.builder().customerId(customerId("WEBEUR"))
        .addLines(NewSalesReturnLine.standard(sage.ids("product").get(SKU), sage.ids("warehouse").get(WAREHOUSE),
            BigDecimal.ONE).build()).build());

    assertThat(spareText.salesReturns().findByReference(reference)).singleElement()
        .satisfies(r -> assertThat(spareText.salesReturns().referenceOf(r)).contains(reference));
    assertThat(sage.salesReturns()).filteredOn(r -> reference.equals(r.otherFields().get("spare_text_1"))).hasSize(1);
  }

  @Test
  void readsProductsByCodeAndPrices() {
    long productId = sage.ids("product").get(SKU);

    assertThat(client.products().findByCode(SKU)).hasValueSatisfying(p -> assertThat(p.id()).isEqualTo(productId));
    assertThat(client.products().get(productId).code()).isEqualTo(SKU);
    assertThat(client.productPrices().list(ODataQuery.where(ODataFilter.eq("product_id", productId))))
        .hasSize(2).allSatisfy(p -> assertThat(p.productPricePrice()).isPresent());
  }

  @Test
  void createsACustomerAndFindsItByReferenceAndEmail() {
    String reference = "C" + freshKey();
    String email = reference.toLowerCase() + "@example.com";

    Customer created = client.customers().create(NewCustomer.builder().reference(reference).name("Test shopper " + reference)
        .addContacts(NewCustomerContact.builder().firstName("Ada")
            .addEmails(ContactEmail.builder().email(email).isDefault(true).build()).build())
        .build());

    assertThat(created.reference()).isEqualTo(reference);
    assertThat(sage.ids("customer")).containsEntry(reference, created.id());
    assertThat(client.customers().findByReference(reference)).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(created.id()));
    assertThat(client.customers().findByEmail(email)).singleElement().satisfies(c -> assertThat(c.id()).isEqualTo(created.id()));
    assertThat(client.customers().findByReference("NOSUCH")).isEmpty();
  }

  // ---- sales orders

  @Test
  void createsAnOrderThatAllocatesStockAndFindsItByCustomerDocumentNo() {
    String key = freshKey();
    BigDecimal allocatedBefore = sage.holding(SKU, WAREHOUSE).quantityAllocated();

    SalesOrder created = createOrder(client, sage, key, 2);

    assertThat(created.documentNo()).isPresent();
    assertThat(sage.salesOrdersWithCustomerDocumentNo(key)).singleElement()
        .satisfies(o -> assertThat(o.documentNo()).isEqualTo(created.documentNo().orElseThrow()));
    assertThat(sage.holding(SKU, WAREHOUSE).quantityAllocated()).isEqualByComparingTo(allocatedBefore.add(BigDecimal.valueOf(2)));
    assertThat(client.salesOrders().findByCustomerDocumentNo(key)).singleElement()
        .satisfies(o -> assertThat(o.id()).isEqualTo(created.id()));
    assertThat(client.salesOrders().getWithLines(created.id()).lines()).singleElement()
        .satisfies(l -> assertThat(l.lineQuantity()).hasValueSatisfying(q -> assertThat(q).isEqualByComparingTo("2")));
  }

  @Test
  void findsOrdersForManyCustomerDocumentNosIncludingDuplicates() {
    String a = freshKey();
    String b = freshKey();
    String missing = freshKey();
    createOrder(client, sage, a, 1);
    createOrder(client, sage, a, 1); // Sage does not keep customer_document_no unique
    createOrder(client, sage, b, 1);

    Map<String, List<SalesOrder>> found = client.salesOrders().findByCustomerDocumentNos(List.of(a, b, missing));

    assertThat(found.get(a)).hasSize(2);
    assertThat(found.get(b)).hasSize(1);
    assertThat(found.getOrDefault(missing, List.of())).isEmpty();
    assertThat(sage.salesOrdersWithCustomerDocumentNo(a)).hasSize(2);
  }

  @Test
  void updatesAnOrder() {
    SalesOrder created = createOrder(client, sage, freshKey(), 1);
    String newDocNo = freshKey();

    SalesOrder updated = client.salesOrders().update(created.id(),
        SalesOrderChange.builder().customerDocumentNo(newDocNo).spareText1("gift").build());

    assertThat(updated.customerDocumentNo()).hasValue(newDocNo);
    assertThat(updated.spareText1()).hasValue("gift");
    assertThat(sage.salesOrdersWithCustomerDocumentNo(newDocNo)).singleElement()
        .satisfies(o -> assertThat(o.id()).isEqualTo(created.id()));
  }

  // ---- stock

  @Test
  void readsHoldingsUpdatedSinceAndPerProductAndWarehouse() {
    sage.clock().advance(Duration.ofDays(1));
    Instant since = sage.clock().instant();
    sage.clock().advance(Duration.ofMinutes(1));
    sage.receiveGoods(SKU, WAREHOUSE, BigDecimal.ONE);
    long productId = sage.ids("product").get(SKU);
    long warehouseId = sage.ids("warehouse").get(WAREHOUSE);
    SageHolding expected = sage.holding(SKU, WAREHOUSE);

    List<WarehouseHolding> changed = client.warehouseHoldings().updatedSince(since).collect(Collectors.toList());

    assertThat(changed).singleElement().satisfies(h -> {
      assertThat(h.productId()).isEqualTo(productId);
      assertThat(h.quantityInStock()).hasValueSatisfying(q -> assertThat(q).isEqualByComparingTo(expected.quantityInStock()));
      assertThat(h.freeStockAvailable()).hasValueSatisfying(q -> assertThat(q).isEqualByComparingTo(expected.freeStockAvailable()));
    });
    assertThat(client.warehouseHoldings().forProduct(productId)).extracting(WarehouseHolding::warehouseId).contains(warehouseId);
    assertThat(client.warehouseHoldings().forWarehouse(warehouseId).count())
        .isEqualTo(client.products().list(ODataQuery.all()).stream()
            .filter(p -> sage.holding(p.code(), WAREHOUSE) != null).count());
  }

  // ---- despatch

  @Test
  void confirmsADespatchThatReducesStockAndAppearsInTheViews() {
    String key = freshKey();
    SalesOrder order = createOrder(client, sage, key, 2);
    String documentNo = order.documentNo().orElseThrow();
    SageHolding before = sage.holding(SKU, WAREHOUSE);
    Instant since = sage.clock().instant().minusSeconds(1);

    List<DespatchableLine> lines = client.despatches().despatchableLines(documentNo);
    assertThat(lines).singleElement().satisfies(l -> {
      assertThat(l.itemCode()).hasValue(SKU);
      assertThat(l.outstandingQuantity()).hasValueSatisfying(q -> assertThat(q).isEqualByComparingTo("2"));
    });
    client.despatches().confirm(DespatchConfirmation.builder().sopOrderReturnId(order.id())
        .addItems(DespatchItem.builder().id(lines.get(0).id()).quantity(BigDecimal.valueOf(2)).build())
        .addTrackingItems(TrackingItem.builder().sopOrderReturnId(order.id()).consignmentNo("CN" + key).build())
        .build());

    SageHolding after = sage.holding(SKU, WAREHOUSE);
    assertThat(after.quantityInStock()).isEqualByComparingTo(before.quantityInStock().subtract(BigDecimal.valueOf(2)));
    assertThat(after.quantityAllocated()).isEqualByComparingTo(before.quantityAllocated().subtract(BigDecimal.valueOf(2)));
    assertThat(sage.despatches()).filteredOn(d -> d.orderId() == order.id()).singleElement()
        .satisfies(d -> assertThat(d.quantities()).containsEntry(SKU, new BigDecimal("2")));
    assertThat(client.despatches().despatchableLines(documentNo)).isEmpty();

    List<OrderDespatchView> views = client.despatches().despatchedSince(since)
        .filter(v -> v.sopOrderId().orElse(-1) == order.id()).collect(Collectors.toList());
    assertThat(views).singleElement().satisfies(v -> {
      assertThat(v.sopOrderCustomerDocumentNo()).hasValue(key);
      assertThat(v.sopDespatchConsignmentNo()).hasValue("CN" + key);
    });
    assertThat(client.despatches().views().list(ODataQuery.where(ODataFilter.eq("sop_order_id", order.id())))).hasSize(1);
    // The line view in Sage's names: sop_order_line_item_code and sop_despatch_line_quantity.
    long despatchId = views.get(0).sopDespatchId();
    assertThat(client.despatches().lineViews().list(ODataQuery.where(ODataFilter.eq("sop_despatch_id", despatchId))))
        .singleElement().satisfies(l -> {
          assertThat(l.sopOrderLineItemCode()).hasValue(SKU);
          assertThat(l.sopDespatchLineQuantity()).isEqualByComparingTo("2");
          assertThat(l.sopOrderLineId()).hasValue(lines.get(0).id());
          assertThat(l.sopDespatchLineId()).isPresent();
        });
  }

  @Test
  void readsAndUpdatesDespatchReceiptTracking() {
    SalesOrder order = createOrder(client, sage, freshKey(), 1);
    SageDespatch despatch = sage.despatch(order.documentNo().orElseThrow(), null);

    DespatchReceipt receipt = client.despatches().receipts().get(despatch.id());
    assertThat(receipt.despatchNo()).hasValue(despatch.despatchNo());

    DespatchReceipt updated = client.despatches().updateTracking(despatch.id(),
        DespatchTracking.builder().consignmentNo("TRACK-" + despatch.id()).pieces(1).build());

    assertThat(updated.consignmentNo()).hasValue("TRACK-" + despatch.id());
    assertThat(sage.despatches()).filteredOn(d -> d.id() == despatch.id()).singleElement()
        .satisfies(d -> assertThat(d.consignmentNo()).isEqualTo("TRACK-" + despatch.id()));
  }

  // ---- postings

  @Test
  void postsACreditNoteWithAUrnFoundInThePostedTransactions() {
    String reference = "CR" + freshKey();
    long customer = customerId("WEBGBP");

    String urn = client.salesCreditNotes().post(SalesCreditNote.builder().customerId(customer).reference(reference)
        .documentGoodsValue(new BigDecimal("50.00")).documentTaxValue(new BigDecimal("10.00"))
        .addTaxAnalysisItems(TaxAnalysisItem.builder().id(sageTaxCodeId(1)).goodsAmount(new BigDecimal("50.00"))
            .taxAmount(new BigDecimal("10.00")).build())
        .addNominalAnalysisItems(NominalAnalysisItem.builder().code("4010").value(new BigDecimal("50.00")).build())
        .build());

    assertThat(sage.postedTransactions()).filteredOn(t -> Long.toString(t.urn()).equals(urn)).singleElement()
        .satisfies(t -> {
          assertThat(t.reference()).isEqualTo(reference);
          assertThat(t.grossValue().abs()).isEqualByComparingTo("60.00");
        });
    List<SalesPostedTransaction> byUrn = client.salesPostedTransactions().findByUrn(Long.parseLong(urn));
    assertThat(byUrn).singleElement().satisfies(t -> assertThat(t.reference()).hasValue(reference));
    assertThat(client.salesPostedTransactions().findByReference(reference)).hasSize(1);
  }

  @Test
  void postsAReceiptThatMovesTheBankBalanceAndAllocatesItAgainstAnInvoice() throws Exception {
    long customer = customerId("HARR001");
    String ref = "RC" + freshKey();
    BigDecimal balanceBefore = sage.bankBalance("1210");
    // The client posts no invoices (Sage raises them from SOP), so the debit is made over plain HTTP.
    assertThat(Http.sage(sage, "POST", "/sales_invoices", Map.of("customer_id", customer, "reference", "INV" + ref,
        "document_goods_value", new BigDecimal("25.00"))).status()).isEqualTo(201);

    String receiptUrn = client.salesReceipts().post(SalesReceipt.builder().customerId(customer).bankId(bankId("1210"))
        .chequeValue(new BigDecimal("25.00")).reference(ref).build());

    assertThat(sage.bankBalance("1210")).isEqualByComparingTo(balanceBefore.add(new BigDecimal("25.00")));
    SalesPostedTransaction receipt = client.salesPostedTransactions().findByUrn(Long.parseLong(receiptUrn)).get(0);
    SalesPostedTransaction invoice = client.salesPostedTransactions().findByReference("INV" + ref).get(0);

    client.salesAllocations().allocate(SalesAllocation.builder().customerId(customer)
        .addAllocationLines(AllocationLine.builder().postedTranId(receipt.id()).valueToAllocate(new BigDecimal("25.00")).build())
        .addAllocationLines(AllocationLine.builder().postedTranId(invoice.id()).valueToAllocate(new BigDecimal("25.00")).build())
        .build());

    assertThat(sage.postedTransactions()).filteredOn(t -> t.id() == receipt.id() || t.id() == invoice.id()).hasSize(2)
        .allSatisfy(t -> assertThat(t.outstandingValue()).isEqualByComparingTo("0"));
    assertThat(client.salesPostedTransactions().get(invoice.id()).documentOutstandingValue())
        .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0"));
  }

  @Test
  void postsBankPaymentReceiptAndTransferThatMoveBalances() {
    BigDecimal current = sage.bankBalance("1200");
    BigDecimal clearing = sage.bankBalance("1210");
    String ref = "BK" + freshKey();

    String paymentUrn = client.bankPayments().post(BankEntry.builder().bankId(bankId("1200")).reference(ref + "P")
        .addNominalAnalysisItems(BankAnalysisItem.builder().code("7901").grossValue(new BigDecimal("3.50"))
            .goodsValue(new BigDecimal("3.50")).taxCodeId(sageTaxCodeId(9)).taxValue(BigDecimal.ZERO).build())
        .build());
    String receiptUrn = client.bankReceipts().post(BankEntry.builder().bankId(bankId("1200")).reference(ref + "R")
        .addNominalAnalysisItems(BankAnalysisItem.builder().code("7901").grossValue(new BigDecimal("1.25"))
            .goodsValue(new BigDecimal("1.25")).taxCodeId(sageTaxCodeId(9)).taxValue(BigDecimal.ZERO).build())
        .build());
    String transferUrn = client.bankTransfers().post(BankTransfer.builder().bankFromId(bankId("1210")).bankToId(bankId("1200"))
        .paymentValue(new BigDecimal("10.00")).reference(ref + "T").build());

    assertThat(List.of(paymentUrn, receiptUrn, transferUrn)).doesNotHaveDuplicates();
    assertThat(sage.bankBalance("1200")).isEqualByComparingTo(current.subtract(new BigDecimal("3.50"))
        .add(new BigDecimal("1.25")).add(new BigDecimal("10.00")));
    assertThat(sage.bankBalance("1210")).isEqualByComparingTo(clearing.subtract(new BigDecimal("10.00")));
    List<BankPostedTransaction> payment = client.bankPostedTransactions().findByUrn(Long.parseLong(paymentUrn));
    assertThat(payment).singleElement().satisfies(t -> assertThat(t.reference()).hasValue(ref + "P"));
    assertThat(client.bankPostedTransactions().findByReference(ref + "T")).isNotEmpty();
  }

  static long sageTaxCodeId(int code) {
    return client.taxCodes().list(ODataQuery.where(ODataFilter.eq("code", code))).get(0).id();
  }

}
