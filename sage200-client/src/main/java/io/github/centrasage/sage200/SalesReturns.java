package io.github.centrasage.sage200;

import io.github.centrasage.sage200.internal.SageRequest;
import io.github.centrasage.sage200.internal.SageTransport;
import io.github.centrasage.sage200.model.SalesReturn;
import java.util.List;

/**
 * SOP returns ({@code sop_returns}), added in Sage 200 2025 R1. Older Professional sites answer
 * {@link Sage200NotFoundException}; fall back to {@code sales_credit_notes} there.
 *
 * <p>Usage: {@code client.salesReturns().create(SalesReturn.builder().customerId(1).build())}
 */
public final class SalesReturns extends SageResource<SalesReturn> {

  SalesReturns(SageTransport transport) {
    super(transport, List.of("sop_returns"), SalesReturn.class, null, null);
  }

  /** {@code POST /sop_returns}; fields this library does not model can go in {@code extraFields}. */
  public SalesReturn create(SalesReturn salesReturn) {
    return transport.execute(SageRequest.post(path, transport.toJson(salesReturn)), SalesReturn.class);
  }

  /** Returns with this customer document number. */
  public List<SalesReturn> findByCustomerDocumentNo(String customerDocumentNo) {
    return list(ODataQuery.where(ODataFilter.eq("customer_document_no", customerDocumentNo)));
  }
}
