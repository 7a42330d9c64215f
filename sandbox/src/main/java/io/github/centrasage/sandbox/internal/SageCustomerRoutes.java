package io.github.centrasage.sandbox.internal;

import static io.github.centrasage.sandbox.internal.Rows.objects;
import static io.github.centrasage.sandbox.internal.Rows.optionalDecimal;
import static io.github.centrasage.sandbox.internal.Rows.optionalLong;
import static io.github.centrasage.sandbox.internal.Rows.optionalString;
import static io.github.centrasage.sandbox.internal.Rows.requiredLong;
import static io.github.centrasage.sandbox.internal.Rows.row;

import io.github.centrasage.sandbox.internal.HttpExchange.Answer;
import io.github.centrasage.sandbox.internal.HttpExchange.Request;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Customers: accounts, their contacts and e-mail addresses, and the views the client finds a
 * customer by (reference, e-mail). The e-mail searches can be set to lag behind new accounts, as
 * Sage's search index does.
 */
final class SageCustomerRoutes extends SageRoutes {
  SageCustomerRoutes(SageState state) {
    super(state);
  }

  @Override
  void register(SageRouter router) {
    table(router, "customers", state.customers, "customer");
    router.post("/customers", (rq, id) -> created(createCustomer(Json.parseObject(rq.body()))));
    // lookup_customer (sales.json) has seven fields of the customer record
    router.get("/lookup_customers", (rq, id) -> listOnly(rq, state.customers.values(), java.util.Set.of("id",
        "reference", "name", "short_name", "post_code", "account_status_type_id", "office_type_id")));
    router.get("/customer_views", (rq, id) -> list(rq, customerViews()));
    router.get("/customer_contacts", (rq, id) -> list(rq, contacts(null)));
    // The client resolves a customer_emails row to its customer through this (reference notes, "find by e-mail").
    router.get("/customer_contacts/{id}", this::contact);
    router.get("/customers/{id}/customer_contacts",
        (rq, id) -> list(rq, contacts(SageState.requireRow(state.customers, id, "customer"))));
    router.get("/customer_emails", (rq, id) -> list(rq, emails()));
  }

  Map<String, Object> createCustomer(Map<String, Object> body) {
    String reference = optionalString(body, "reference", 8);
    if (reference == null || reference.isBlank()) {
      throw new BadRequest("The reference field is required.");
    }
    String name = optionalString(body, "name", 60);
    if (name == null || name.isBlank()) {
      throw new BadRequest("The name field is required.");
    }
    if (state.customerByReference.containsKey(reference.toUpperCase())) {
      throw new BadRequest("A customer with the reference " + reference + " already exists.");
    }
    long currencyId = body.get("currency_id") == null ? state.baseCurrencyId() : requiredLong(body, "currency_id");
    SageState.requireRow(state.currencies, currencyId, "currency");
    Instant now = state.clock.instant();
    Map<String, Object> r = row("reference", reference.toUpperCase(), "name", name,
        "short_name", optionalString(body, "short_name", 8), "currency_id", currencyId,
        "default_tax_code_id", optionalLong(body, "default_tax_code_id"), "vat_number", body.get("vat_number"),
        "country_code_id", body.get("country_code_id"), "credit_limit", optionalDecimal(body, "credit_limit", BigDecimal.ZERO),
        "balance", BigDecimal.ZERO.setScale(2), "on_hold", Boolean.TRUE.equals(body.get("on_hold")),
        "account_status_type", body.getOrDefault("account_status_type", "AccountStatusActive"),
        "price_band_id", optionalLong(body, "price_band_id"), "main_address", body.get("main_address"),
        "contacts", contactsWithIds(body.get("contacts")), "date_time_created", now, "date_time_updated", now);
    long id = state.add(state.customers, r);
    state.customerByReference.put(reference.toUpperCase(), id);
    if (state.emailSearchLags) {
      state.unindexedCustomers.add(id);
    }
    return state.customers.get(id);
  }

  /** Copies the posted contacts, giving each contact and e-mail an id as Sage does. */
  private List<Object> contactsWithIds(Object posted) {
    List<Object> out = new ArrayList<>();
    for (Map<String, Object> contact : objects(posted, "contacts")) {
      Map<String, Object> c = new LinkedHashMap<>(contact);
      c.put("id", state.id());
      List<Object> emails = new ArrayList<>();
      for (Map<String, Object> email : objects(contact.get("emails"), "contacts[].emails")) {
        Map<String, Object> e = new LinkedHashMap<>(email);
        e.put("id", state.id());
        emails.add(e);
      }
      c.put("emails", emails);
      out.add(c);
    }
    return out;
  }

  private List<Map<String, Object>> contacts(Long customerId) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> customer : state.customers.values()) {
      if (customerId != null && !customerId.equals(customer.get("id"))) {
        continue;
      }
      for (Map<String, Object> c : objects(customer.get("contacts"), "contacts")) {
        Object defaultEmail = null;
        for (Map<String, Object> e : objects(c.get("emails"), "emails")) {
          if (defaultEmail == null || Boolean.TRUE.equals(e.get("is_default"))) {
            defaultEmail = e.get("email");
          }
        }
        String name = (c.get("first_name") == null ? "" : c.get("first_name") + " ")
            + (c.get("last_name") == null ? "" : c.get("last_name"));
        out.add(row("id", c.get("id"), "customer_id", customer.get("id"), "first_name", c.get("first_name"),
            "last_name", c.get("last_name"), "name", c.getOrDefault("name", name.trim()),
            "is_default", Boolean.TRUE.equals(c.get("is_default")), "default_email", defaultEmail,
            "emails", c.get("emails"), "date_time_updated", customer.get("date_time_updated")));
      }
    }
    return out;
  }

  private Answer contact(Request rq, long id) {
    for (Map<String, Object> c : contacts(null)) {
      if (Long.valueOf(id).equals(c.get("id"))) {
        return ok(ODataQuery.parse(rq.query()).project(c));
      }
    }
    throw new BadRequest(404, "No customer contact with id " + id + ".");
  }

  /** While set, the e-mail searches (customer_views, customer_emails) do not see accounts created from now on. */
  void emailSearchLags(boolean lags) {
    state.emailSearchLags = lags;
    if (!lags) {
      state.unindexedCustomers.clear();
    }
  }

  private List<Map<String, Object>> emails() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> contact : contacts(null)) {
      if (state.unindexedCustomers.contains(contact.get("customer_id"))) {
        continue;
      }
      for (Map<String, Object> e : objects(contact.get("emails"), "emails")) {
        out.add(row("id", e.get("id"), "customer_contact_id", contact.get("id"), "email", e.get("email"),
            "is_default", Boolean.TRUE.equals(e.get("is_default"))));
      }
    }
    return out;
  }

  private List<Map<String, Object>> customerViews() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> c : state.customers.values()) {
      if (state.unindexedCustomers.contains(c.get("id"))) {
        continue;
      }
      Object email = null;
      for (Map<String, Object> contact : objects(c.get("contacts"), "contacts")) {
        for (Map<String, Object> e : objects(contact.get("emails"), "emails")) {
          if (email == null || Boolean.TRUE.equals(e.get("is_default"))) {
            email = e.get("email");
          }
        }
      }
      out.add(row("id", c.get("id"), "reference", c.get("reference"), "name", c.get("name"),
          "currency_id", c.get("currency_id"), "contact_default_email_address", email,
          "account_is_on_hold", c.get("on_hold"),
          "date_time_updated", c.get("date_time_updated")));
    }
    return out;
  }
}
