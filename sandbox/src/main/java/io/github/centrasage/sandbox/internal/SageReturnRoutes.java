package io.github.centrasage.sandbox.internal;

import static io.github.centrasage.sandbox.internal.Rows.optionalString;
import static io.github.centrasage.sandbox.internal.SageState.lines;

import io.github.centrasage.sandbox.SageSalesReturn;
import io.github.centrasage.sandbox.internal.HttpExchange.Request;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SOP returns (the 2025 R1 {@code sop_returns} endpoints). A site without them (the
 * {@code sopReturns} option off) answers 404 to every call, as an older Professional site does.
 */
final class SageReturnRoutes extends SageRoutes {
  private final SageOrderRoutes orders;

  SageReturnRoutes(SageState state, SageOrderRoutes orders) {
    super(state);
    this.orders = orders;
  }

  @Override
  void register(SageRouter router) {
    router.get("/sop_returns", (rq, id) -> list(rq, requireSopReturns(rq).values()));
    router.get("/sop_returns/{id}", (rq, id) -> one(rq, requireSopReturns(rq), id, "sales return"));
    router.get("/customers/{id}/sop_returns", (rq, id) -> list(rq, where(requireSopReturns(rq).values(), "customer_id", id)));
    router.post("/sop_returns", (rq, id) -> {
      requireSopReturns(rq);
      return created(createReturn(Json.parseObject(rq.body())));
    });
  }

  /** The returns table, or the 404 a site before Sage 200 2025 R1 answers for any sop_returns call. */
  private Map<Long, Map<String, Object>> requireSopReturns(Request rq) {
    if (!state.sopReturns) {
      throw SageRouter.notFound(rq);
    }
    return state.salesReturns;
  }

  /**
   * Enters a sales return as the 2025 R1 API would (schema inferred from sop_orders): customer,
   * lines of product/warehouse/quantity/price/tax code, free-text lines (a negative price is allowed,
   * as on the desktop screen), totals computed per line. Stock does not move: receipt of the goods
   * and the credit note are confirmed in the Sage desktop. Fields the emulator does not model
   * (a return reason, spare texts) are stored as sent so lookups by them work.
   */
  private Map<String, Object> createReturn(Map<String, Object> body) {
    Map<String, Object> customer = state.requireCustomer(body);
    long customerId = (Long) customer.get("id");
    List<Map<String, Object>> inputLines = SageOrderRoutes.requireLines(body, "sales return");
    Instant now = state.clock.instant();
    Map<String, Object> ret = new LinkedHashMap<>();
    // Every return has the fields sop_orders have, set or not, so filters on them work across rows.
    for (String field : new String[] {"analysis_code_1", "analysis_code_2", "analysis_code_3", "analysis_code_4",
        "analysis_code_5", "spare_text_1", "spare_text_2", "spare_text_3"}) {
      ret.put(field, null);
    }
    body.forEach((k, v) -> {
      if (!(v instanceof Map) && !(v instanceof List)) {
        ret.put(k, v);
      }
    });
    List<Map<String, Object>> lines = new ArrayList<>();
    BigDecimal net = BigDecimal.ZERO;
    BigDecimal tax = BigDecimal.ZERO;
    int n = 1;
    for (Map<String, Object> in : inputLines) {
      Map<String, Object> line = orders.newLine(in, customer);
      line.remove("_to_allocate");
      line.remove("allocated_quantity");
      line.remove("allocation_status");
      line.remove("despatch_receipt_quantity");
      line.put("line_number", n++);
      net = net.add(orders.lineValues(line));
      tax = tax.add((BigDecimal) line.get("line_tax_value"));
      lines.add(line);
    }
    if (net.add(tax).signum() < 0) {
      throw new BadRequest("The return cannot be saved because the gross or tax total is negative.");
    }
    ret.put("document_no", String.format("R%09d", state.nextReturnNo++));
    ret.put("document_date", SageState.dateOr(body.get("document_date"), now));
    ret.put("customer_id", customerId);
    ret.put("customer_document_no", optionalString(body, "customer_document_no", 30));
    ret.put("currency_id", customer.get("currency_id"));
    ret.put("document_status", SageState.LIVE);
    ret.put("lines", lines);
    ret.put("total_net_value", net);
    ret.put("total_tax_value", tax);
    ret.put("total_gross_value", net.add(tax));
    ret.put("date_time_created", now);
    ret.put("date_time_updated", now);
    long id = state.add(state.salesReturns, ret);
    return state.salesReturns.get(id);
  }

  List<SageSalesReturn> returnSnapshots() {
    List<SageSalesReturn> out = new ArrayList<>();
    for (Map<String, Object> r : state.salesReturns.values()) {
      List<SageSalesReturn.Line> lines = new ArrayList<>();
      for (Map<String, Object> l : lines(r)) {
        Long taxCode = (Long) l.get("tax_code_id");
        lines.add(new SageSalesReturn.Line((String) l.get("line_type"),
            l.get("product_id") == null ? null : (String) l.get("code"), state.warehouseName(l),
            (String) l.get("description"), (BigDecimal) l.get("line_quantity"), (BigDecimal) l.get("selling_unit_price"),
            taxCode == null ? null : ((Number) state.taxCodes.get(taxCode).get("code")).intValue(),
            (BigDecimal) l.get("line_total_value"), (BigDecimal) l.get("line_tax_value"),
            (String) l.get("nominal_reference")));
      }
      Map<String, String> other = new TreeMap<>();
      r.forEach((k, v) -> {
        if (v instanceof String && !k.equals("document_no") && !k.equals("customer_document_no")
            && !k.equals("document_status")) {
          other.put(k, (String) v);
        }
      });
      Map<String, Object> c = state.customers.get((Long) r.get("customer_id"));
      out.add(new SageSalesReturn((Long) r.get("id"), (String) r.get("document_no"), (String) c.get("reference"),
          (String) r.get("customer_document_no"), other, lines, (BigDecimal) r.get("total_net_value"),
          (BigDecimal) r.get("total_tax_value"), (BigDecimal) r.get("total_gross_value"),
          (Instant) r.get("date_time_created")));
    }
    return out;
  }
}
