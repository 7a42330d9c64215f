package io.github.centrasage.doctor.internal;

import io.github.centrasage.centra.Product;
import io.github.centrasage.centra.ProductSize;
import io.github.centrasage.centra.ProductVariant;
import io.github.centrasage.doctor.DoctorCheck;
import io.github.centrasage.doctor.DoctorContext;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every sellable Centra SKU has a Sage product (and, when the catalogue is published, every Sage
 * product a Centra SKU), stocked in the mapped warehouses, not on hold; no code twice on either
 * side. Both catalogues are streamed page by page: what is kept is one small entry per Sage product
 * code, a bit per Sage product and the product ids each mapped warehouse stocks, never whole records.
 */
public final class MasterDataCheck implements DoctorCheck {
  /** A progress line every this many Centra SKUs. */
  static final int PROGRESS_EVERY = 5_000;
  private static final String ACTIVE = "EnumStockItemStatusTypeActive";

  @Override
  public String name() {
    return "masterdata";
  }

  @Override
  public void run(DoctorContext ctx) {
    Sage200Client sage = ctx.sage();
    // code -> index into the arrays below
    Map<String, Integer> index = new HashMap<>();
    long[] ids = new long[1024];
    BitSet sellable = new BitSet();
    int count = 0;
    var products = sage.products().stream(ODataQuery.builder()
        .select("id", "code", "allow_sales_order", "product_status_type", "barcode").build()).iterator();
    // barcode -> the first Sage code that has it: a second item with it would claim the same Centra size
    Map<String, String> codeByBarcode = new HashMap<>();
    while (products.hasNext()) {
      var p = products.next();
      ctx.checked();
      if (index.containsKey(p.code())) {
        ctx.error("masterdata.sage-code.duplicate", "Sage has two products with code " + p.code() + " (ids "
            + ids[index.get(p.code())] + " and " + p.id() + ")", "merge or recode one of them in Sage");
        continue;
      }
      if (count == ids.length) {
        ids = java.util.Arrays.copyOf(ids, count * 2);
      }
      Optional<String> barcode = p.barcode().map(String::trim).filter(b -> !b.isEmpty());
      if (barcode.isPresent()) {
        String first = codeByBarcode.putIfAbsent(barcode.get(), p.code());
        if (first != null) {
          ctx.error("masterdata.sage-barcode.duplicate", "Sage products " + first + " and " + p.code()
                  + " have the same barcode " + barcode.get() + ": a Centra size takes one Sage item, so catalogue"
                  + " publishing parks both and neither is linked by it",
              "give each product its own barcode in Sage (or clear the wrong one)");
        }
      }
      ids[count] = p.id();
      boolean onHold = !p.allowSalesOrder().orElse(true) || !p.productStatusType().map(ACTIVE::equals).orElse(true);
      sellable.set(count, !onHold);
      index.put(p.code(), count++);
    }
    ctx.progress("masterdata: " + count + " Sage products indexed");
    Map<Long, Set<Long>> stockedBySageWarehouse = stockedProducts(ctx, sage);

    BitSet seen = new BitSet(count);
    Set<String> centraSkus = new HashSet<>();
    int skus = 0;
    int missing = 0;
    var centra = ctx.centra().catalog().products().iterator();
    while (centra.hasNext()) {
      Product product = centra.next();
      if (!product.status().map(s -> s.equalsIgnoreCase("ACTIVE")).orElse(true)) {
        continue;
      }
      for (ProductVariant variant : product.variants()) {
        for (ProductSize size : variant.productSizes()) {
          Optional<String> skuText = size.sku();
          if (skuText.isEmpty() || skuText.get().isBlank()) {
            continue;
          }
          String sku = skuText.get();
          skus++;
          ctx.checked();
          if (skus % PROGRESS_EVERY == 0) {
            ctx.progress("masterdata: " + skus + " Centra SKUs checked");
          }
          if (!centraSkus.add(sku)) {
            ctx.error("masterdata.centra-sku.duplicate", "Centra SKU " + sku + " is on two sizes (product "
                + product.id() + " among them)", "give each size its own SKU in Centra");
            continue;
          }
          Integer at = index.get(sku);
          if (at == null) {
            missing++;
            ctx.error("masterdata.sage-product.missing", "Centra sells SKU " + sku + " (product "
                    + product.productNumber().orElse(Long.toString(product.id())) + " " + product.name().orElse("")
                    + ") and Sage has no product with that code: its orders park",
                "create product " + sku + " in Sage (or correct the SKU in Centra) before the first order for it");
            continue;
          }
          seen.set(at);
          if (!sellable.get(at)) {
            ctx.warning("masterdata.sage-product.on-hold", "Sage product " + sku + " (id " + ids[at]
                    + ") is on hold or not allowed on sales orders, and Centra sells it",
                "make the product active and allow it on sales orders in Sage, or stop selling it in Centra");
          }
          long sageId = ids[at];
          String code = sku;
          stockedBySageWarehouse.forEach((warehouse, stocked) -> {
            ctx.checked();
            if (!stocked.contains(sageId)) {
              ctx.warning("masterdata.warehouse-holding.missing", "Sage product " + code + " is not stocked in Sage"
                      + " warehouse " + warehouse + " (mapped from Centra warehouse "
                      + ctx.mappings().centraWarehouse(Long.toString(warehouse)).orElse("?") + ")",
                  "add the product to that warehouse in Sage, or its stock shows as 0 and its orders cannot allocate");
            }
          });
        }
      }
    }
    ctx.progress("masterdata: " + skus + " Centra SKUs checked, " + missing + " without a Sage product");
    ctx.info("masterdata.counts", skus + " sellable Centra SKUs, " + count + " Sage products, " + missing
        + " Centra SKUs without a Sage product");
    if (Flows.publishesCatalog(ctx)) {
      long[] sageIds = ids;
      index.forEach((code, at) -> {
        if (sellable.get(at) && !seen.get(at)) {
          ctx.checked();
          ctx.warning("masterdata.centra-sku.missing", "Sage product " + code + " (id " + sageIds[at]
                  + ") is sellable and has no Centra SKU, so catalogue publishing has nothing to update for it",
              "create it in Centra (or let CatalogPublish create it, if product creation is on), or set it inactive");
        }
      });
    }
  }

  /** The Sage product ids stocked in each mapped Sage warehouse (one holding row = stocked). */
  private static Map<Long, Set<Long>> stockedProducts(DoctorContext ctx, Sage200Client sage) {
    Map<Long, Set<Long>> out = new HashMap<>();
    for (String sageWarehouse : new HashSet<>(ctx.mappings().warehouses().values())) {
      Optional<Long> id = Ids.parse(sageWarehouse);
      if (id.isEmpty()) {
        continue; // the mappings check reports it
      }
      Set<Long> stocked = new HashSet<>();
      sage.warehouseHoldings().forWarehouse(id.get()).forEach(h -> stocked.add(h.productId()));
      out.put(id.get(), stocked);
    }
    return out;
  }
}
