package io.github.centrasage.sage200;

import io.github.centrasage.sage200.internal.SageRequest;
import io.github.centrasage.sage200.internal.SageTransport;
import io.github.centrasage.sage200.model.SalesAllocation;
import java.util.List;

/**
 * Allocates posted sales-ledger transactions against each other ({@code POST /sales_allocations}),
 * for example a receipt against an invoice. Ids are {@code sales_posted_transactions.id}, not URNs.
 *
 * <p>Usage: {@code client.salesAllocations().allocate(allocation)}
 */
public final class SalesAllocations {
  private final SageTransport transport;

  SalesAllocations(SageTransport transport) {
    this.transport = transport;
  }

  public void allocate(SalesAllocation allocation) {
    transport.execute(SageRequest.post(List.of("sales_allocations"), transport.toJson(allocation)), null);
  }
}
