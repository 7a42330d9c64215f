package io.github.centrasage.doctor.internal;

import io.github.centrasage.doctor.DoctorCheck;
import io.github.centrasage.doctor.DoctorContext;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.Sage200NotFoundException;
import io.github.centrasage.sage200.SageResource;
import io.github.centrasage.sync.catalog.CatalogPublish;
import io.github.centrasage.sync.finance.RefundImport;
import io.github.centrasage.sync.stock.StockPublish;
import io.github.centrasage.sync.stock.StockReconcile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads one record ({@code $top=1}) of every Sage resource the host's flows use and compares its
 * fields with the client's model: fields Sage adds are fine, fields the model reads and Sage does
 * not send are not. A resource this site's Sage version lacks (a 404) is reported too.
 */
public final class SageContractCheck implements DoctorCheck {
  @Override
  public String name() {
    return "contract.sage";
  }

  @Override
  public void run(DoctorContext ctx) {
    for (SageResource<?> resource : resources(ctx)) {
      ctx.checked();
      String name = resource.resourceName();
      List<Map<String, Object>> rows;
      try {
        rows = resource.readRaw(ODataQuery.builder().top(1).build());
      } catch (Sage200NotFoundException e) {
        ctx.error("contract.sage.endpoint-missing", "this Sage site has no " + name + " endpoint (HTTP 404)",
            "upgrade the Sage 200 site, or turn off the flow that needs " + name + " (see docs/compatibility.md)");
        continue;
      }
      if (rows.isEmpty()) {
        ctx.info("contract.sage.no-rows", name + " has no records yet, so its fields were not compared");
        continue;
      }
      Map<String, Object> row = rows.get(0);
      resource.modelFields().forEach((field, required) -> {
        ctx.checked();
        if (row.containsKey(field)) {
          return;
        }
        if (required) {
          ctx.error("contract.sage.field-missing", name + ": Sage does not send " + field
                  + ", which the client needs to read a record",
              "this Sage version differs from the one the library was built for: report it with this line");
        } else {
          ctx.warning("contract.sage.field-missing-optional", name + ": Sage does not send " + field
                  + ", so the client always reads it as empty",
              "check whether this Sage version has the field; the library treats it as unknown");
        }
      });
    }
  }

  private static List<SageResource<?>> resources(DoctorContext ctx) {
    Sage200Client sage = ctx.sage();
    List<SageResource<?>> out = new ArrayList<>(List.of(sage.currencies(), sage.taxCodes(), sage.warehouses(),
        sage.banks(), sage.nominalCodes(), sage.customers(), sage.products(), sage.salesOrders()));
    if (ctx.flows().isEmpty() || ctx.flow(StockPublish.class).isPresent() || ctx.flow(StockReconcile.class).isPresent()
        || !ctx.mappings().warehouses().isEmpty()) {
      out.add(sage.warehouseHoldings());
    }
    if (ctx.flow(CatalogPublish.class).isPresent()) {
      out.add(sage.priceBands());
      out.add(sage.productPrices());
    }
    if (ctx.flow(RefundImport.class).isPresent()) {
      out.add(sage.salesReturns());
      out.add(sage.salesPostedTransactions());
    }
    return out;
  }
}
