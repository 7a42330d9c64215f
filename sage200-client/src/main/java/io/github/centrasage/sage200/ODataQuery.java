package io.github.centrasage.sage200;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The OData options of one collection read: {@code $filter}, {@code $select}, {@code $orderby},
 * {@code $top} (at most 5000, Sage's ceiling), {@code $skip} and {@code $expand}. Immutable; the
 * client turns it into query parameters through OkHttp's URL builder, never by concatenation.
 *
 * <p>Usage: {@code ODataQuery.builder().filter(ODataFilter.eq("reference", ref)).top(1).build()}
 */
public final class ODataQuery {
  /** Sage's documented maximum for {@code $top}. */
  public static final int MAX_TOP = 5000;

  private static final ODataQuery EMPTY = builder().build();

  private final ODataFilter filter;
  private final List<String> select;
  private final List<String> orderBy;
  private final Integer top;
  private final Integer skip;
  private final List<String> expand;

  private ODataQuery(Builder b) {
    this.filter = b.filter;
    this.select = List.copyOf(b.select);
    this.orderBy = List.copyOf(b.orderBy);
    this.top = b.top;
    this.skip = b.skip;
    this.expand = List.copyOf(b.expand);
  }

  public static ODataQuery all() {
    return EMPTY;
  }

  public static ODataQuery where(ODataFilter filter) {
    return builder().filter(filter).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.filter = filter;
    b.select.addAll(select);
    b.orderBy.addAll(orderBy);
    b.top = top;
    b.skip = skip;
    b.expand.addAll(expand);
    return b;
  }

  public Optional<ODataFilter> filter() {
    return Optional.ofNullable(filter);
  }

  public List<String> select() {
    return select;
  }

  /** Order terms as sent, e.g. {@code id asc}. */
  public List<String> orderBy() {
    return orderBy;
  }

  public OptionalInt top() {
    return top == null ? OptionalInt.empty() : OptionalInt.of(top);
  }

  public OptionalInt skip() {
    return skip == null ? OptionalInt.empty() : OptionalInt.of(skip);
  }

  public List<String> expand() {
    return expand;
  }

  /** The query parameters in a stable order, unencoded ({@code $filter} → {@code reference eq 'A'}). */
  public Map<String, String> toParameters() {
    Map<String, String> params = new LinkedHashMap<>();
    if (filter != null) {
      params.put("$filter", filter.render());
    }
    if (!select.isEmpty()) {
      params.put("$select", String.join(",", select));
    }
    if (!orderBy.isEmpty()) {
      params.put("$orderby", String.join(",", orderBy));
    }
    if (top != null) {
      params.put("$top", Integer.toString(top));
    }
    if (skip != null) {
      params.put("$skip", Integer.toString(skip));
    }
    if (!expand.isEmpty()) {
      params.put("$expand", String.join(",", expand));
    }
    return Collections.unmodifiableMap(params);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ODataQuery && ((ODataQuery) o).toParameters().equals(toParameters());
  }

  @Override
  public int hashCode() {
    return toParameters().hashCode();
  }

  @Override
  public String toString() {
    return "ODataQuery" + toParameters();
  }

  /** Builds an {@link ODataQuery}; each method validates its input at once. */
  public static final class Builder {
    private ODataFilter filter;
    private final List<String> select = new ArrayList<>();
    private final List<String> orderBy = new ArrayList<>();
    private Integer top;
    private Integer skip;
    private final List<String> expand = new ArrayList<>();

    private Builder() {}

    public Builder filter(ODataFilter filter) {
      this.filter = Objects.requireNonNull(filter, "filter");
      return this;
    }

    /** Adds a filter with {@code and} to the one already set. */
    public Builder andFilter(ODataFilter more) {
      this.filter = filter == null ? Objects.requireNonNull(more, "filter") : filter.and(more);
      return this;
    }

    public Builder select(String... fields) {
      for (String field : fields) {
        select.add(ODataFilter.field(field.replace('.', '/')).replace('/', '.'));
      }
      return this;
    }

    public Builder orderByAscending(String field) {
      orderBy.add(ODataFilter.field(field) + " asc");
      return this;
    }

    public Builder orderByDescending(String field) {
      orderBy.add(ODataFilter.field(field) + " desc");
      return this;
    }

    public Builder top(int top) {
      if (top < 1 || top > MAX_TOP) {
        throw new IllegalArgumentException("$top must be between 1 and " + MAX_TOP + " (Sage's limit), was " + top);
      }
      this.top = top;
      return this;
    }

    public Builder skip(int skip) {
      if (skip < 0) {
        throw new IllegalArgumentException("$skip must not be negative, was " + skip);
      }
      this.skip = skip;
      return this;
    }

    public Builder expand(String... fields) {
      for (String field : fields) {
        expand.add(ODataFilter.field(field));
      }
      return this;
    }

    public ODataQuery build() {
      return new ODataQuery(this);
    }
  }
}
