package io.github.centrasage.sage200;

import io.github.centrasage.sage200.internal.SageRequest;
import io.github.centrasage.sage200.internal.SageTransport;
import io.github.centrasage.sage200.model.Customer;
import io.github.centrasage.sage200.model.CustomerContact;
import io.github.centrasage.sage200.model.CustomerEmail;
import io.github.centrasage.sage200.model.CustomerView;
import io.github.centrasage.sage200.model.NewCustomer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Customer accounts ({@code /customers}), with lookups by reference and by e-mail.
 *
 * <p>Usage: {@code client.customers().findByReference("WEBGBP").orElseThrow()}
 */
public final class Customers extends SageResource<Customer> {

  Customers(SageTransport transport) {
    super(transport, List.of("customers"), Customer.class, "id", Customer::id);
  }

  /** {@code POST /customers}; returns the account as Sage stored it. */
  public Customer create(NewCustomer customer) {
    return transport.execute(SageRequest.post(path, transport.toJson(customer)), Customer.class);
  }

  /**
   * The account with this reference ({@code $filter=reference eq '…'}), if any.
   *
   * @throws Sage200WrongRecordException when Sage answers with an account of another reference
   */
  public Optional<Customer> findByReference(String reference) {
    List<Customer> found = list(ODataQuery.builder().filter(ODataFilter.eq("reference", reference)).top(2).build());
    // Sage compares ignoring case and trailing spaces; anything else is an answer to another question
    for (Customer c : found) {
      if (!c.reference().trim().equalsIgnoreCase(reference.trim())) {
        throw new Sage200WrongRecordException("customer reference", reference, c.reference());
      }
    }
    return found.stream().findFirst();
  }

  /**
   * Accounts that use this e-mail address: the default contact e-mail in {@code customer_views},
   * and any contact e-mail in {@code customer_emails} (resolved through {@code customer_contacts}).
   * Ids are de-duplicated; the accounts are read in full.
   */
  public List<Customer> findByEmail(String email) {
    Set<Long> ids = new LinkedHashSet<>();
    List<CustomerView> views = transport.execute(
        SageRequest.get(List.of("customer_views"),
            ODataQuery.builder().filter(ODataFilter.eq("contact_default_email_address", email))
                .select("id", "reference", "name", "contact_default_email_address").build().toParameters()),
        SageTransport.listOf(CustomerView.class));
    views.forEach(view -> ids.add(view.id()));
    List<CustomerEmail> emails = transport.execute(
        SageRequest.get(List.of("customer_emails"),
            ODataQuery.where(ODataFilter.eq("email", email)).toParameters()),
        SageTransport.listOf(CustomerEmail.class));
    for (CustomerEmail row : emails) {
      if (row.customerContactId().isPresent()) {
        CustomerContact contact = transport.execute(
            SageRequest.get(List.of("customer_contacts", Long.toString(row.customerContactId().getAsLong())),
                ODataQuery.all().toParameters()),
            CustomerContact.class);
        long contactId = row.customerContactId().getAsLong();
        if (contact.id().isPresent() && contact.id().getAsLong() != contactId) {
          throw new Sage200WrongRecordException("customer_contacts id", Long.toString(contactId),
              Long.toString(contact.id().getAsLong()));
        }
        contact.customerId().ifPresent(ids::add);
      }
    }
    List<Customer> customers = new ArrayList<>(ids.size());
    for (long id : ids) {
      customers.add(get(id));
    }
    return customers;
  }

  /** The contacts of account {@code customerId} ({@code GET /customers/{id}/customer_contacts}), with their e-mails. */
  public List<CustomerContact> contacts(long customerId) {
    return transport.execute(SageRequest.get(List.of("customers", Long.toString(customerId), "customer_contacts"),
        ODataQuery.all().toParameters()), SageTransport.listOf(CustomerContact.class));
  }
}
