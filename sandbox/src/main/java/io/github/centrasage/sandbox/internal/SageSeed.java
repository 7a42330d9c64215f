package io.github.centrasage.sandbox.internal;

import static io.github.centrasage.sandbox.internal.Rows.row;

import io.github.centrasage.sandbox.SandboxCatalog;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * The company a new sandbox starts with: GBP and EUR, the UK VAT codes, the nominal codes and bank
 * accounts the finance flows post to, two price bands, couriers, web and trade customers, and the
 * catalogue's warehouses, products, stock and prices. The order of the rows fixes their ids, which
 * tests and the demo may print, so it stays as it is.
 */
final class SageSeed {
  private SageSeed() {}

  static void seed(SageState state, SageCustomerRoutes customers, SandboxCatalog catalog) {
    Instant now = state.clock.instant();
    long gbp = state.add(state.currencies, row("symbol", "£", "name", "Pound Sterling", "core_currency_rate", BigDecimal.ONE,
        "euro_currency_rate", new BigDecimal("1.170000"), "is_base_currency", true, "is_euro_currency", false,
        "currency_iso_code", row("code", "GBP", "name", "Pound Sterling")));
    long eur = state.add(state.currencies, row("symbol", "€", "name", "Euro", "core_currency_rate", new BigDecimal("1.170000"),
        "euro_currency_rate", BigDecimal.ONE, "is_base_currency", false, "is_euro_currency", true,
        "currency_iso_code", row("code", "EUR", "name", "Euro")));
    // UK VAT codes as a default Sage 200 company has them (T0 zero, T1 standard, T2 exempt, T5 reduced, T9 outside scope).
    long standard = 0;
    for (Object[] t : new Object[][] {{0, "Zero rated", "0.00"}, {1, "Standard rated", "20.00"}, {2, "Exempt", "0.00"},
        {5, "Reduced rate", "5.00"}, {9, "Outside the scope of VAT", "0.00"}}) {
      long id = state.add(state.taxCodes, row("code", t[0], "name", t[1], "tax_rate", new BigDecimal((String) t[2]),
          "terms", "EnumTaxTermsDomestic", "is_notional_acquisition_tax", false));
      if ((int) t[0] == 1) {
        standard = id;
      }
    }
    for (String[] n : new String[][] {{"1200", "Bank current account"}, {"1210", "Payment gateway clearing"},
        {"2200", "Sales tax control account"}, {"4000", "Sales - web"}, {"4010", "Sales - returns"},
        {"4900", "Carriage"}, {"7901", "Bank charges and interest"}, {"9999", "Rounding"},
        // Balance-sheet and expense codes a site keeps for its payment service provider's bookings.
        {"1105", "PSP security deposit"}, {"1106", "PSP rolling reserve"}, {"1215", "PSP balance in transit"},
        {"2105", "PSP invoices"}, {"7910", "Chargebacks"}, {"9998", "PSP corrections"}}) {
      state.add(state.nominalCodes, row("reference", n[0], "name", n[1], "cost_centre_code", "", "department_code", "",
          "account_status_type", "EnumAccountStatusActive", "balance_year_to_date", BigDecimal.ZERO.setScale(2)));
    }
    for (String[] b : new String[][] {{"1200", "Current account", "40-11-62", "41234567", "GBP"},
        {"1210", "Adyen clearing", "00-00-00", "ADYEN001", "GBP"},
        {"1201", "Euro current account", "40-11-62", "41234575", "EUR"},
        {"1211", "Adyen clearing EUR", "00-00-00", "ADYEN002", "EUR"}}) {
      long id = state.add(state.banks, row("code", b[0], "description", b[1], "sort_code", b[2], "account_no", b[3],
          "account_type", "EnumBankAccountTypeCurrent", "account_status_type", "EnumAccountStatusActive",
          "account_currency_id", b[4].equals("EUR") ? eur : gbp, "balance", BigDecimal.ZERO.setScale(2),
          "bank_account_nominal_reference", b[0], "bank_charges_nominal_reference", "7901", "date_time_updated", now));
      state.bankByCode.put(b[0], id);
    }
    long standardBand = state.add(state.priceBands, row("name", "Standard", "description", "Standard GBP prices",
        "is_standard_band", true, "currency_id", gbp, "price_band_type", "Universal", "is_active", true,
        "is_time_based", false, "date_time_updated", now));
    long euroBand = state.add(state.priceBands, row("name", "EURO", "description", "Euro web prices", "is_standard_band", false,
        "currency_id", eur, "price_band_type", "Universal", "is_active", true, "is_time_based", false,
        "date_time_updated", now));
    for (String[] c : new String[][] {{"DPD", "DPD UK"}, {"RMAIL", "Royal Mail"}, {"DHL", "DHL Express"}}) {
      state.add(state.couriers, row("code", c[0], "name", c[1]));
    }
    for (Object[] c : new Object[][] {{"WEBGBP", "Web sales GBP", gbp, standardBand}, {"WEBEUR", "Web sales EUR", eur, euroBand},
        {"HARR001", "Harrow Boutique Ltd", gbp, standardBand}, {"NORD001", "Nordic Concept Store AB", eur, euroBand}}) {
      customers.createCustomer(row("reference", c[0], "name", c[1], "currency_id", c[2], "price_band_id", c[3],
          "default_tax_code_id", standard, "country_code_id", 13L));
    }
    for (String name : catalog.warehouses()) {
      long id = state.add(state.warehouses, row("name", name, "description", name, "date_time_updated", now));
      state.warehouseByName.put(name, id);
    }
    for (SandboxCatalog.Item item : catalog.items()) {
      long pid = state.add(state.products, row("code", item.sku(),
          "name", item.productName() + " " + item.variantName() + " " + item.sizeName(),
          "description", item.productName(), "product_group_id", 1L, "barcode", item.ean(), "tax_code_id", standard,
          "allow_sales_order", true, "product_status_type", "EnumStockItemStatusTypeActive",
          "free_stock_quantity", BigDecimal.ZERO, "date_time_created", now, "date_time_updated", now));
      state.productByCode.put(item.sku(), pid);
      for (Map.Entry<String, BigDecimal> s : item.stock().entrySet()) {
        Long wid = state.warehouseByName.get(s.getKey());
        if (wid == null) {
          throw new IllegalArgumentException("catalog item " + item.sku() + " names unknown warehouse " + s.getKey());
        }
        state.holding(pid, wid).put("quantity_in_stock", s.getValue());
        state.refreshHolding(state.holding(pid, wid), now);
      }
      state.add(state.productPrices, priceRow(state, pid, item, standardBand, gbp, item.priceGbp(), now));
      state.add(state.productPrices, priceRow(state, pid, item, euroBand, eur, item.priceEur(), now));
    }
  }

  private static Map<String, Object> priceRow(SageState state, long productId, SandboxCatalog.Item item, long band,
      long currency, BigDecimal price, Instant now) {
    Map<String, Object> bandRow = state.priceBands.get(band);
    Map<String, Object> cur = state.currencies.get(currency);
    return row("product_price_id", null, "product_id", productId, "product_code", item.sku(),
        "product_name", state.products.get(productId).get("name"), "product_stock_unit_name", "Each",
        "price_band_id", band, "price_band_name", bandRow.get("name"), "product_price_use_standard", false,
        "product_price_price", price, "currency_id", currency, "currency_name", cur.get("name"),
        "currency_symbol", cur.get("symbol"), "date_time_updated", now);
  }
}
