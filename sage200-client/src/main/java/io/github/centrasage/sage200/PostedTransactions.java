package io.github.centrasage.sage200;

import io.github.centrasage.sage200.internal.SageTransport;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * Posted ledger transactions ({@code sales_posted_transactions}, {@code bank_posted_transactions}),
 * found by the URN a posting returned or by reference.
 *
 * <p>Usage: {@code client.salesPostedTransactions().findByUrn(Long.parseLong(urn))}
 *
 * @param <T> the transaction type
 */
public final class PostedTransactions<T> extends SageResource<T> {

  PostedTransactions(SageTransport transport, String resource, Class<T> type, ToLongFunction<T> id) {
    super(transport, List.of(resource), type, "id", id);
  }

  /** Transactions with this URN (posted transactions carry it as a number). */
  public List<T> findByUrn(long urn) {
    return list(ODataQuery.where(ODataFilter.eq("urn", urn)));
  }

  /** Transactions with this reference. */
  public List<T> findByReference(String reference) {
    return stream(ODataQuery.where(ODataFilter.eq("reference", reference))).collect(Collectors.toList());
  }
}
