package io.github.centrasage.doctor.internal;

import io.github.centrasage.centra.Order;
import io.github.centrasage.centra.OrderLine;
import io.github.centrasage.centra.OrderQuery;
import io.github.centrasage.centra.PaymentMethod;
import io.github.centrasage.centra.Pricelist;
import io.github.centrasage.doctor.DoctorCheck;
import io.github.centrasage.doctor.DoctorContext;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.model.Bank;
import io.github.centrasage.sage200.model.Currency;
import io.github.centrasage.sage200.model.Customer;
import io.github.centrasage.sage200.model.NominalCode;
import io.github.centrasage.sage200.model.PriceBand;
import io.github.centrasage.sage200.model.TaxCode;
import io.github.centrasage.sage200.model.Warehouse;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.catalog.CatalogPublish;
import io.github.centrasage.sync.catalog.PriceMapping;
import io.github.centrasage.sync.finance.RefundImport;
import io.github.centrasage.sync.integration.internal.OrderTaxes;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.order.internal.OrderMapper;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every Sage id and code in the mappings resolves to a usable record, and every Centra market,
 * pricelist, warehouse, currency and payment method in use has a mapping.
 */
public final class MappingsCheck implements DoctorCheck {
  /** Below this many recent Sage orders, "always filled" says nothing about a site's required fields. */
  private static final int SUSPECT_MIN_ORDERS = 5;

  @Override
  public String name() {
    return "mappings";
  }

  @Override
  public void run(DoctorContext ctx) {
    Mappings m = ctx.mappings();
    Sage200Client sage = ctx.sage();
    checkCurrencies(ctx, m, sage.currencies().list(ODataQuery.all()));
    checkTaxCodes(ctx, m, sage.taxCodes().list(ODataQuery.all()));
    checkWarehouses(ctx, m, sage.warehouses().list(ODataQuery.all()));
    checkBanksAndNominals(ctx, m, sage);
    checkCustomerAccounts(ctx, m, sage);
    ctx.flow(CatalogPublish.class).ifPresent(c -> checkPriceBands(ctx, c.options().priceMappings(), sage));
    if (Flows.importsOrders(ctx)) {
      checkRequiredFields(ctx, m, sage);
    }
    checkCentraWarehouses(ctx, m);
    checkPricelists(ctx, m);
    if (Flows.importsOrders(ctx)) {
      checkOrdersInUse(ctx, m);
    }
  }

  private static void checkCurrencies(DoctorContext ctx, Mappings m, List<Currency> currencies) {
    Map<Long, Currency> byId = currencies.stream().collect(Collectors.toMap(Currency::id, c -> c, (a, b) -> a));
    m.currencies().forEach((iso, id) -> {
      ctx.checked();
      Optional<Long> sageId = Ids.parse(id);
      if (sageId.isEmpty() || !byId.containsKey(sageId.get())) {
        ctx.error("mappings.currency.missing", "currency." + iso + " = " + id + ": Sage has no currency with id " + id
                + "; its currencies: " + describe(currencies, c -> c.id() + " " + c.name().orElse(c.symbol().orElse(""))),
            "set currency." + iso + " to the id of the Sage currency " + iso + " (GET currencies)");
      }
    });
  }

  private static void checkTaxCodes(DoctorContext ctx, Mappings m, List<TaxCode> taxCodes) {
    Map<Long, TaxCode> byId = taxCodes.stream().collect(Collectors.toMap(TaxCode::id, t -> t, (a, b) -> a));
    for (Mappings.TaxCodeMapping t : m.taxCodes()) {
      ctx.checked();
      String key = "tax." + t.country().orElse("*") + "." + t.percent().stripTrailingZeros().toPlainString();
      TaxCode code = byId.get(t.sageTaxCodeId());
      if (code == null) {
        ctx.error("mappings.tax-code.missing", key + " = " + t.sageTaxCodeId() + ": Sage has no tax code with id "
                + t.sageTaxCodeId() + "; its tax codes: " + describe(taxCodes, MappingsCheck::describeTaxCode),
            "set " + key + " to the id (not the code) of the Sage tax code for "
                + t.percent().stripTrailingZeros().toPlainString() + "% (GET tax_codes)");
        continue;
      }
      if (code.taxRate().isPresent() && code.taxRate().get().compareTo(t.percent()) != 0) {
        ctx.error("mappings.tax-code.rate-mismatch", key + " = " + t.sageTaxCodeId() + ": Centra's "
                + t.percent().stripTrailingZeros().toPlainString() + "% maps to Sage tax code " + describeTaxCode(code)
                + " whose rate is " + code.taxRate().get().stripTrailingZeros().toPlainString() + "%",
            "map " + key + " to a Sage tax code with the same rate, or correct the rate in Sage");
      }
    }
  }

  private static String describeTaxCode(TaxCode t) {
    return t.id() + " (code " + (t.code().isPresent() ? Long.toString(t.code().getAsLong()) : "?") + ", "
        + t.taxRate().map(r -> r.stripTrailingZeros().toPlainString() + "%").orElse("no rate") + ")";
  }

  private static void checkWarehouses(DoctorContext ctx, Mappings m, List<Warehouse> warehouses) {
    Map<Long, Warehouse> byId = warehouses.stream().collect(Collectors.toMap(Warehouse::id, w -> w, (a, b) -> a));
    m.warehouses().forEach((centra, sageId) -> {
      ctx.checked();
      Optional<Long> id = Ids.parse(sageId);
      if (id.isEmpty() || !byId.containsKey(id.get())) {
        ctx.error("mappings.warehouse.missing", "warehouse." + centra + " = " + sageId
                + ": Sage has no warehouse with id " + sageId + "; its warehouses: "
                + describe(warehouses, w -> w.id() + " " + w.name()),
            "set warehouse." + centra + " to the id of the Sage warehouse (GET warehouses)");
      }
    });
  }

  private static void checkBanksAndNominals(DoctorContext ctx, Mappings m, Sage200Client sage) {
    Map<String, Bank> banks = new LinkedHashMap<>();
    sage.banks().stream(ODataQuery.all()).forEach(b -> banks.putIfAbsent(b.code(), b));
    Map<String, NominalCode> nominals = new LinkedHashMap<>();
    // every nominal code is read once: a chart of accounts has thousands at most
    sage.nominalCodes().stream(ODataQuery.all()).forEach(n -> nominals.putIfAbsent(n.reference(), n));
    for (Mappings.PaymentAccounts a : m.paymentAccounts()) {
      String key = "payment." + a.method() + a.currency().map(c -> "@" + c).orElse("");
      bank(ctx, banks, key + ".clearingBank", a.clearingBank());
      bank(ctx, banks, key + ".currentBank", a.currentBank());
      nominal(ctx, nominals, key + ".feesNominal", a.feesNominal());
      nominal(ctx, nominals, key + ".varianceNominal", a.varianceNominal());
    }
    m.roundingNominal().ifPresent(n -> nominal(ctx, nominals, "rounding.nominal", n));
    ctx.flow(RefundImport.class).ifPresent(r -> {
      nominal(ctx, nominals, "RefundImportOptions.goodsNominal", r.options().goodsNominal());
      r.options().shippingNominal().ifPresent(n -> nominal(ctx, nominals, "RefundImportOptions.shippingNominal", n));
    });
  }

  private static void bank(DoctorContext ctx, Map<String, Bank> banks, String key, String code) {
    ctx.checked();
    Bank bank = banks.get(code);
    if (bank == null) {
      ctx.error("mappings.bank.missing", key + " = " + code + ": Sage has no bank account with code " + code
              + "; its bank accounts: " + String.join(", ", new TreeMap<>(banks).keySet()),
          "set " + key + " to the code of a Sage bank account (GET banks), or create the account in Sage");
    } else if (bank.accountStatusType().filter(s -> s.toLowerCase().contains("hold")).isPresent()) {
      ctx.error("mappings.bank.on-hold", key + " = " + code + ": the Sage bank account is "
          + bank.accountStatusType().get(), "take the bank account off hold in Sage");
    }
  }

  private static void nominal(DoctorContext ctx, Map<String, NominalCode> nominals, String key, String reference) {
    ctx.checked();
    if (!nominals.containsKey(reference)) {
      ctx.error("mappings.nominal.missing", key + " = " + reference + ": Sage has no nominal code " + reference,
          "set " + key + " to a nominal account reference that exists in Sage (GET nominal_codes)");
    }
  }

  private static void checkCustomerAccounts(DoctorContext ctx, Mappings m, Sage200Client sage) {
    m.customerStrategies().forEach((market, strategy) -> {
      if (strategy.kind() != Mappings.CustomerStrategy.Kind.SHARED_ACCOUNT) {
        return;
      }
      ctx.checked();
      String key = "customer." + market + " = account:" + strategy.reference();
      Optional<Customer> account = sage.customers().findByReference(strategy.reference());
      if (account.isEmpty()) {
        ctx.error("mappings.customer-account.missing", key + ": Sage has no customer account " + strategy.reference(),
            "create the account " + strategy.reference() + " in Sage, or map market " + market + " to an existing one");
      } else if (account.get().onHold().orElse(false)) {
        ctx.error("mappings.customer-account.on-hold", key + ": the Sage account " + strategy.reference()
            + " is on hold, so Sage refuses its sales orders", "take the account off hold in Sage");
      }
    });
  }

  private static void checkPriceBands(DoctorContext ctx, List<PriceMapping> mappings, Sage200Client sage) {
    Map<String, PriceBand> bands = new LinkedHashMap<>();
    sage.priceBands().stream(ODataQuery.all()).forEach(b -> bands.putIfAbsent(b.name(), b));
    for (PriceMapping p : mappings) {
      ctx.checked();
      PriceBand band = bands.get(p.sagePriceBand());
      if (band == null) {
        ctx.error("mappings.price-band.missing", "price mapping " + p.sagePriceBand() + " → Centra pricelist "
                + p.centraPricelistId() + ": Sage has no price band named " + p.sagePriceBand() + "; its bands: "
                + String.join(", ", bands.keySet()),
            "name an existing Sage price band in CatalogPublishOptions.priceMappings");
      } else if (!band.isActive().orElse(true)) {
        ctx.warning("mappings.price-band.inactive", "price band " + p.sagePriceBand() + " is not active in Sage",
            "activate the band in Sage, or map another band");
      }
    }
  }

  private static void checkRequiredFields(DoctorContext ctx, Mappings m, Sage200Client sage) {
    Set<String> declared = ctx.flow(OrderImport.class).map(o -> o.options().requiredFields()).orElse(Set.of());
    for (String field : declared) {
      ctx.checked();
      if (!m.requiredFieldDefaults().containsKey(field)) {
        ctx.error("mappings.required-field.unmapped", "the Sage site requires " + field
                + " on a sales order (OrderImportOptions.requiredFields) and the mappings give it no value: every"
                + " order would park",
            "add required." + field + " = <value> to the mappings file (requiredFieldDefaults)");
      }
    }
    // Sage's API does not say which order fields a site makes mandatory. A field every recent order
    // carries, that the import would leave empty, is the likeliest candidate.
    List<Map<String, Object>> recent = sage.salesOrders().readRaw(ODataQuery.builder().top(20)
        .orderByDescending("id").build());
    ctx.checked();
    if (recent.size() < SUSPECT_MIN_ORDERS) {
      return;
    }
    for (String field : OrderMapper.supportedHeaderFields()) {
      if (field.equals(m.customerDocumentField()) || m.requiredFieldDefaults().containsKey(field)
          || declared.contains(field)) {
        continue;
      }
      boolean alwaysFilled = recent.stream().allMatch(o -> o.get(field) != null && !o.get(field).toString().isBlank());
      if (alwaysFilled) {
        ctx.warning("mappings.required-field.suspected", field + " is filled in all of the last " + recent.size()
                + " Sage sales orders, and imported orders would leave it empty",
            "if the site requires it, add required." + field + " = <value> to the mappings and " + field
                + " to OrderImportOptions.requiredFields");
      }
    }
  }

  /**
   * Every warehouse key is a Centra warehouse. Centra's documented schema has no root field that
   * lists warehouses, so each mapped id is looked up ({@code warehouse(id:)}); a Centra warehouse
   * nobody mapped cannot be found this way.
   */
  private static void checkCentraWarehouses(DoctorContext ctx, Mappings m) {
    for (String id : m.warehouses().keySet()) {
      ctx.checked();
      Optional<Long> numeric = Ids.parse(id);
      Object found = numeric.isEmpty() ? null : ctx.centra().readQuery(
          "query DoctorWarehouse { warehouse(id: " + numeric.get() + ") { id name } }", "warehouse");
      if (found == null) {
        ctx.error("mappings.warehouse.unknown-centra", "warehouse." + id + ": Centra has no warehouse with id " + id,
            "key warehouse mappings by Centra warehouse id (shown in Centra's warehouse settings)");
      }
    }
  }

  private static void checkPricelists(DoctorContext ctx, Mappings m) {
    Set<Long> published = ctx.flow(CatalogPublish.class)
        .map(c -> c.options().priceMappings().stream().map(PriceMapping::centraPricelistId)
            .collect(Collectors.toSet()))
        .orElse(null);
    for (Pricelist p : ctx.centra().catalog().pricelists()) {
      boolean active = p.status().map(s -> !s.equalsIgnoreCase("INACTIVE")).orElse(true);
      if (!active) {
        continue;
      }
      p.currency().map(c -> c.code()).ifPresent(iso -> {
        ctx.checked();
        if (!m.currencies().containsKey(iso)) {
          ctx.error("mappings.currency.unmapped", "Centra pricelist " + p.id() + " (" + p.name().orElse("") + ") sells in "
              + iso + ", which has no Sage currency", "add currency." + iso + " = <Sage currency id>");
        }
      });
      if (published != null) {
        ctx.checked();
        if (!published.contains(p.id())) {
          ctx.warning("mappings.pricelist.unmapped", "Centra pricelist " + p.id() + " (" + p.name().orElse("")
                  + ") gets no prices from Sage",
              "add a PriceMapping for it to CatalogPublishOptions, if Sage owns its prices");
        }
      }
    }
  }

  private static void checkOrdersInUse(DoctorContext ctx, Mappings m) {
    if (ctx.orderSampleSize() == 0) {
      return;
    }
    OffsetDateTime from = OffsetDateTime.ofInstant(ctx.clock().instant().minus(ctx.orderSampleWindow()), ZoneOffset.UTC);
    Set<String> seen = new LinkedHashSet<>();
    List<Order> sample = new ArrayList<>();
    ctx.centra().orders().list(OrderQuery.builder().from(from).build()).limit(ctx.orderSampleSize())
        .forEach(sample::add);
    ctx.info("mappings.orders.sampled", sample.size() + " Centra orders since " + from.toLocalDate()
        + " were read to learn the markets, currencies, payment methods and tax rates in use");
    for (Order o : sample) {
      String market = OrderMapper.marketKey(o);
      String currency = o.currency();
      if (seen.add("market:" + market)) {
        ctx.checked();
        if (m.customerStrategy(market).isEmpty()) {
          ctx.error("mappings.market.unmapped", "Centra market '" + market + "' (order " + o.number()
                  + ") has no customer strategy: its orders park",
              "add customer." + market + " = account:<Sage account> (or shopper:<prefix>)");
        }
      }
      if (seen.add("currency:" + currency)) {
        ctx.checked();
        if (m.sageCurrency(currency).isEmpty()) {
          ctx.error("mappings.currency.unmapped", "Centra orders in " + currency + " (order " + o.number()
              + ") have no Sage currency", "add currency." + currency + " = <Sage currency id>");
        }
      }
      String plugin = o.paymentMethod().flatMap(PaymentMethod::plugin).orElse("");
      if (!plugin.isEmpty() && seen.add("payment:" + plugin + "@" + currency)) {
        ctx.checked();
        if (m.paymentAccounts(plugin, currency).isEmpty()) {
          ctx.error("mappings.payment-method.unmapped", "payment method '" + plugin + "' in " + currency + " (order "
                  + o.number() + ") has no payment accounts: its orders park",
              "add payment." + plugin + ".clearingBank/currentBank/feesNominal/varianceNominal");
        }
      }
      String country = OrderTaxes.country(o).orElse("");
      for (OrderLine line : o.lines()) {
        BigDecimal rate = line.taxPercent();
        if (seen.add("tax:" + country + ":" + rate.stripTrailingZeros().toPlainString())) {
          ctx.checked();
          if (m.sageTaxCode(rate, country).isEmpty()) {
            ctx.error("mappings.tax-rate.unmapped", rate.stripTrailingZeros().toPlainString() + "% VAT in "
                    + (country.isEmpty() ? "an unknown country" : country) + " (order " + o.number()
                    + ") has no Sage tax code: its orders park",
                "add tax." + (country.isEmpty() ? "*" : country) + "." + rate.stripTrailingZeros().toPlainString()
                    + " = <Sage tax_code_id>");
          }
        }
      }
    }
  }

  private static <T> String describe(List<T> rows, Function<T, String> how) {
    String all = rows.stream().limit(20).map(how).collect(Collectors.joining(", "));
    return rows.size() > 20 ? all + ", …" : all;
  }
}
