package io.github.centrasage.sync.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.centrasage.sync.integration.Mappings.CustomerStrategy;
import io.github.centrasage.sync.integration.Mappings.DiscountHandling;
import io.github.centrasage.sync.integration.Mappings.PaymentAccounts;
import io.github.centrasage.sync.integration.Mappings.TaxCodeMapping;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MappingsTest {
  private static Mappings example() throws Exception {
    try (Reader r = new InputStreamReader(MappingsTest.class.getResourceAsStream("/mappings-example.properties"),
        StandardCharsets.UTF_8)) {
      return Mappings.fromProperties(r);
    }
  }

  @Test
  void loadsEveryEntryFromAPropertiesFile() throws Exception {
    Mappings m = example();

    assertThat(m.validate()).isEmpty();
    assertThat(m.sageCurrency("EUR")).contains("2");
    assertThat(m.sageTaxCode(new BigDecimal("20.00"), "GB")).contains(1729L);
    assertThat(m.sageTaxCode(BigDecimal.ZERO, "US")).as("any-country entry").contains(1731L);
    assertThat(m.sageTaxCode(new BigDecimal("20"), "SE")).isEmpty();
    assertThat(m.priceBandBasis("Standard")).contains(Mappings.PriceBasis.NET);
    assertThat(m.priceBandBasis("Trade")).isEmpty();
    assertThat(m.paymentAccounts("adyen", "EUR").map(PaymentAccounts::clearingBank)).contains("1215");
    assertThat(m.paymentAccounts("adyen", "GBP").map(PaymentAccounts::clearingBank)).contains("1210");
    PaymentAccounts adyen = m.paymentAccounts("adyen", "GBP").orElseThrow();
    assertThat(adyen.nominal("deposit")).contains("1105");
    assertThat(adyen.nominal("chargebacks")).contains("7910");
    assertThat(adyen.nominal("fees")).contains(adyen.feesNominal());
    assertThat(adyen.nominal("reserve")).isEmpty();
    assertThat(adyen.recordTypes()).containsEntry("MiscCosts", "FEE:7902:2");
    assertThat(io.github.centrasage.sync.integration.RecordTreatment.Rule.parse(adyen.recordTypes().get("MiscCosts")))
        .isEqualTo(new io.github.centrasage.sync.integration.RecordTreatment.Rule(
            io.github.centrasage.sync.integration.RecordTreatment.FEE, java.util.Optional.of("7902"),
            java.util.OptionalLong.of(2)));
    assertThat(adyen.accountTags()).containsEntry("AcmeOutlet", "O");
    assertThat(m.sageWarehouse("Main Warehouse")).contains("HOME");
    assertThat(m.centraWarehouse("3PL")).contains("3PL");
    assertThat(m.customerStrategy("Retail GB")).contains(CustomerStrategy.sharedAccount("WEBGBP"));
    assertThat(m.customerStrategy("Wholesale")).contains(CustomerStrategy.perShopper("WS"));
    assertThat(m.shippingChargeCode()).contains("CARRIAGE");
    assertThat(m.discountHandling()).isEqualTo(DiscountHandling.SEPARATE_LINE);
    assertThat(m.roundingTolerance()).isEqualByComparingTo("0.02");
    assertThat(m.requiredFieldDefaults()).containsEntry("analysis_code_1", "WEB");
    assertThat(m.customerDocumentField()).isEqualTo("customer_document_no");
    assertThat(m.customerDocumentFor("100234")).isEqualTo("C-100234");
    assertThat(m.safetyBuffer("ABC-M", "3PL")).isEqualTo(5);
    assertThat(m.safetyBuffer("XYZ", "3PL")).isEqualTo(3);
    assertThat(m.safetyBuffer("XYZ", "Main Warehouse")).isEqualTo(1);
  }

  @Test
  void aBadFileReportsEveryProblemAtOnce() {
    String text = String.join("\n",
        "currency.GBP = 1",
        "currency.pounds = 1",
        "tax.GB.twenty = 1729",
        "payment.klarna.clearingBank = 1210",
        "payment.klarna.feesAccount = 7900",
        "payment.klarna.recordType.Fee = EXPENSE",
        "customer.Retail = person:WEB",
        "warehouse.A = HOME",
        "warehouse.B = HOME",
        "rounding.tolerance = 0.05",
        "colour.primary = blue",
        "buffer.warehouse.C = -1",
        "priceBand.Standard = sometimes");

    assertThatThrownBy(() -> Mappings.fromProperties(new StringReader(text)))
        .isInstanceOfSatisfying(MappingsInvalidException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "safety buffer of warehouse C must not be negative, was -1",
            "safety buffer names warehouse C, which has no warehouse mapping",
            "colour.primary = blue: unknown key",
            "priceBand.Standard = sometimes: expected NET (the band excludes VAT) or GROSS (it includes VAT)",
            "currency 'pounds' is not an ISO 4217 code (three capital letters)",
            "customer.Retail = person:WEB: expected account:<reference> or shopper:<prefix>",
            "payment.klarna.feesAccount = 7900: unknown payment field 'feesAccount' (known: clearingBank, currentBank,"
                + " feesNominal, varianceNominal, nominal.<role>, recordType.<type>, accountTag.<account>)",
            "payment.klarna.recordType.Fee = EXPENSE: unknown treatment 'EXPENSE' (known: [RECEIPT, REFUND,"
                + " REFUND_REVERSAL, CHARGEBACK, CHARGEBACK_REVERSAL, FEE, BALANCE, PAYOUT, TRANSFER_IN])",
            "payment.klarna lacks currentBank, feesNominal, varianceNominal",
            "rounding tolerance 0.05 needs a rounding nominal code",
            "tax.GB.twenty = 1729: not a number",
            "Sage warehouse HOME is mapped from two Centra warehouses (A, B); stock could not be published back"
                + " unambiguously"));
  }

  @Test
  void validationChecksSageLengthLimitsAndCrossReferences() {
    Mappings m = Mappings.builder()
        .putCurrency("GBP", "1")
        .addTaxCodes(TaxCodeMapping.of(new BigDecimal("120"), "GB", 1), TaxCodeMapping.of(new BigDecimal("20"), "gb", 2),
            TaxCodeMapping.of(new BigDecimal("20.0"), null, 3), TaxCodeMapping.of(new BigDecimal("20"), null, 4))
        .addPaymentAccount(PaymentAccounts.builder().method("adyen").currency("EUR").clearingBank("1210")
            .currentBank("").feesNominal("NOMINAL-TOO-LONG").varianceNominal("7901").build())
        .putCustomerStrategy("GB", CustomerStrategy.sharedAccount("WEBGBP-TOO-LONG"))
        .putCustomerStrategy("DE", CustomerStrategy.perShopper("SHOPPER"))
        .discountHandling(DiscountHandling.SEPARATE_LINE)
        .customerDocumentPrefix("CENTRA-ORDER-")
        .build();

    assertThat(m.validate()).containsExactly(
        "tax rate 120% (GB) is not between 0 and 100",
        "tax country 'gb' is not an ISO 3166 alpha-2 code",
        "tax rate 20% (any country) is mapped twice",
        "payment adyen@EUR: currency EUR has no currency mapping",
        "payment adyen@EUR.currentBank is blank",
        "payment adyen@EUR.feesNominal 'NOMINAL-TOO-LONG' is longer than Sage's 8 characters",
        "customer account of market GB 'WEBGBP-TOO-LONG' is longer than Sage's 8 characters",
        "customer reference prefix of market DE must be 1 to 5 characters so generated references fit Sage's 8, was"
            + " 'SHOPPER'",
        "discount handling SEPARATE_LINE needs a discount charge code",
        "customer document prefix 'CENTRA-ORDER-' is longer than 10 characters; Sage keeps 30 in all");
  }

  @Test
  void emptyMappingsAreValid() {
    assertThat(Mappings.builder().build().validate()).isEmpty();
  }

  @Test
  void theDefaultPrefixMarksImportedOrders() {
    assertThat(Mappings.builder().build().customerDocumentFor("100234")).isEqualTo("CENTRA-100234");
  }
}
