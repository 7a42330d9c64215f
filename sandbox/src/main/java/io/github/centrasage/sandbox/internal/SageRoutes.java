package io.github.centrasage.sandbox.internal;

import static io.github.centrasage.sandbox.internal.Rows.row;

import io.github.centrasage.sandbox.internal.HttpExchange.Answer;
import io.github.centrasage.sandbox.internal.HttpExchange.Request;
import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One family of Sage resources (customers, stock, sales orders, …): it registers its operations on
 * the {@link SageRouter} and answers them over the shared {@link SageState}. A family keeps no
 * state of its own. The helpers here answer reads the way Sage does: OData options applied,
 * {@code $expand} of related records, 404 for an unknown id.
 */
abstract class SageRoutes {
  final SageState state;

  SageRoutes(SageState state) {
    this.state = state;
  }

  /** Adds this family's operations to {@code router}. */
  abstract void register(SageRouter router);

  /** {@code GET /resource} and {@code GET /resource/{id}} read straight from one table. */
  final void table(SageRouter router, String resource, Map<Long, Map<String, Object>> table, String what) {
    router.get("/" + resource, (rq, id) -> listTable(rq, table));
    router.get("/" + resource + "/{id}", (rq, id) -> one(rq, table, id, what));
  }

  /**
   * A list of {@code rows} narrowed to {@code fields}: a lookup or view record of Sage's carries
   * fewer fields than the table it is read from, and the sandbox answers in the record's shape.
   */
  final Answer listOnly(Request rq, Collection<Map<String, Object>> rows, java.util.Set<String> fields) {
    List<Map<String, Object>> narrowed = new java.util.ArrayList<>(rows.size());
    for (Map<String, Object> row : rows) {
      Map<String, Object> only = new java.util.LinkedHashMap<>();
      row.forEach((k, v) -> {
        if (fields.contains(k)) {
          only.put(k, v);
        }
      });
      narrowed.add(only);
    }
    return list(rq, narrowed);
  }

  final Answer list(Request rq, Collection<Map<String, Object>> rows) {
    ODataQuery query = ODataQuery.parse(rq.query());
    return ok(query.apply(expand(rows, query)));
  }

  /** A list over a whole table, whose rows a TreeMap keeps in id order (see {@link ODataQuery#apply(Iterable, boolean)}). */
  final Answer listTable(Request rq, Map<Long, Map<String, Object>> table) {
    if (!(table instanceof SortedMap)) {
      return list(rq, table.values());
    }
    ODataQuery query = ODataQuery.parse(rq.query());
    return ok(query.apply(expand(table.values(), query), true));
  }

  final Answer one(Request rq, Map<Long, Map<String, Object>> table, long id, String what) {
    SageState.requireRow(table, id, what);
    ODataQuery query = ODataQuery.parse(rq.query());
    return ok(query.project(expand(List.of(table.get(id)), query).iterator().next()));
  }

  /**
   * Applies {@code $expand} of related records ({@code customer}, {@code currency}, {@code product},
   * {@code warehouse}) to copies of the rows, so filters and selects can reach into them.
   */
  final Collection<Map<String, Object>> expand(Collection<Map<String, Object>> rows, ODataQuery query) {
    Map<String, Map<Long, Map<String, Object>>> related = new LinkedHashMap<>();
    for (String name : query.expansions()) {
      Map<Long, Map<String, Object>> table = name.equals("customer") ? state.customers
          : name.equals("currency") ? state.currencies
          : name.equals("product") ? state.products : name.equals("warehouse") ? state.warehouses : null;
      if (table != null) {
        related.put(name, table);
      }
    }
    if (related.isEmpty()) {
      return rows;
    }
    // copied as the query reads them, so a page that stops early copies only the rows it read
    return new AbstractCollection<>() {
      @Override
      public Iterator<Map<String, Object>> iterator() {
        Iterator<Map<String, Object>> it = rows.iterator();
        return new Iterator<>() {
          @Override
          public boolean hasNext() {
            return it.hasNext();
          }

          @Override
          public Map<String, Object> next() {
            Map<String, Object> row = it.next();
            Map<String, Object> copy = new LinkedHashMap<>(row);
            related.forEach((name, table) -> {
              Object id = row.get(name + "_id");
              if (id != null) {
                copy.put(name, table.get((Long) id));
              }
            });
            return copy;
          }
        };
      }

      @Override
      public int size() {
        return rows.size();
      }
    };
  }

  static List<Map<String, Object>> where(Collection<Map<String, Object>> rows, String field, Object value) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      if (value.equals(r.get(field))) {
        out.add(r);
      }
    }
    return out;
  }

  static Answer ok(Object body) {
    return Answer.json(200, body);
  }

  static Answer created(Object body) {
    return Answer.json(201, body);
  }

  /** The answer to a posting: its unique reference number, as a string. */
  static Map<String, Object> urn(long urn) {
    return row("urn", String.valueOf(urn));
  }
}
