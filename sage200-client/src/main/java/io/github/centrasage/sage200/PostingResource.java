package io.github.centrasage.sage200;

import io.github.centrasage.sage200.internal.SageRequest;
import io.github.centrasage.sage200.internal.SageTransport;
import java.util.List;
import java.util.Map;

/**
 * A ledger posting endpoint that answers with a URN instead of the record ({@code sales_credit_notes},
 * {@code sales_receipts}, {@code bank_payment}, {@code bank_receipt}, {@code bank_transfer}). Keep the
 * URN: it is how the posted transaction is found later.
 *
 * <p>Usage: {@code String urn = client.salesCreditNotes().post(creditNote);}
 *
 * @param <B> the body type
 */
public final class PostingResource<B> {
  private final SageTransport transport;
  private final List<String> path;

  PostingResource(SageTransport transport, String resource) {
    this.transport = transport;
    this.path = List.of(resource);
  }

  /**
   * Posts the body and returns the URN. Never retried once it may have reached Sage; on
   * {@link Sage200Exception#requiresLookupBeforeRetry()} search the posted transactions by reference.
   */
  public String post(B body) {
    Object answer = transport.execute(SageRequest.post(path, transport.toJson(body)), Object.class);
    return urnOf(answer, "POST /" + path.get(0));
  }

  static String urnOf(Object answer, String call) {
    Object urn = answer instanceof Map ? ((Map<?, ?>) answer).get("urn") : answer;
    if (urn instanceof String && !((String) urn).isBlank()) {
      return (String) urn;
    }
    if (urn instanceof Number) {
      // Moshi reads JSON numbers as Double; URNs are whole numbers.
      return Long.toString(((Number) urn).longValue());
    }
    // The post succeeded (2xx), so the transaction exists: a lookup by reference finds it.
    throw new Sage200DeserializationException(call + " answered without a URN", 200, String.valueOf(answer), true, null);
  }
}
