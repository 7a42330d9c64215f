package io.github.centrasage.sync.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.centra.CodeRef;
import io.github.centrasage.centra.ImmutableAddress;
import io.github.centrasage.centra.ImmutableCodeRef;
import io.github.centrasage.centra.ImmutableNamedRef;
import io.github.centrasage.centra.ImmutableOrder;
import io.github.centrasage.centra.ImmutableOrderLine;
import io.github.centrasage.centra.ImmutableOrderLineSize;
import io.github.centrasage.centra.ImmutableOrderTotals;
import io.github.centrasage.centra.ImmutablePaymentMethod;
import io.github.centrasage.centra.Money;
import io.github.centrasage.centra.Order;
import io.github.centrasage.centra.OrderLine;
import io.github.centrasage.centra.OrderStatus;
import io.github.centrasage.sage200.model.NewSalesOrderLine;
import io.github.centrasage.sync.integration.ImmutableMappings;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.order.internal.MappedOrder;
import io.github.centrasage.sync.order.internal.OrderMapper;
import io.github.centrasage.sync.order.internal.SageAccount;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Mapping a Centra order to a Sage draft: prices, VAT rates, discounts, shipping, rounding and every problem at once. */
class OrderMapperTest {
  static final SageAccount SEK_ACCOUNT = new SageAccount(9, "WEBSEK", OptionalLong.of(3));
  static final Map<String, Long> PRODUCTS = Map.of("SHIRT-M", 501L, "BOOK-1", 502L);

  static ImmutableMappings.Builder mappings() {
    return Mappings.builder()
        .putCurrency("SEK", "3")
        .addTaxCode(Mappings.TaxCodeMapping.of(new BigDecimal("25"), "SE", 101))
        .addTaxCode(Mappings.TaxCodeMapping.of(new BigDecimal("6"), "SE", 102))
        .addTaxCode(Mappings.TaxCodeMapping.of(BigDecimal.ZERO, null, 100))
        .addPaymentAccount(Mappings.PaymentAccounts.builder().method("klarna").clearingBank("1220").currentBank("1200")
            .feesNominal("7901").varianceNominal("9999").build())
        .putWarehouse("Stockholm", "7")
        .putCustomerStrategy("Nordics", Mappings.CustomerStrategy.sharedAccount("WEBSEK"))
        .shippingChargeCode("CARRIAGE")
        .roundingTolerance(new BigDecimal("0.05"))
        .roundingNominal("9999")
        .putRequiredFieldDefault("analysis_code_1", "WEB-SE");
  }

  static OrderImportOptions options() {
    return OrderImportOptions.builder().defaultWarehouse("Stockholm").addRequiredFields("analysis_code_1").build();
  }

  static OrderLine line(long id, String sku, int qty, String unitPrice, String originalPrice, String taxPercent) {
    return ImmutableOrderLine.builder().id(id).quantity(qty).taxPercent(new BigDecimal(taxPercent))
        .productSize(ImmutableOrderLineSize.builder().sku(sku).build())
        .unitPrice(Money.of(unitPrice, "SEK")).unitOriginalPrice(Money.of(originalPrice, "SEK"))
        .lineValue(Money.of(new BigDecimal(unitPrice).multiply(BigDecimal.valueOf(qty)), "SEK")).build();
  }

  /** A Swedish order: a discounted shirt at 25% VAT, two books at 6%, 49 SEK shipping, all prices tax included. */
  static ImmutableOrder.Builder order(String grandTotal, List<OrderLine> lines) {
    CodeRef sweden = ImmutableCodeRef.builder().code("SE").name("Sweden").build();
    return ImmutableOrder.builder().id("abc").number(1234).status(OrderStatus.CONFIRMED)
        .orderDate(OffsetDateTime.parse("2026-01-05T10:00:00Z"))
        .market(ImmutableNamedRef.builder().id(3).name("Nordics").build())
        .grandTotal(Money.of(grandTotal, "SEK"))
        .totals(ImmutableOrderTotals.builder().shipping(Money.of("49.00", "SEK")).build())
        .paymentMethod(ImmutablePaymentMethod.builder().plugin("klarna").build())
        .shippingAddress(ImmutableAddress.builder().firstName("Sara").lastName("Lind").address1("Storgatan 1")
            .city("Stockholm").zipCode("111 22").country(sweden).email("sara@example.se").build())
        .lines(lines);
  }

  static Order swedishOrder() {
    // 1 × 800 (was 1000) + 2 × 106 + 49 shipping = 1061
    return order("1061.00", List.of(line(1, "SHIRT-M", 1, "800.00", "1000.00", "25"),
        line(2, "BOOK-1", 2, "106.00", "106.00", "6"))).build();
  }

  @Test
  void mapsLinesAtNetPricesWithTheirVatCodesAndShippingAsACharge() {
    MappedOrder mapped = new OrderMapper(mappings().build(), options()).map(swedishOrder(), SEK_ACCOUNT, PRODUCTS);

    assertThat(mapped.problems()).isEmpty();
    SalesOrderDraft draft = mapped.draft().orElseThrow();
    assertThat(draft.documentKey()).isEqualTo("CENTRA-1234");
    assertThat(draft.salesOrder().customerDocumentNo()).contains("CENTRA-1234");
    assertThat(draft.salesOrder().customerId()).isEqualTo(9);
    assertThat(draft.salesOrder().analysisCode1()).contains("WEB-SE");
    assertThat(draft.salesOrder().deliveryAddress()).hasValueSatisfying(a -> {
      assertThat(a.postcode()).contains("111 22");
      assertThat(a.postalName()).contains("Sara Lind");
    });
    assertThat(draft.salesOrder().lines())
        .extracting(NewSalesOrderLine::lineType, l -> l.productId(), l -> l.sellingUnitPrice().orElseThrow(), l -> l.taxCodeId())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("EnumLineTypeStandard", OptionalLong.of(501), new BigDecimal("640.00"), OptionalLong.of(101)),
            org.assertj.core.groups.Tuple.tuple("EnumLineTypeStandard", OptionalLong.of(502), new BigDecimal("100.00"), OptionalLong.of(102)),
            org.assertj.core.groups.Tuple.tuple("EnumLineTypeCharge", OptionalLong.empty(), new BigDecimal("39.20"), OptionalLong.of(101)));
    assertThat(draft.salesOrder().lines().get(0).warehouseId()).hasValue(7);
    assertThat(draft.expectedSageGrossTotal()).isEqualByComparingTo("1061.00");
    assertThat(draft.roundingAdjustment()).isZero();
  }

  @Test
  void putsTheDiscountOnASeparateChargeLineWhenConfigured() {
    Mappings separate = mappings().discountHandling(Mappings.DiscountHandling.SEPARATE_LINE)
        .discountChargeCode("DISCOUNT").build();

    SalesOrderDraft draft = new OrderMapper(separate, options()).map(swedishOrder(), SEK_ACCOUNT, PRODUCTS)
        .draft().orElseThrow();

    assertThat(draft.salesOrder().lines().get(0).sellingUnitPrice()).contains(new BigDecimal("800.00"));
    assertThat(draft.salesOrder().lines()).filteredOn(l -> l.code().equals(java.util.Optional.of("DISCOUNT")))
        .singleElement().satisfies(l -> {
          assertThat(l.sellingUnitPrice()).contains(new BigDecimal("-160.00"));
          assertThat(l.taxCodeId()).hasValue(101);
        });
    assertThat(draft.expectedSageGrossTotal()).isEqualByComparingTo("1061.00");
  }

  @Test
  void addsARoundingLineOnTheRoundingNominalForAPennyDifferenceWithinTheTolerance() {
    // 3 × 9.99 incl. 25%: Sage rounds the unit to 7.99 net, 3 × 7.99 = 23.97 + 5.99 VAT = 29.96; Centra says 29.97.
    Order order = order("78.97", List.of(line(1, "SHIRT-M", 3, "9.99", "9.99", "25"))).build();

    SalesOrderDraft draft = new OrderMapper(mappings().build(), options()).map(order, SEK_ACCOUNT, PRODUCTS)
        .draft().orElseThrow();

    assertThat(draft.roundingAdjustment()).isEqualByComparingTo("0.01");
    assertThat(draft.salesOrder().lines()).last().satisfies(l -> {
      assertThat(l.lineType()).isEqualTo("EnumLineTypeFreeText");
      assertThat(l.nominalReference()).contains("9999");
      assertThat(l.taxCodeId()).hasValue(100);
    });
    assertThat(draft.expectedSageGrossTotal()).isEqualByComparingTo("78.97");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    Order order = order("1061.00", List.of(line(1, "SHIRT-M", 1, "800.00", "800.00", "25"),
        line(2, "NOPE-XL", 1, "100.00", "100.00", "12"))).build();
    Mappings broken = mappings().currencies(Map.of()).shippingChargeCode(java.util.Optional.empty())
        .paymentAccounts(List.of()).requiredFieldDefaults(Map.of()).build();

    MappedOrder mapped = new OrderMapper(broken, options()).map(order, SEK_ACCOUNT, PRODUCTS);

    assertThat(mapped.draft()).isEmpty();
    assertThat(mapped.problems()).containsExactlyInAnyOrder(
        "currency SEK has no Sage currency mapping",
        "payment method 'klarna' in SEK has no payment accounts mapping",
        "unknown SKU NOPE-XL: Sage has no product with that code",
        "no Sage tax code for 12% VAT in SE",
        "order has shipping, but no shipping charge code is mapped",
        "required Sage field analysis_code_1 has no value (add it to requiredFieldDefaults)");
  }

  @Test
  void refusesImplausibleQuantitiesAmountsAndDuplicatedLinesNamingEachOne() {
    OrderLine euroLine = ImmutableOrderLine.builder().from(line(6, "BOOK-1", 1, "10.00", "10.00", "6"))
        .unitPrice(Money.of("10.00", "EUR")).build();
    Order order = order("1061.00", List.of(
        line(1, "SHIRT-M", -2, "800.00", "800.00", "25"),
        line(2, "BOOK-1", 2_000_000, "106.00", "106.00", "6"),
        line(3, "BOOK-1", 1, "-106.00", "106.00", "6"),
        line(4, "SHIRT-M", 1, "800.00", "800.00", "150"),
        line(5, "BOOK-1", 1, "999999999.00", "999999999.00", "6"),
        line(5, "BOOK-1", 1, "999999999.00", "999999999.00", "6"),
        euroLine)).totals(ImmutableOrderTotals.builder().shipping(Money.of("-49.00", "SEK")).build()).build();

    MappedOrder mapped = new OrderMapper(mappings().build(), options()).map(order, SEK_ACCOUNT, PRODUCTS);

    assertThat(mapped.draft()).isEmpty();
    assertThat(mapped.problems()).contains(
        "line 1 (SHIRT-M) has a negative quantity (-2)",
        "line 2 (BOOK-1) has quantity 2000000, above the plausible maximum of 10000 (OrderImportOptions.maxLineQuantity)",
        "line 3 (BOOK-1) unit price is negative (-106.00 SEK)",
        "line 4 (SHIRT-M) has a tax rate of 150%, outside 0–100%",
        "line 5 (BOOK-1) unit price 999999999.00 SEK is above the plausible maximum of 1000000 (OrderImportOptions.maxAmount)",
        "line 5 appears 2 times in the order",
        "line 6 (BOOK-1) unit price is in EUR, but the order is in SEK",
        "shipping is negative (-49.00 SEK)");
  }

  @Test
  void theLimitsAreOptions() {
    Order big = order("1061.00", List.of(line(1, "SHIRT-M", 20_000, "800.00", "800.00", "25"))).build();
    OrderImportOptions roomy = OrderImportOptions.builder().from(options()).maxLineQuantity(50_000)
        .maxAmount(new BigDecimal("100000000")).build();

    assertThat(new OrderMapper(mappings().build(), roomy).map(big, SEK_ACCOUNT, PRODUCTS).problems())
        .noneMatch(p -> p.contains("plausible"));
    assertThat(new OrderMapper(mappings().build(), options()).map(big, SEK_ACCOUNT, PRODUCTS).problems())
        .anyMatch(p -> p.contains("maxLineQuantity"));
  }

  @Test
  void refusesAnOrderWhoseCurrencyIsNotTheCustomerAccountsCurrency() {
    SageAccount gbpAccount = new SageAccount(10, "WEBGBP", OptionalLong.of(1));

    MappedOrder mapped = new OrderMapper(mappings().build(), options()).map(swedishOrder(), gbpAccount, PRODUCTS);

    assertThat(mapped.problems()).singleElement().asString()
        .contains("customer account WEBGBP is in Sage currency 1", "order is in SEK");
  }
}
