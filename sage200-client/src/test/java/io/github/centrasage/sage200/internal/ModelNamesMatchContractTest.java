package io.github.centrasage.sage200.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Json;
import io.github.centrasage.http.internal.ImmutablesJsonAdapterFactory;
import io.github.centrasage.sage200.internal.SageContract.Field;
import io.github.centrasage.sage200.internal.SageContract.Type;
import io.github.centrasage.sage200.model.BankEntry;
import io.github.centrasage.sage200.model.BankPostedTransaction;
import io.github.centrasage.sage200.model.BankTransfer;
import io.github.centrasage.sage200.model.Bank;
import io.github.centrasage.sage200.model.Currency;
import io.github.centrasage.sage200.model.Customer;
import io.github.centrasage.sage200.model.CustomerContact;
import io.github.centrasage.sage200.model.CustomerEmail;
import io.github.centrasage.sage200.model.CustomerView;
import io.github.centrasage.sage200.model.DespatchConfirmation;
import io.github.centrasage.sage200.model.DespatchReceipt;
import io.github.centrasage.sage200.model.DespatchTracking;
import io.github.centrasage.sage200.model.DespatchableOrder;
import io.github.centrasage.sage200.model.NewCustomer;
import io.github.centrasage.sage200.model.NewSalesOrder;
import io.github.centrasage.sage200.model.NewSalesReturn;
import io.github.centrasage.sage200.model.NominalCode;
import io.github.centrasage.sage200.model.OrderDespatchLineView;
import io.github.centrasage.sage200.model.OrderDespatchView;
import io.github.centrasage.sage200.model.PriceBand;
import io.github.centrasage.sage200.model.Product;
import io.github.centrasage.sage200.model.ProductPriceView;
import io.github.centrasage.sage200.model.SalesAllocation;
import io.github.centrasage.sage200.model.SalesCreditNote;
import io.github.centrasage.sage200.model.SalesOrder;
import io.github.centrasage.sage200.model.SalesOrderChange;
import io.github.centrasage.sage200.model.SalesPostedTransaction;
import io.github.centrasage.sage200.model.SalesReceipt;
import io.github.centrasage.sage200.model.SalesReturn;
import io.github.centrasage.sage200.model.Site;
import io.github.centrasage.sage200.model.TaxCode;
import io.github.centrasage.sage200.model.Warehouse;
import io.github.centrasage.sage200.model.WarehouseHolding;
import java.io.File;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every JSON name of every {@code sage200} model, as {@link ImmutablesJsonAdapterFactory} writes and
 * reads it, is a field of the Sage record it stands for in the shipped contract; a model sent in a
 * request uses no field the contract marks read-only. Nested models are checked against the record
 * the contract gives their field, so a model used in the wrong place fails too.
 */
class ModelNamesMatchContractTest {
  private static final String MODEL_PACKAGE = "io.github.centrasage.sage200.model";
  private final SageContract contract = SageContract.standard();

  /** A model as the client sends or receives it, with the contract record and operation behind it. */
  private static final class Use {
    final Class<?> model;
    final String operation;
    final boolean request;

    Use(Class<?> model, String operation, boolean request) {
      this.model = model;
      this.operation = operation;
      this.request = request;
    }
  }

  private static Use sent(Class<?> model, String operation) {
    return new Use(model, operation, true);
  }

  private static Use read(Class<?> model, String operation) {
    return new Use(model, operation, false);
  }

  /** What the client's resources send and decode (see Sage200Client and its resource classes). */
  private static final List<Use> USES = List.of(
      read(Site.class, "GET /sites"),
      sent(NewCustomer.class, "POST /customers"),
      read(Customer.class, "GET /customers"),
      read(CustomerView.class, "GET /customer_views"),
      read(CustomerEmail.class, "GET /customer_emails"),
      read(CustomerContact.class, "GET /customer_contacts/{id}"),
      read(CustomerContact.class, "GET /customers/{id}/customer_contacts"),
      read(Product.class, "GET /products"),
      read(Warehouse.class, "GET /warehouses"),
      read(WarehouseHolding.class, "GET /warehouse_holdings"),
      read(ProductPriceView.class, "GET /product_price_views"),
      read(PriceBand.class, "GET /price_bands"),
      read(TaxCode.class, "GET /tax_codes"),
      read(Currency.class, "GET /currencies"),
      read(Bank.class, "GET /banks"),
      read(NominalCode.class, "GET /nominal_codes"),
      sent(NewSalesOrder.class, "POST /sop_orders"),
      read(SalesOrder.class, "GET /sop_orders/{id}"),
      read(SalesOrder.class, "POST /sop_orders"),
      sent(SalesOrderChange.class, "PUT /sop_orders/{id}"),
      read(DespatchableOrder.class, "GET /sop_confirm_despatch"),
      sent(DespatchConfirmation.class, "POST /sop_confirm_despatch"),
      read(OrderDespatchView.class, "GET /sop_order_despatch_views"),
      read(OrderDespatchLineView.class, "GET /sop_order_despatch_line_views"),
      read(DespatchReceipt.class, "GET /sop_despatch_receipts"),
      sent(DespatchTracking.class, "PUT /sop_despatch_receipts/{id}"),
      sent(SalesCreditNote.class, "POST /sales_credit_notes"),
      sent(SalesReceipt.class, "POST /sales_receipts"),
      sent(SalesReceipt.class, "POST /sales_payments"),
      sent(SalesAllocation.class, "POST /sales_allocations"),
      read(SalesPostedTransaction.class, "GET /sales_posted_transactions"),
      sent(BankEntry.class, "POST /bank_payment"),
      sent(BankEntry.class, "POST /bank_receipt"),
      sent(BankTransfer.class, "POST /bank_transfer"),
      read(BankPostedTransaction.class, "GET /bank_posted_transactions"),
      sent(NewSalesReturn.class, "POST /sop_returns"),
      read(SalesReturn.class, "GET /sop_returns"));

  @Test
  void everyJsonNameOfEveryModelIsInTheContractAndNoRequestSendsAReadOnlyField() {
    List<String> problems = new ArrayList<>();
    Set<String> reached = new TreeSet<>();
    for (Use use : USES) {
      SageContract.Endpoint endpoint = contract.endpoint(use.operation).orElse(null);
      if (endpoint == null) {
        problems.add(use.operation + " is not in the contract");
        continue;
      }
      Type type = (use.request ? endpoint.request() : endpoint.response()).orElse(null);
      if (type == null) {
        problems.add(use.operation + " has no " + (use.request ? "request" : "response") + " record in the contract");
        continue;
      }
      check(use.model, recordOf(type), use.request, use.operation.startsWith("PUT "), use.model.getSimpleName(),
          problems, reached);
    }
    assertThat(problems).as("model names the contract does not allow").isEmpty();
    assertThat(reached).as("every model of %s is checked", MODEL_PACKAGE).containsAll(allModels());
  }

  @Test
  void theCheckFailsOnAnUnknownOrReadOnlyName() {
    // The rows this check exists for: names the library used before it followed the contract.
    assertThat(contract.schema("sop_order.delivery_address")).doesNotContainKey("telephone");
    assertThat(contract.schema("customer_view")).doesNotContainKey("on_hold");
    assertThat(contract.schema("site")).doesNotContainKey("tenant_id");
    assertThat(contract.schema("customer_contact").get("name").writable(false)).isFalse();
    assertThat(contract.schema("customer_contact").get("is_default").writable(false)).isFalse();
    assertThat(contract.requestProblems("customer", Map.of("reference", "A1", "name", "A",
        "contacts", List.of(Map.of("name", "Ann Lee", "first_name", "Ann"))), false))
        .containsExactly("'contacts[0].name' is read-only in customer_contact");
  }

  private static String recordOf(Type type) {
    Type t = type;
    while (t.element().isPresent()) {
      t = t.element().get();
    }
    return t.record();
  }

  private void check(Class<?> model, String record, boolean request, boolean update, String path,
      List<String> problems, Set<String> reached) {
    reached.add(model.getSimpleName());
    if (record == null) {
      problems.add(path + " (" + model.getSimpleName() + ") stands for a value whose fields Sage does not publish");
      return;
    }
    Map<String, Field> fields = contract.schema(record);
    for (Method accessor : model.getMethods()) {
      if (!Modifier.isAbstract(accessor.getModifiers()) || accessor.getParameterCount() != 0
          || accessor.getReturnType() == void.class || accessor.getName().equals("extraFields")) {
        continue;
      }
      Json json = accessor.getAnnotation(Json.class);
      String name = json != null ? json.name() : ImmutablesJsonAdapterFactory.Naming.SNAKE_CASE.apply(accessor.getName());
      String at = path + "." + name;
      Field field = fields.get(name);
      if (field == null) {
        problems.add(at + ": " + record + " has no field '" + name + "'");
        continue;
      }
      if (request && !field.writable(update)) {
        problems.add(at + ": '" + name + "' is read-only in " + record + " and must not be sent");
      }
      Class<?> nested = nestedModel(accessor);
      if (nested != null) {
        check(nested, recordOf(field.type()), request, update, at, problems, reached);
      }
    }
  }

  /** The model type inside an accessor's Optional or List, if it is one of this package's models. */
  private static Class<?> nestedModel(Method accessor) {
    Class<?> raw = accessor.getReturnType();
    java.lang.reflect.Type generic = accessor.getGenericReturnType();
    Class<?> value = raw;
    if ((raw == Optional.class || Collection.class.isAssignableFrom(raw)) && generic instanceof ParameterizedType) {
      java.lang.reflect.Type arg = ((ParameterizedType) generic).getActualTypeArguments()[0];
      value = arg instanceof Class ? (Class<?>) arg : Object.class;
    }
    return value.getPackageName().equals(MODEL_PACKAGE) && value.isInterface() ? value : null;
  }

  /** Every interface of the model package that has an Immutables implementation (the JSON models). */
  private static Set<String> allModels() {
    Set<String> out = new TreeSet<>();
    try {
      File dir = new File(Site.class.getResource("Site.class").toURI()).getParentFile();
      for (String file : dir.list()) {
        if (!file.endsWith(".class") || file.startsWith("Immutable") || file.contains("$")) {
          continue;
        }
        String name = file.substring(0, file.length() - ".class".length());
        if (new File(dir, "Immutable" + name + ".class").exists()) {
          out.add(name);
        }
      }
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }
}
