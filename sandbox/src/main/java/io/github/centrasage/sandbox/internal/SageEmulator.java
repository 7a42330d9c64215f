package io.github.centrasage.sandbox.internal;

import static io.github.centrasage.sandbox.internal.Rows.row;

import io.github.centrasage.sage200.internal.SageContract;
import io.github.centrasage.sandbox.SageDespatch;
import io.github.centrasage.sandbox.SageHolding;
import io.github.centrasage.sandbox.SagePostedTransaction;
import io.github.centrasage.sandbox.SageSalesOrder;
import io.github.centrasage.sandbox.SageSalesReturn;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sandbox.internal.HttpExchange.Answer;
import io.github.centrasage.sandbox.internal.HttpExchange.Call;
import io.github.centrasage.sandbox.internal.HttpExchange.Emulator;
import io.github.centrasage.sandbox.internal.HttpExchange.Request;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Sage 200 REST emulator, assembled from parts: the tables in {@link SageState}, one route
 * family per group of resources ({@link SageCustomerRoutes}, {@link SageStockRoutes},
 * {@link SageOrderRoutes}, {@link SageDespatchRoutes}, {@link SageReturnRoutes},
 * {@link SageSalesLedgerRoutes}, {@link SageCashBookRoutes}, {@link SageReferenceRoutes}) registered
 * on one {@link SageRouter}. This class does what is common to every request (authentication, the
 * contract check on the way in and out, one monitor around the work, so each request is atomic as a
 * Sage transaction would be) and offers the Java hooks {@code Sage200Sandbox} exposes, each run
 * under the same monitor.
 */
public final class SageEmulator implements Emulator {
  private static final SageContractCheck CONTRACT = new SageContractCheck(SageContract.standard());

  static {
    ContractLedger.inferredNames(ContractLedger.Api.SAGE, CONTRACT.inferredOperations());
  }

  private final SageContractCheck contract = CONTRACT;
  private final String token;
  private final SageState state;
  private final Object lock;
  private final SageRouter router;
  private final SageCustomerRoutes customers;
  private final SageStockRoutes stock;
  private final SageOrderRoutes orders;
  private final SageDespatchRoutes despatches;
  private final SageReturnRoutes returns;
  private final SageCashBookRoutes cashBook;
  private final SageSalesLedgerRoutes salesLedger;

  public SageEmulator(String basePath, String token, String siteId, long companyId, Clock clock, SandboxCatalog catalog,
      boolean allocateOnOrderEntry, boolean sopReturns) {
    this.token = token;
    this.state = new SageState(clock, siteId, companyId, allocateOnOrderEntry, sopReturns);
    this.lock = state.lock;
    this.customers = new SageCustomerRoutes(state);
    this.stock = new SageStockRoutes(state);
    this.orders = new SageOrderRoutes(state);
    this.despatches = new SageDespatchRoutes(state, orders);
    this.returns = new SageReturnRoutes(state, orders);
    this.cashBook = new SageCashBookRoutes(state);
    this.salesLedger = new SageSalesLedgerRoutes(state, cashBook);
    this.router = new SageRouter(basePath);
    for (SageRoutes family : List.of(new SageReferenceRoutes(state), customers, stock, orders, despatches, returns,
        cashBook, salesLedger)) {
      family.register(router);
    }
    synchronized (lock) {
      SageSeed.seed(state, customers, catalog);
    }
  }

  /** The operations this emulator answers, as the contract names them ({@code GET /sop_orders/{id}}). */
  Set<String> operations() {
    return router.operations();
  }

  // ------------------------------------------------------------------ transport

  @Override
  public Call recognise(Request request) {
    SageRouter.Match match = router.match(request);
    String operation = match.operation;
    // Checked here, before any injected fault, so a request that is faulted is still held to the contract.
    contract.check(operation, request);
    return new Call(operation, () -> {
      synchronized (lock) {
        if (!operation.equals("GET /sites")) {
          authenticate(request);
        } else if (!("Bearer " + token).equals(request.header("Authorization"))) {
          throw new BadRequest(401, "Authorization has been denied for this request.");
        }
        Answer answer = match.answer(request);
        if (answer.status() / 100 == 2) {
          contract.checkAnswer(operation, answer.body());
        }
        return answer;
      }
    });
  }

  private void authenticate(Request request) {
    boolean ok = ("Bearer " + token).equals(request.header("Authorization"))
        && state.siteId.equalsIgnoreCase(String.valueOf(request.header("X-Site")))
        && String.valueOf(state.companyId).equals(request.header("X-Company"));
    if (!ok) {
      throw new BadRequest(401, "Authorization has been denied for this request.");
    }
  }

  @Override
  public Answer error(BadRequest e) {
    return Answer.json(e.status(), row("Message", e.getMessage()));
  }

  @Override
  public Answer injectedStatus(int status) {
    String message = status == 429 ? "Rate limit is exceeded. Try again later."
        : status == 504 ? "The gateway did not receive a response from the on-premise API in time."
        : "An error has occurred.";
    return Answer.json(status, row("Message", message));
  }

  // ------------------------------------------------------------------ simulation & inspection (Java API)

  /** While set, the e-mail searches (customer_views, customer_emails) do not see accounts created from now on. */
  public void emailSearchLags(boolean lags) {
    synchronized (lock) {
      customers.emailSearchLags(lags);
    }
  }

  public SageHolding holdingSnapshot(String sku, String warehouse) {
    synchronized (lock) {
      return stock.holdingSnapshot(sku, warehouse);
    }
  }

  /** Moves physical stock by {@code delta} (goods received, stock count adjustments). */
  public SageHolding adjustStock(String sku, String warehouse, BigDecimal delta) {
    synchronized (lock) {
      return stock.adjustStock(sku, warehouse, delta);
    }
  }

  /** Edits one field of a product record and stamps it as updated now, as an edit in Sage would. */
  public void editProduct(String sku, String field, Object value) {
    synchronized (lock) {
      stock.editProduct(sku, field, value);
    }
  }

  /** Changes the price of {@code sku} in the band named {@code band}, as a price-book edit in Sage would. */
  /** Deletes the product record {@code sku} and its price-book rows, as a person would in Sage 200. */
  public void deleteProduct(String sku) {
    synchronized (lock) {
      stock.deleteProduct(sku);
    }
  }

  /** Deletes the price-book row of {@code sku} in {@code band}; nothing else is stamped as changed. */
  public void removePrice(String sku, String band) {
    synchronized (lock) {
      stock.removePrice(sku, band);
    }
  }

  public BigDecimal changePrice(String sku, String band, BigDecimal price) {
    synchronized (lock) {
      return stock.changePrice(sku, band, price);
    }
  }

  public SageSalesOrder createOrderFor(String customerReference, String customerDocumentNo, Map<String, BigDecimal> skuQuantities,
      String warehouse) {
    synchronized (lock) {
      return orders.createOrderFor(customerReference, customerDocumentNo, skuQuantities, warehouse);
    }
  }

  /** Deletes order {@code documentNo} as a desktop user would (nothing despatched yet): its allocations go back to free stock. */
  public void deleteOrderByDocumentNo(String documentNo) {
    synchronized (lock) {
      orders.deleteOrderByDocumentNo(documentNo);
    }
  }

  public void lockRecord(String documentNo, int attempts) {
    synchronized (lock) {
      orders.lockRecord(documentNo, attempts);
    }
  }

  public void releaseRecord(String documentNo) {
    synchronized (lock) {
      orders.releaseRecord(documentNo);
    }
  }

  public List<SageSalesOrder> orderSnapshots() {
    synchronized (lock) {
      return orders.orderSnapshots();
    }
  }

  /** Despatches everything allocated and not yet despatched on the order. */
  public SageDespatch despatchAllocated(String documentNo, String consignmentNo) {
    synchronized (lock) {
      return despatches.despatchAllocated(documentNo, consignmentNo);
    }
  }

  public List<SageDespatch> despatchSnapshots() {
    synchronized (lock) {
      return despatches.despatchSnapshots();
    }
  }

  public List<SageSalesReturn> returnSnapshots() {
    synchronized (lock) {
      return returns.returnSnapshots();
    }
  }

  /** The SOP invoice run (see {@link SageSalesLedgerRoutes#invoiceDespatchedOrders()}); returns how many invoices were posted. */
  public int invoiceDespatchedOrders() {
    synchronized (lock) {
      return salesLedger.invoiceDespatchedOrders();
    }
  }

  /** Every posted transaction: the sales ledger's, then the cash book's, each in posting order. */
  public List<SagePostedTransaction> postedTransactionSnapshots() {
    synchronized (lock) {
      List<SagePostedTransaction> out = new ArrayList<>();
      salesLedger.postedTransactionSnapshots(out);
      cashBook.postedTransactionSnapshots(out);
      return out;
    }
  }

  public BigDecimal bankBalance(String code) {
    synchronized (lock) {
      return cashBook.bankBalance(code);
    }
  }

  /** Ids by natural key for one kind of record ({@code warehouse}, {@code customer}, {@code bank}, {@code product}, {@code courier}). */
  public Map<String, Long> ids(String kind) {
    synchronized (lock) {
      switch (kind) {
        case "warehouse":
          return Map.copyOf(state.warehouseByName);
        case "customer":
          return Map.copyOf(state.customerByReference);
        case "bank":
          return Map.copyOf(state.bankByCode);
        case "product":
          return Map.copyOf(state.productByCode);
        case "courier": {
          Map<String, Long> byCode = new HashMap<>();
          state.couriers.forEach((id, c) -> byCode.put((String) c.get("code"), id));
          return byCode;
        }
        default:
          throw new IllegalArgumentException(kind);
      }
    }
  }
}
