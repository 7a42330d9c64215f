package io.github.centrasage.sage200;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonWriter;
import io.github.centrasage.sage200.internal.SageJson;
import io.github.centrasage.sage200.internal.SageRequest;
import io.github.centrasage.sage200.internal.SageTransport;
import io.github.centrasage.sage200.model.NewSalesOrder;
import io.github.centrasage.sage200.model.SalesOrder;
import io.github.centrasage.sage200.model.SalesOrderChange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sales orders ({@code /sop_orders}): create, read with lines, find by customer order number (one or
 * many per request), and update through Sage's lock protocol.
 *
 * <p>Usage: {@code client.salesOrders().findByCustomerDocumentNos(List.of("C-1", "C-2"))}
 */
public final class SalesOrders extends SageResource<SalesOrder> {
  private static final Logger LOG = LoggerFactory.getLogger(SalesOrders.class);
  private static final JsonAdapter<SalesOrderChange> CHANGE = SageJson.moshi().adapter(SalesOrderChange.class);

  private final int maxKeysPerLookup;

  SalesOrders(SageTransport transport, int maxKeysPerLookup) {
    super(transport, List.of("sop_orders"), SalesOrder.class, "id", SalesOrder::id);
    this.maxKeysPerLookup = maxKeysPerLookup;
  }

  /**
   * {@code POST /sop_orders}. Not retried after it may have reached Sage: on
   * {@link Sage200Exception#requiresLookupBeforeRetry()} look the order up by its customer document
   * number before creating it again.
   */
  public SalesOrder create(NewSalesOrder order) {
    return transport.execute(SageRequest.post(path, transport.toJson(order)), SalesOrder.class);
  }

  /** The order with its lines ({@code $expand=lines}). */
  public SalesOrder getWithLines(long id) {
    return get(id, ODataQuery.builder().expand("lines").build());
  }

  /** Orders whose {@code customer_document_no} is this number (Sage does not enforce uniqueness). */
  public List<SalesOrder> findByCustomerDocumentNo(String customerDocumentNo) {
    return list(ODataQuery.where(ODataFilter.eq("customer_document_no", customerDocumentNo)));
  }

  /**
   * Orders for many customer document numbers, with one {@code or} query per batch of
   * {@code maxKeysPerLookup} numbers. The map has an entry (possibly empty) for every number asked.
   */
  public Map<String, List<SalesOrder>> findByCustomerDocumentNos(Collection<String> customerDocumentNos) {
    return findByText("customer_document_no", SalesOrder::customerDocumentNo, customerDocumentNos);
  }

  /**
   * Orders for many {@code spare_text_1} values (a site that keeps the web order number there), batched and
   * matched like {@link #findByCustomerDocumentNos}: ignoring case and surrounding spaces, as Sage compares.
   */
  public Map<String, List<SalesOrder>> findBySpareText1s(Collection<String> values) {
    return findByText("spare_text_1", SalesOrder::spareText1, values);
  }

  private Map<String, List<SalesOrder>> findByText(String field, Function<SalesOrder, Optional<String>> value,
      Collection<String> keys) {
    List<String> numbers = new ArrayList<>(new LinkedHashSet<>(keys));
    Map<String, List<SalesOrder>> found = new LinkedHashMap<>();
    // Sage (SQL Server's default collation) compares case-insensitively, so "c-1" is a match for "C-1":
    // results are mapped back by a normalised key to every number asked that shares it.
    Map<String, List<String>> askedByKey = new LinkedHashMap<>();
    for (String number : numbers) {
      found.put(number, new ArrayList<>());
      askedByKey.computeIfAbsent(matchKey(number), k -> new ArrayList<>()).add(number);
    }
    for (int from = 0; from < numbers.size(); from += maxKeysPerLookup) {
      List<String> batch = numbers.subList(from, Math.min(numbers.size(), from + maxKeysPerLookup));
      // Every batch pages to the end, so a number used by several orders is never cut off.
      stream(ODataQuery.where(ODataFilter.in(field, batch))).forEach(order -> {
        List<String> asked = value.apply(order).map(n -> askedByKey.get(matchKey(n))).orElse(null);
        if (asked == null) {
          LOG.debug("sales order {} with {} {} matches no value asked; ignored", order.id(), field,
              value.apply(order).orElse("(none)"));
          return;
        }
        asked.forEach(number -> found.get(number).add(order));
      });
    }
    return found;
  }

  private static String matchKey(String customerDocumentNo) {
    return customerDocumentNo.trim().toUpperCase(Locale.ROOT);
  }

  /**
   * Changes an order through Sage's lock protocol: {@code GET ?$expand=is_to_lock} for a
   * {@code lock_id}, then {@code PUT} with that {@code lock_id} and {@code is_editing:false}, which
   * saves and releases the lock. Sage applies PUT line by line and stops at the first bad line, so
   * after a failed PUT the order is read again and attached to the exception
   * ({@link Sage200Exception#orderAfterFailedUpdate()}).
   */
  public SalesOrder update(long id, SalesOrderChange change) {
    // Taking the lock changes state: a retry after a lost response could leave the order locked under
    // a lock_id never seen here, so this GET is not retried like a read.
    SalesOrder locked = transport.execute(SageRequest.lockingGet(append(path, Long.toString(id)),
        ODataQuery.builder().expand("is_to_lock").build().toParameters()), SalesOrder.class);
    if (locked.lockId().isEmpty()) {
      throw new Sage200Exception("GET /sop_orders/" + id + "?$expand=is_to_lock returned no lock_id; the order"
          + " cannot be updated safely", 200, null, null);
    }
    String body = lockedUpdateBody(change, locked.lockId().getAsLong());
    try {
      return transport.execute(SageRequest.put(append(path, Long.toString(id)), body), SalesOrder.class);
    } catch (Sage200Exception failed) {
      try {
        failed.attachOrderAfterFailedUpdate(getWithLines(id));
      } catch (Sage200Exception rereadFailed) {
        LOG.warn("re-reading sales order {} after a failed update also failed: {}", id, rereadFailed.getMessage());
        failed.addSuppressed(rereadFailed);
      }
      throw failed;
    }
  }

  /** The change's fields flattened into one object with {@code lock_id} and {@code is_editing:false}. */
  static String lockedUpdateBody(SalesOrderChange change, long lockId) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.beginObject();
      int flatten = writer.beginFlatten();
      CHANGE.toJson(writer, change);
      writer.endFlatten(flatten);
      writer.name("lock_id").value(lockId);
      // false saves the order and releases the lock (true would keep a draft in editing).
      writer.name("is_editing").value(false);
      writer.endObject();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the sales order change", e);
    }
    return buffer.readUtf8();
  }
}
