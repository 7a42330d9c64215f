package io.github.centrasage.sync.finance;

import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.CompleteShipmentRequest;
import io.github.centrasage.centra.CreateShipmentRequest;
import io.github.centrasage.centra.Shipment;
import io.github.centrasage.centra.ShipmentLineRequest;
import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.TokenProvider;
import io.github.centrasage.sage200.model.Currency;
import io.github.centrasage.sage200.model.SalesOrder;
import io.github.centrasage.sage200.model.TaxCode;
import io.github.centrasage.sandbox.CentraOrder;
import io.github.centrasage.sandbox.CentraSandbox;
import io.github.centrasage.sandbox.Sage200Sandbox;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sandbox.SandboxClock;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sync.SyncStatus;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.order.OrderImportOptions;
import io.github.centrasage.sync.spi.SyncFlow;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import io.github.centrasage.sync.testing.SettableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import java.util.concurrent.CopyOnWriteArrayList;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Both sandboxes with the real clients, mappings for the seeded shop (Adyen into clearing bank
 * 1210, payouts to 1200, fees to 7901, variance to 9999), and orders imported through the real
 * OrderImport so finance flows find the {@code order} bindings they rely on.
 */
final class FinanceWorld implements AutoCloseable {
  static final String LEEDS = "Leeds DC";

  final SandboxClock sandboxClock = SandboxClock.startingAt(SandboxClock.DEFAULT_START);
  final CentraSandbox centra = CentraSandbox.start(CentraSandbox.options().clock(sandboxClock));
  final Sage200Sandbox sage;
  final CentraClient centraClient = CentraClient.builder().baseUrl(centra.baseUrl()).token(centra.token())
      .allowPlainHttp(true).readTimeout(Duration.ofSeconds(5)).build();
  /** Bodies of the credit notes Sage received, in order. */
  final List<String> creditNoteBodies = new CopyOnWriteArrayList<>();
  final Sage200Client sageClient;
  private final OkHttpClient http = new OkHttpClient();
  /** The engine clock, a day after the sandbox start so polls reach everything the sandboxes hold. */
  final SettableClock clock = new SettableClock(SandboxClock.DEFAULT_START.plus(Duration.ofDays(1)));
  final InMemorySyncStateStore store = new InMemorySyncStateStore(clock);
  final String centraLeeds = Long.toString(centra.ids("warehouse").get(LEEDS));
  final long standardTaxId;
  final long zeroTaxId;
  final long reducedTaxId;
  final long exemptTaxId;
  final long gbpId;
  final long eurId;
  final long outOfScopeTaxId;
  /** The PSP nominals the sandbox seeds: deposit, reserve, balance in transit, PSP invoices, chargebacks, corrections. */
  static final Map<String, String> PSP_NOMINALS = Map.of("deposit", "1105", "reserve", "1106", "balanceTransfer", "1215",
      "invoices", "2105", "chargebacks", "7910", "corrections", "9998");

  FinanceWorld() {
    this(true);
  }

  /** A world whose Sage site has {@code sop_returns} (2025 R1) or not. */
  FinanceWorld(boolean sopReturns) {
    sage = Sage200Sandbox.start(Sage200Sandbox.options().clock(sandboxClock).sopReturns(sopReturns));
    sageClient = Sage200Client.builder().baseUrl(sage.baseUrl()).siteId(sage.siteId())
        .companyId(sage.companyId()).tokenProvider(TokenProvider.staticToken(sage.token())).allowPlainHttp(true)
        .okHttpClient(new OkHttpClient.Builder().addInterceptor(chain -> {
          Request request = chain.request();
          if (request.url().encodedPath().endsWith("/sales_credit_notes") && request.body() != null) {
            Buffer buffer = new Buffer();
            request.body().writeTo(buffer);
            creditNoteBodies.add(buffer.readUtf8());
          }
          return chain.proceed(request);
        }).build())
        .sleeper(d -> { }).retrySettings(RetrySettings.none()).readTimeout(Duration.ofSeconds(10)).build();
    List<TaxCode> taxCodes = sageClient.taxCodes().list(ODataQuery.all());
    standardTaxId = taxId(taxCodes, 1);
    zeroTaxId = taxId(taxCodes, 0);
    reducedTaxId = taxId(taxCodes, 5);
    exemptTaxId = taxId(taxCodes, 2);
    outOfScopeTaxId = taxId(taxCodes, 9);
    List<Currency> currencies = sageClient.currencies().list(ODataQuery.all());
    gbpId = currencies.stream().filter(c -> c.isBaseCurrency().orElse(false)).findFirst().orElseThrow().id();
    eurId = currencies.stream().filter(c -> !c.isBaseCurrency().orElse(false)).findFirst().orElseThrow().id();
  }

  private static long taxId(List<TaxCode> codes, int code) {
    return codes.stream().filter(t -> t.code().orElse(-1) == code).findFirst().orElseThrow().id();
  }

  Mappings mappings() {
    return Mappings.builder()
        .putCurrency("GBP", Long.toString(gbpId))
        .putCurrency("EUR", Long.toString(eurId))
        .addTaxCode(Mappings.TaxCodeMapping.of(new BigDecimal("20"), null, standardTaxId))
        .addTaxCode(Mappings.TaxCodeMapping.of(new BigDecimal("5"), null, reducedTaxId))
        .addTaxCode(Mappings.TaxCodeMapping.of(BigDecimal.ZERO, null, zeroTaxId))
        .addPaymentAccount(Mappings.PaymentAccounts.builder().method("adyen").clearingBank("1210").currentBank("1200")
            .feesNominal("7901").varianceNominal("9999").putAllNominals(PSP_NOMINALS).build())
        .addPaymentAccount(Mappings.PaymentAccounts.builder().method("adyen").currency("EUR").clearingBank("1211")
            .currentBank("1201").feesNominal("7901").varianceNominal("9999").putAllNominals(PSP_NOMINALS).build())
        // A PSP mapped without a currency-specific entry: its EUR payouts would land in the GBP clearing bank.
        .addPaymentAccount(Mappings.PaymentAccounts.builder().method("adyen-one-bank").clearingBank("1210")
            .currentBank("1200").feesNominal("7901").varianceNominal("9999").putAllNominals(PSP_NOMINALS).build())
        .putWarehouse(centraLeeds, Long.toString(sage.ids("warehouse").get(LEEDS)))
        .putCustomerStrategy("UK", Mappings.CustomerStrategy.sharedAccount("WEBGBP"))
        .putCustomerStrategy("EU", Mappings.CustomerStrategy.sharedAccount("WEBEUR"))
        .shippingChargeCode("CARRIAGE")
        .roundingTolerance(new BigDecimal("0.02"))
        .roundingNominal("9999")
        .build();
  }

  /** Both sandboxes, the world's store and its mappings, for the flows' constructors. */
  Integration integration() {
    return integration(mappings());
  }

  /** The same with other mappings (an account tag, a record type mapped by the site). */
  Integration integration(Mappings mappings) {
    return Integration.builder().store(store).mappings(mappings).centra(centraClient).sage(sageClient).build();
  }

  SyncEngine engine(SyncFlow... flows) {
    RetrySettings fast = SyncEngine.defaultRetrySettings().toBuilder().maxAttempts(5).initialDelay(Duration.ofMillis(1))
        .maxDelay(Duration.ofMillis(5)).build();
    SyncEngine.Builder b = SyncEngine.builder().store(store).clock(clock).retryPolicy(fast).lockRetryPolicy(fast)
        .leaseDuration(Duration.ofMinutes(5));
    for (SyncFlow flow : flows) {
      b.flow(flow);
    }
    return b.build();
  }

  /** Runs cycles of {@code flow} until nothing is pending, moving the clock past retry delays. */
  SyncStatus drain(SyncEngine engine, String flow) {
    SyncStatus status = engine.runOnce(flow);
    for (int cycle = 0; cycle < 50 && status.queued() + status.retrying() + status.running() > 0; cycle++) {
      clock.advance(Duration.ofMinutes(1));
      status = engine.runOnce(flow);
    }
    return status;
  }

  /** Places {@code count} one-line orders in {@code currency} and imports them into Sage. */
  List<CentraOrder> importOrders(int count, String currency) {
    List<String> skus = SandboxCatalog.fashionShop().items().stream().map(SandboxCatalog.Item::sku).toList();
    List<CentraOrder> orders = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      orders.add(centra.placeOrder(currency, Map.of(skus.get((i * 7) % skus.size()), 1)));
    }
    importPlaced();
    return orders;
  }

  /** Imports already placed orders. */
  void importPlaced() {
    OrderImport orderImport = new OrderImport(integration(), OrderImportOptions.builder()
        .discovery(OrderImportOptions.Discovery.POLLING)
        .pollStart(SandboxClock.DEFAULT_START.minus(Duration.ofHours(1))).defaultWarehouse(centraLeeds).build());
    try (SyncEngine engine = engine(orderImport)) {
      drain(engine, OrderImport.NAME);
    }
  }

  /** Ships every line of a Centra order in full, as the warehouse would. */
  Shipment shipAll(CentraOrder order) {
    List<ShipmentLineRequest> lines = new ArrayList<>();
    order.lines().forEach(l -> lines.add(ShipmentLineRequest.of(l.id(), l.quantity())));
    Shipment created = centraClient.shipments().create(CreateShipmentRequest.builder().orderNumber((long) order.number())
        .lines(lines).build()).value();
    return centraClient.shipments().complete(CompleteShipmentRequest.builder().shipmentId(created.id()).carrier("DPD")
        .trackingNumber("T" + order.number()).packagesNumber(1).build()).value();
  }

  /** The Sage order an imported Centra order became. */
  SalesOrder sageOrder(int orderNumber) {
    String id = store.bindingByCentraId(OrderImport.ORDER_BINDING, Integer.toString(orderNumber)).orElseThrow().sageId();
    return sageClient.salesOrders().get(Long.parseLong(id));
  }

  /**
   * Posts a sales-ledger invoice straight to the sandbox (the library never invoices; Sage's SOP
   * invoicing would), with {@code secondReference} as a SOP invoice carries the customer order number.
   */
  void postInvoice(long customerId, String secondReference, BigDecimal gross) {
    String json = "{\"customer_id\":" + customerId + ",\"reference\":\"INV-" + secondReference
        + "\",\"second_reference\":\"" + secondReference + "\",\"document_goods_value\":" + gross.toPlainString()
        + ",\"document_tax_value\":0}";
    Request request = new Request.Builder().url(sage.baseUrl() + "/sales_invoices")
        .header("Authorization", "Bearer " + sage.token()).header("X-Site", sage.siteId())
        .header("X-Company", Long.toString(sage.companyId()))
        .post(RequestBody.create(json, MediaType.get("application/json"))).build();
    try (Response response = http.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw new IllegalStateException("invoice not posted: " + response.code() + " " + response.body().string());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A sales-ledger invoice for the order's total, keyed as a SOP invoice is: the customer order number. */
  void invoice(CentraOrder order) {
    SalesOrder sageOrder = sageOrder(order.number());
    postInvoice(sageOrder.customerId(), sageOrder.customerDocumentNo().orElseThrow(), order.grandTotal());
  }

  /** The order's invoice as the sandbox holds it. */
  io.github.centrasage.sandbox.SagePostedTransaction invoiceOf(CentraOrder order) {
    String key = sageOrder(order.number()).customerDocumentNo().orElseThrow();
    return sage.postedTransactions().stream()
        .filter(t -> t.transactionType().equals("TradingAccountEntryTypeInvoice") && key.equals(t.secondReference()))
        .findFirst().orElseThrow();
  }

  /** The postings on clearing bank 1210 whose reference starts with {@code prefix}. */
  List<io.github.centrasage.sandbox.SagePostedTransaction> clearingPostings(String prefix) {
    return sage.postedTransactions().stream()
        .filter(t -> t.ledger().equals("bank") && t.account().equals("1210") && t.reference() != null
            && t.reference().startsWith(prefix))
        .collect(java.util.stream.Collectors.toList());
  }

  /** Posts a sales-ledger credit note straight to the sandbox, as RefundImport (or a user) would have. */
  void postCreditNote(long customerId, String reference, String secondReference, BigDecimal gross) {
    postDocument("/sales_credit_notes", "{\"customer_id\":" + customerId + ",\"reference\":\"" + reference
        + "\",\"second_reference\":\"" + secondReference + "\",\"document_goods_value\":" + gross.toPlainString()
        + ",\"document_tax_value\":0}");
  }

  private void postDocument(String path, String json) {
    Request request = new Request.Builder().url(sage.baseUrl() + path)
        .header("Authorization", "Bearer " + sage.token()).header("X-Site", sage.siteId())
        .header("X-Company", Long.toString(sage.companyId()))
        .post(RequestBody.create(json, MediaType.get("application/json"))).build();
    try (Response response = http.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw new IllegalStateException(path + " not posted: " + response.code() + " " + response.body().string());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    centra.close();
    sage.close();
  }
}
