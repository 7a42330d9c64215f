package io.github.centrasage.sage200;

import com.squareup.moshi.Types;
import io.github.centrasage.sage200.internal.SageJson;
import io.github.centrasage.sage200.internal.SageRequest;
import io.github.centrasage.sage200.internal.SageTransport;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A readable Sage 200 collection: one record by id, one page by {@link ODataQuery}, or every match
 * as a lazy {@link Stream} of pages. Thread-safe.
 *
 * <p>Usage: {@code client.taxCodes().stream(ODataQuery.all()).forEach(…)}
 *
 * @param <T> the record type
 */
public class SageResource<T> {
  /** Page size when the query sets no {@code $top}: Sage's own default. */
  static final int DEFAULT_PAGE_SIZE = 500;

  final SageTransport transport;
  final List<String> path;
  final Class<T> type;
  private final String keyField;
  private final ToLongFunction<T> key;

  SageResource(SageTransport transport, List<String> path, Class<T> type, String keyField, ToLongFunction<T> key) {
    this.transport = transport;
    this.path = List.copyOf(path);
    this.type = type;
    this.keyField = keyField;
    this.key = key;
  }

  /** {@code GET /<resource>/{id}}. */
  public T get(long id) {
    return get(id, ODataQuery.all());
  }

  /**
   * {@code GET /<resource>/{id}} with {@code $select}/{@code $expand} from the query.
   *
   * @throws Sage200WrongRecordException when Sage answers with a record of another id
   */
  public T get(long id, ODataQuery query) {
    T record = transport.execute(SageRequest.get(append(path, Long.toString(id)), query.toParameters()), type);
    // a mixed-up answer used as if it were the record asked for would bind or write against the wrong record
    long answered = key == null || !(query.select().isEmpty() || query.select().contains(keyField)) ? id
        : key.applyAsLong(record);
    // 0: a record type whose id is optional came without one, which says nothing about which record it is
    if (answered != id && answered != 0) {
      throw new Sage200WrongRecordException(String.join("/", path) + " id", Long.toString(id), Long.toString(answered));
    }
    return record;
  }

  /** One request: the records matching the query (Sage returns at most {@code $top}, default 500). */
  public List<T> list(ODataQuery query) {
    return transport.execute(SageRequest.get(path, query.toParameters()), SageTransport.listOf(type));
  }

  /**
   * One request, the records exactly as Sage sent them (field name → plain JSON value): for checks
   * that compare a site's answer with the models, such as the go-live doctor. Flows use {@link #list}.
   */
  public List<Map<String, Object>> readRaw(ODataQuery query) {
    return transport.execute(SageRequest.get(path, query.toParameters()),
        Types.newParameterizedType(List.class, Types.newParameterizedType(Map.class, String.class, Object.class)));
  }

  /** The resource path below the company, such as {@code sop_orders}. */
  public String resourceName() {
    return String.join("/", path);
  }

  /**
   * The JSON fields the model of this resource reads, each mapped to {@code true} when the model
   * cannot be built without it and {@code false} when it takes it as optional.
   */
  public Map<String, Boolean> modelFields() {
    return SageJson.VALUE_TYPES.modelFields(type);
  }

  /**
   * Every record matching the query, fetched lazily page by page. Here {@code $top} is the page size.
   * Without a caller {@code $orderby} or {@code $skip}, pages follow the key ({@code id gt last},
   * ordered by id), which stays correct while records are inserted; otherwise {@code $top/$skip}.
   */
  public Stream<T> stream(ODataQuery query) {
    Iterator<T> pages = new PageIterator(query);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  static List<String> append(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return all;
  }

  private final class PageIterator implements Iterator<T> {
    private final ODataQuery query;
    private final int pageSize;
    private final boolean keyset;
    private List<T> page = List.of();
    private int index;
    private boolean exhausted;
    private Long lastKey;
    private int skip;
    private int effectivePageSize = -1;

    PageIterator(ODataQuery query) {
      this.query = query;
      this.pageSize = query.top().orElse(DEFAULT_PAGE_SIZE);
      this.keyset = keyField != null && query.orderBy().isEmpty() && query.skip().isEmpty();
      this.skip = query.skip().orElse(0);
    }

    @Override
    public boolean hasNext() {
      while (index >= page.size()) {
        if (exhausted) {
          return false;
        }
        fetch();
      }
      return true;
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return page.get(index++);
    }

    private void fetch() {
      ODataQuery.Builder next = query.toBuilder().top(pageSize);
      if (keyset) {
        if (lastKey != null) {
          next.andFilter(ODataFilter.gt(keyField, lastKey));
        }
        next.orderByAscending(keyField);
      } else {
        next.skip(skip);
      }
      page = list(next.build());
      if (keyset && lastKey != null) {
        // A server (or proxy cache) that ignored "id gt last" would repeat rows forever: rows at or
        // below the last key are not new, and a page with nothing new ends the stream.
        long last = lastKey;
        page = page.stream().filter(row -> key.applyAsLong(row) > last).collect(Collectors.toList());
      }
      index = 0;
      skip += page.size();
      // Sage may cap $top below what was asked, so a short page is not proof of the end. By key,
      // only an empty page ends the stream; by offset, the first page's size is the real page size.
      if (keyset) {
        exhausted = page.isEmpty();
      } else {
        if (effectivePageSize < 0) {
          effectivePageSize = page.size();
        }
        exhausted = page.isEmpty() || page.size() < effectivePageSize;
      }
      if (keyset && !page.isEmpty()) {
        lastKey = key.applyAsLong(page.get(page.size() - 1));
      }
    }
  }
}
