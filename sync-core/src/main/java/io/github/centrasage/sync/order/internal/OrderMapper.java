package io.github.centrasage.sync.order.internal;

import io.github.centrasage.centra.Address;
import io.github.centrasage.centra.Money;
import io.github.centrasage.centra.NamedRef;
import io.github.centrasage.centra.Order;
import io.github.centrasage.centra.OrderLine;
import io.github.centrasage.centra.OrderLineAllocation;
import io.github.centrasage.centra.OrderTotals;
import io.github.centrasage.centra.PaymentMethod;
import io.github.centrasage.centra.StoreRef;
import io.github.centrasage.sage200.model.DeliveryAddress;
import io.github.centrasage.sage200.model.ImmutableDeliveryAddress;
import io.github.centrasage.sage200.model.ImmutableNewSalesOrder;
import io.github.centrasage.sage200.model.NewSalesOrderLine;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.integration.Mappings.DiscountHandling;
import io.github.centrasage.sync.order.OrderImportOptions;
import io.github.centrasage.sync.order.SalesOrderDraft;
import io.github.centrasage.sync.integration.internal.OrderTaxes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Turns a Centra order into a {@link SalesOrderDraft}, collecting every problem instead of stopping
 * at the first, so a person fixes the mappings once.
 */
public final class OrderMapper {
  static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  /** Sage stores money with two decimals and rounds each line's net and tax on its own. */
  private static final int MONEY_SCALE = 2;

  /** The Sage header fields a default or required-field entry may name, and how to set each. */
  static final Map<String, BiConsumer<ImmutableNewSalesOrder.Builder, String>> HEADER_FIELDS = headerFields();

  private final Mappings mappings;
  private final OrderImportOptions options;

  public OrderMapper(Mappings mappings, OrderImportOptions options) {
    this.mappings = mappings;
    this.options = options;
  }

  /** The Sage header fields {@code requiredFieldDefaults} and {@code requiredFields} may name. */
  public static Set<String> supportedHeaderFields() {
    return HEADER_FIELDS.keySet();
  }

  /**
   * The Sage warehouse each unit of a line goes to: where Centra allocated it (its warehouse mapped to
   * Sage's), so Sage allocates the units Centra took; what Centra has not allocated (yet) goes to the
   * market's fulfilment warehouse. A line Centra split over two warehouses becomes two Sage lines.
   * An allocation in an unmapped Centra warehouse is a problem: booking it elsewhere would let Sage
   * allocate stock Centra still shows as free there.
   */
  private Map<Long, Integer> warehouseParts(OrderLine line, int quantity, long fallback, List<String> problems) {
    Map<Long, Integer> parts = new LinkedHashMap<>();
    int left = quantity;
    for (OrderLineAllocation a : line.allocations()) {
      if (left == 0) {
        break;
      }
      Optional<String> centra = a.warehouse().map(w -> Long.toString(w.id()));
      Optional<Long> sage = centra.flatMap(mappings::sageWarehouse).flatMap(OrderMapper::parseId);
      if (sage.isEmpty()) {
        problems.add("line " + line.id() + " (" + line.sku().orElse("no SKU") + ") is allocated in Centra warehouse "
            + centra.orElse("(none named)") + ", which has no Sage warehouse mapping");
        continue;
      }
      int take = Math.min(left, Math.max(0, a.quantity()));
      if (take > 0) {
        parts.merge(sage.get(), take, Integer::sum);
        left -= take;
      }
    }
    if (left > 0) {
      parts.merge(fallback, left, Integer::sum);
    }
    return parts;
  }

  /** The market (or store) name the order's customer strategy and warehouse are chosen by. */
  public static String marketKey(Order order) {
    return order.market().flatMap(NamedRef::name)
        .or(() -> order.store().flatMap(StoreRef::name))
        .orElse("");
  }

  /** The Centra order's shipping country (billing as fallback), if it has one. */
  static Optional<String> country(Order order) {
    return OrderTaxes.country(order);
  }

  /**
   * Maps {@code order} for {@code account}; {@code productIds} holds the Sage product id of every
   * SKU Sage knows (absent SKUs are reported).
   */
  public MappedOrder map(Order order, SageAccount account, Map<String, Long> productIds) {
    List<String> problems = new ArrayList<>(OrderSanity.problems(order, options));
    String currency = order.currency();
    String country = country(order).orElse("");
    if (country.isEmpty()) {
      problems.add("order has no shipping or billing country, so no tax code can be chosen");
    }
    Optional<String> sageCurrency = mappings.sageCurrency(currency);
    if (sageCurrency.isEmpty()) {
      problems.add("currency " + currency + " has no Sage currency mapping");
    } else if (account.currencyId().isPresent()
        && !sageCurrency.get().equals(Long.toString(account.currencyId().getAsLong()))) {
      problems.add("customer account " + account.reference() + " is in Sage currency " + account.currencyId().getAsLong()
          + ", but the order is in " + currency + " (Sage currency " + sageCurrency.get() + ")");
    }
    String market = marketKey(order);
    Optional<Long> warehouseId = Optional.empty();
    Optional<String> centraWarehouse = options.warehouseFor(market);
    if (centraWarehouse.isEmpty()) {
      problems.add("no fulfilment warehouse for market '" + market + "' (set warehouseByMarket or defaultWarehouse)");
    } else {
      Optional<String> sageWarehouse = mappings.sageWarehouse(centraWarehouse.get());
      if (sageWarehouse.isEmpty()) {
        problems.add("Centra warehouse '" + centraWarehouse.get() + "' has no Sage warehouse mapping");
      } else {
        warehouseId = parseId(sageWarehouse.get());
        if (warehouseId.isEmpty()) {
          problems.add("Sage warehouse '" + sageWarehouse.get() + "' of Centra warehouse '" + centraWarehouse.get()
              + "' is not a numeric Sage warehouse id");
        }
      }
    }
    String plugin = order.paymentMethod().flatMap(PaymentMethod::plugin).orElse("");
    if (plugin.isEmpty()) {
      problems.add("order has no payment method");
    } else if (mappings.paymentAccounts(plugin, currency).isEmpty()) {
      problems.add("payment method '" + plugin + "' in " + currency + " has no payment accounts mapping");
    }

    // Centra reports either tax-inclusive prices (taxIncluded) or net prices plus taxAdded.
    boolean pricesIncludeTax = OrderTaxes.pricesIncludeTax(order);
    ImmutableNewSalesOrder.Builder sales = io.github.centrasage.sage200.model.NewSalesOrder.builder()
        .customerId(account.id());
    List<NewSalesOrderLine> lines = new ArrayList<>();
    Map<Long, BigDecimal> discountNetByTaxCode = new LinkedHashMap<>();
    BigDecimal expectedGross = BigDecimal.ZERO;
    BigDecimal highestRate = BigDecimal.ZERO;
    for (OrderLine line : order.lines()) {
      // Centra's quantity already leaves the cancelled units out (cancelledQuantity counts them apart)
      int quantity = line.quantity();
      if (quantity <= 0) {
        continue;
      }
      Optional<String> sku = line.sku();
      Optional<Long> productId = Optional.empty();
      if (sku.isEmpty()) {
        problems.add("line " + line.id() + " has no SKU");
      } else {
        productId = Optional.ofNullable(productIds.get(sku.get()));
        if (productId.isEmpty()) {
          problems.add("unknown SKU " + sku.get() + ": Sage has no product with that code");
        }
      }
      Optional<Long> taxCode = mappings.sageTaxCode(line.taxPercent(), country);
      if (taxCode.isEmpty()) {
        problems.add("no Sage tax code for " + line.taxPercent().stripTrailingZeros().toPlainString() + "% VAT in "
            + (country.isEmpty() ? "an unknown country" : country));
      }
      if (line.taxPercent().compareTo(highestRate) > 0) {
        highestRate = line.taxPercent();
      }
      if (productId.isEmpty() || taxCode.isEmpty() || warehouseId.isEmpty()) {
        continue;
      }
      boolean separateDiscount = mappings.discountHandling() == DiscountHandling.SEPARATE_LINE
          && line.unitOriginalPrice().isPresent();
      BigDecimal charged = separateDiscount ? line.unitOriginalPrice().get().value() : line.unitPrice().value();
      BigDecimal unitNet = net(charged, line.taxPercent(), pricesIncludeTax).setScale(options.unitPriceScale(),
          options.priceRounding());
      BigDecimal qty = BigDecimal.valueOf(quantity);
      Map<Long, Integer> parts = warehouseParts(line, quantity, warehouseId.get(), problems);
      for (Map.Entry<Long, Integer> part : parts.entrySet()) {
        BigDecimal partQty = BigDecimal.valueOf(part.getValue());
        lines.add(NewSalesOrderLine.standard(productId.get(), part.getKey(), partQty)
            .sellingUnitPrice(unitNet).taxCodeId(taxCode.get()).build());
        expectedGross = expectedGross.add(sageGross(unitNet.multiply(partQty), line.taxPercent(), options.sageLineRounding()));
      }
      if (separateDiscount) {
        BigDecimal discountGross = line.unitOriginalPrice().get().value().subtract(line.unitPrice().value()).multiply(qty);
        if (discountGross.signum() != 0) {
          discountNetByTaxCode.merge(taxCode.get(),
              net(discountGross, line.taxPercent(), pricesIncludeTax), BigDecimal::add);
        }
      }
    }
    if (order.lines().stream().noneMatch(l -> l.quantity() > 0)) {
      problems.add("order has no line left to import (every line cancelled)");
    }
    if (!discountNetByTaxCode.isEmpty()) {
      if (mappings.discountChargeCode().isEmpty()) {
        problems.add("discounts go on a separate line, but no discount charge code is mapped");
      } else {
        for (Map.Entry<Long, BigDecimal> d : discountNetByTaxCode.entrySet()) {
          BigDecimal amount = d.getValue().setScale(MONEY_SCALE, options.priceRounding()).negate();
          lines.add(NewSalesOrderLine.charge(mappings.discountChargeCode().get(), amount).taxCodeId(d.getKey())
              .description("Discount").build());
          expectedGross = expectedGross.add(sageGross(amount, rateOf(d.getKey(), order, country), options.sageLineRounding()));
        }
      }
    }
    BigDecimal shipping = order.totals().flatMap(OrderTotals::shipping).map(Money::value).orElse(BigDecimal.ZERO);
    if (shipping.signum() != 0) {
      BigDecimal rate = options.shippingTaxPercent().orElse(highestRate);
      Optional<Long> shippingTax = mappings.sageTaxCode(rate, country);
      if (mappings.shippingChargeCode().isEmpty()) {
        problems.add("order has shipping, but no shipping charge code is mapped");
      } else if (shippingTax.isEmpty()) {
        problems.add("no Sage tax code for shipping at " + rate.stripTrailingZeros().toPlainString() + "% VAT in "
            + (country.isEmpty() ? "an unknown country" : country));
      } else {
        BigDecimal shippingNet = net(shipping, rate, pricesIncludeTax).setScale(MONEY_SCALE, options.priceRounding());
        lines.add(NewSalesOrderLine.charge(mappings.shippingChargeCode().get(), shippingNet).taxCodeId(shippingTax.get())
            .description("Shipping").build());
        expectedGross = expectedGross.add(sageGross(shippingNet, rate, options.sageLineRounding()));
      }
    }

    BigDecimal centraTotal = order.grandTotal().value();
    BigDecimal rounding = BigDecimal.ZERO;
    BigDecimal difference = centraTotal.subtract(expectedGross);
    if (difference.signum() != 0 && difference.abs().compareTo(mappings.roundingTolerance()) <= 0
        && mappings.roundingNominal().isPresent()) {
      // A tax-free line on the rounding nominal makes Sage's total equal Centra's (a penny from per-line rounding).
      Optional<Long> zeroTax = mappings.sageTaxCode(BigDecimal.ZERO, country);
      if (zeroTax.isPresent()) {
        rounding = difference;
        lines.add(NewSalesOrderLine.freeText("Rounding", BigDecimal.ONE, difference).taxCodeId(zeroTax.get())
            .nominalReference(mappings.roundingNominal().get()).build());
        expectedGross = expectedGross.add(difference);
      }
    }

    String documentKey = mappings.customerDocumentFor(Long.toString(order.number()));
    if (documentKey.length() > 30) {
      problems.add("document key '" + documentKey + "' is longer than Sage's 30 characters");
    }
    setHeader(sales, mappings.customerDocumentField(), documentKey);
    sales.documentDate(order.orderDate().toLocalDate());
    order.paymentHistory().stream().flatMap(p -> p.externalReference().stream()).findFirst()
        .filter(ref -> ref.length() <= 20)
        .ifPresent(sales::paymentReference);
    order.shippingAddress().map(OrderMapper::deliveryAddress).ifPresent(a -> {
      sales.deliveryAddress(a);
      sales.useInvoiceAddress(false);
    });
    Map<String, String> header = new LinkedHashMap<>();
    header.put(mappings.customerDocumentField(), documentKey);
    mappings.requiredFieldDefaults().forEach((field, value) -> {
      if (!field.equals(mappings.customerDocumentField())) {
        setHeader(sales, field, value);
        header.put(field, value);
      }
    });
    for (String required : options.requiredFields()) {
      String value = header.get(required);
      if (value == null || value.isBlank()) {
        problems.add("required Sage field " + required + " has no value (add it to requiredFieldDefaults)");
      }
    }
    if (!problems.isEmpty()) {
      return MappedOrder.problems(problems);
    }
    return MappedOrder.of(SalesOrderDraft.builder()
        .centraOrderNumber(order.number())
        .documentKey(documentKey)
        .customerReference(account.reference())
        .salesOrder(sales.lines(lines).build())
        .currency(currency)
        .centraGrandTotal(centraTotal)
        .expectedSageGrossTotal(expectedGross)
        .roundingAdjustment(rounding)
        .build());
  }

  private BigDecimal rateOf(long taxCodeId, Order order, String country) {
    return order.lines().stream().map(OrderLine::taxPercent)
        .filter(rate -> mappings.sageTaxCode(rate, country).filter(id -> id == taxCodeId).isPresent())
        .findFirst().orElse(BigDecimal.ZERO);
  }

  private static void setHeader(ImmutableNewSalesOrder.Builder sales, String field, String value) {
    BiConsumer<ImmutableNewSalesOrder.Builder, String> setter = HEADER_FIELDS.get(field);
    if (setter != null) {
      setter.accept(sales, value);
    }
  }

  private static BigDecimal net(BigDecimal amount, BigDecimal taxPercent, boolean includesTax) {
    return OrderTaxes.net(amount, taxPercent, includesTax);
  }

  /** Sage's gross for a line: net rounded to pence, tax on that net rounded to pence. */
  static BigDecimal sageGross(BigDecimal lineNet, BigDecimal taxPercent, RoundingMode sageRounding) {
    BigDecimal net = lineNet.setScale(MONEY_SCALE, sageRounding);
    BigDecimal tax = net.multiply(taxPercent).divide(HUNDRED, MONEY_SCALE, sageRounding);
    return net.add(tax);
  }

  private static DeliveryAddress deliveryAddress(Address a) {
    ImmutableDeliveryAddress.Builder b = DeliveryAddress.builder();
    String name = String.join(" ", a.firstName().orElse(""), a.lastName().orElse("")).trim();
    Optional<String> postalName = a.companyName().filter(s -> !s.isBlank()).or(() -> Optional.of(name).filter(s -> !s.isEmpty()));
    postalName.ifPresent(b::postalName);
    if (!name.isEmpty()) {
      b.contact(name);
    }
    a.address1().ifPresent(b::address1);
    a.address2().ifPresent(b::address2);
    a.city().ifPresent(b::city);
    a.stateOrProvince().ifPresent(b::county);
    a.zipCode().ifPresent(b::postcode);
    a.country().map(c -> c.name().orElse(c.code())).ifPresent(b::country);
    a.email().ifPresent(b::emailAddress);
    a.phoneNumber().or(a::cellPhoneNumber).ifPresent(b::telephoneNumber);
    return b.build();
  }

  private static Optional<Long> parseId(String id) {
    try {
      return Optional.of(Long.parseLong(id.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Map<String, BiConsumer<ImmutableNewSalesOrder.Builder, String>> headerFields() {
    Map<String, BiConsumer<ImmutableNewSalesOrder.Builder, String>> m = new LinkedHashMap<>();
    m.put("customer_document_no", ImmutableNewSalesOrder.Builder::customerDocumentNo);
    m.put("analysis_code_1", ImmutableNewSalesOrder.Builder::analysisCode1);
    m.put("analysis_code_2", ImmutableNewSalesOrder.Builder::analysisCode2);
    m.put("analysis_code_3", ImmutableNewSalesOrder.Builder::analysisCode3);
    m.put("analysis_code_4", ImmutableNewSalesOrder.Builder::analysisCode4);
    m.put("analysis_code_5", ImmutableNewSalesOrder.Builder::analysisCode5);
    m.put("spare_text_1", ImmutableNewSalesOrder.Builder::spareText1);
    m.put("spare_text_2", ImmutableNewSalesOrder.Builder::spareText2);
    m.put("spare_text_3", ImmutableNewSalesOrder.Builder::spareText3);
    return Map.copyOf(m);
  }
}
