package io.github.centrasage.sync.despatch.internal;

import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.model.SalesOrder;
import io.github.centrasage.sync.JobFailure;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.store.Binding;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Finds the Sage sales order of a Centra order the way order import left it: the {@code "order"}
 * binding first, then Sage's {@code customer_document_no}; and the way back, from a Sage order id
 * to the Centra order number.
 */
public final class SageOrderLocator {
  /** Binding entity type written by order import. */
  public static final String ORDER = "order";

  private SageOrderLocator() {}

  /**
   * The Sage order (with lines) of a Centra order, or empty while it is not in Sage yet (order import
   * may still be working on it): a dependency to wait for, not a failure.
   *
   * @throws JobFailure permanent when several Sage orders carry the number
   */
  public static Optional<SalesOrder> findSalesOrder(Integration ctx, Sage200Client sage, long centraNumber) {
    Optional<Binding> bound = ctx.store().bindingByCentraId(ORDER, Long.toString(centraNumber));
    if (bound.isPresent()) {
      return Optional.of(sage.salesOrders().getWithLines(Long.parseLong(bound.get().sageId())));
    }
    Mappings m = ctx.mappings();
    if (!"customer_document_no".equals(m.customerDocumentField())) {
      return Optional.empty(); // only the binding names it
    }
    String key = m.customerDocumentFor(Long.toString(centraNumber));
    List<SalesOrder> found = sage.salesOrders().findByCustomerDocumentNo(key);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    if (found.size() > 1) {
      throw JobFailure.permanent("Centra order " + centraNumber + " matches " + found.size()
          + " Sage sales orders (customer_document_no " + key + "); bind the right one");
    }
    return Optional.of(sage.salesOrders().getWithLines(found.get(0).id()));
  }

  /** The Centra order number of a Sage order: its binding, else its customer document number without the prefix. */
  public static OptionalLong centraNumberOf(Integration ctx, long sageOrderId, Optional<String> customerDocumentNo) {
    Optional<Binding> bound = ctx.store().bindingBySageId(ORDER, Long.toString(sageOrderId));
    if (bound.isPresent()) {
      return parse(bound.get().centraId());
    }
    String prefix = ctx.mappings().customerDocumentPrefix();
    // Without a prefix any numeric customer order number would pass for a Centra one: trust bindings only.
    if (prefix.isEmpty() || customerDocumentNo.isEmpty() || !customerDocumentNo.get().startsWith(prefix)) {
      return OptionalLong.empty();
    }
    return parse(customerDocumentNo.get().substring(prefix.length()));
  }

  private static OptionalLong parse(String number) {
    try {
      return OptionalLong.of(Long.parseLong(number.trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
