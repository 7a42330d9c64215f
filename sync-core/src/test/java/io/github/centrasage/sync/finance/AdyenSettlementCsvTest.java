package io.github.centrasage.sync.finance;

import io.github.centrasage.sync.integration.RecordTreatment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdyenSettlementCsvTest {
  static final String HEADER = "Company Account,Merchant Account,Psp Reference,Merchant Reference,Payment Method,"
      + "Creation Date,TimeZone,Type,Modification Reference,Gross Currency,Gross Debit (GC),Gross Credit (GC),"
      + "Exchange Rate,Net Currency,Net Debit (NC),Net Credit (NC),Commission (NC),Markup (NC),Scheme Fees (NC),"
      + "Interchange (NC),Payment Method Variant,Modification Merchant Reference,Batch Number\n";

  static String row(String psp, String ref, String date, String type, String netDebit, String netCredit,
      String commission, String interchange, String batch) {
    return "Acme,AcmeGB," + psp + "," + ref + ",visa," + date + ",UTC," + type + ",M" + psp + ",GBP,,,1,GBP,"
        + netDebit + "," + netCredit + "," + commission + ",," + "," + interchange + ",visa,," + batch + "\n";
  }

  @Test
  void readsPaymentsRefundsFeesAndThePayout() throws IOException {
    String csv = HEADER
        + row("881", "1001", "2026-01-04 10:00:00", "Settled", "", "58.99", "0.80", "0.20", "42")
        + row("882", "1002", "2026-01-04 11:00:00", "Settled", "", "\"1,000.00\"".replace(",", ""), "1.00", "", "42")
        + row("883", "1001", "2026-01-04 12:00:00", "Refunded", "10.00", "", "", "", "42")
        + row("", "", "2026-01-05 00:00:00", "Fee", "2.50", "", "", "", "42")
        + row("", "", "2026-01-05 06:00:00", "MerchantPayout", "1046.49", "", "", "", "42");

    PayoutBatch batch = AdyenSettlementCsv.read(new StringReader(csv), "adyen");

    assertThat(batch.payoutId()).isEqualTo("42");
    assertThat(batch.currency()).isEqualTo("GBP");
    assertThat(batch.payoutDate()).isEqualTo(LocalDate.of(2026, 1, 5));
    assertThat(batch.payoutAmount()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1046.49"));
    assertThat(batch.items()).hasSize(4);
    PayoutItem first = batch.items().get(0);
    assertThat(first.orderNumber()).hasValue("1001");
    assertThat(first.pspReference()).hasValue("881");
    assertThat(first.gross()).isEqualByComparingTo("59.99");
    assertThat(first.fee()).isEqualByComparingTo("1.00");
    assertThat(first.net()).isEqualByComparingTo("58.99");
    assertThat(batch.items().get(2).gross()).isEqualByComparingTo("-10.00");
    assertThat(batch.items().get(2).isRefund()).isTrue();
    PayoutItem fee = batch.items().get(3);
    assertThat(fee.orderNumber()).isEmpty();
    // The record type, not the amount columns, makes it a fee (RecordTreatment.FEE).
    assertThat(fee.recordType()).hasValue("Fee");
    assertThat(fee.gross()).isEqualByComparingTo("-2.50");
    assertThat(fee.net()).isEqualByComparingTo("-2.50");
    // The lines net exactly to the stated payout.
    assertThat(batch.items().stream().map(PayoutItem::net).reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo("1046.49");
  }

  @Test
  void quotedFieldsMayHoldCommasAndQuotes() throws IOException {
    String csv = HEADER.replace("Merchant Reference", "\"Merchant Reference\"")
        + "Acme,AcmeGB,881,\"10,01 \"\"web\"\"\",visa,2026-01-04 10:00:00,UTC,Settled,M,GBP,,,1,GBP,,9.00,1.00,,,,visa,,7\n";

    PayoutBatch batch = AdyenSettlementCsv.read(new StringReader(csv), "adyen");

    assertThat(batch.items().get(0).orderNumber()).hasValue("10,01 \"web\"");
  }

  @Test
  void reportsEveryBadRowByLineNumber() {
    String csv = HEADER
        + row("881", "1001", "2026-01-04 10:00:00", "Settled", "", "abc", "", "", "42")
        + row("882", "1002", "04/01/2026", "Settled", "", "5.00", "", "", "42")
        + row("883", "1003", "2026-01-04 10:00:00", "Settled", "", "5.001", "", "", "42")
        + row("884", "1004", "2026-01-04 10:00:00", "Settled", "", "5.00", "", "", "43");

    assertThatThrownBy(() -> AdyenSettlementCsv.read(new StringReader(csv), "adyen"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 problem(s)")
        .hasMessageContaining("line 2: Net Credit (NC) 'abc' is not a number")
        .hasMessageContaining("line 3: Creation Date '04/01/2026' is not yyyy-MM-dd HH:mm:ss")
        .hasMessageContaining("line 4: Net Credit (NC) '5.001' has more than 2 decimals");
  }

  @Test
  void namesMissingColumns() {
    assertThatThrownBy(() -> AdyenSettlementCsv.read(new StringReader("Psp Reference,Type\n1,Settled\n"), "adyen"))
        .hasMessageContaining("lacks column(s)").hasMessageContaining("Batch Number").hasMessageContaining("Net Currency");
  }

  @Test
  void acceptsThreeDecimalCurrenciesAsTheirMinorUnitsAllow() throws IOException {
    String csv = HEADER
        + row("881", "1001", "2026-01-04 10:00:00", "Settled", "", "12.345", "0.250", "", "42").replace("GBP", "KWD")
        + row("", "", "2026-01-05 06:00:00", "MerchantPayout", "12.345", "", "", "", "42").replace("GBP", "KWD");

    PayoutBatch batch = AdyenSettlementCsv.read(new StringReader(csv), "adyen");

    assertThat(batch.currency()).isEqualTo("KWD");
    assertThat(batch.items().get(0).gross()).isEqualByComparingTo("12.595");
    assertThat(batch.payoutAmount()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("12.345"));
    // GBP still has two: a third decimal there is refused with its line.
    assertThatThrownBy(() -> AdyenSettlementCsv.read(new StringReader(HEADER
        + row("881", "1001", "2026-01-04 10:00:00", "Settled", "", "12.345", "", "", "42")), "adyen"))
        .hasMessageContaining("line 2: Net Credit (NC) '12.345' has more than 2 decimals");
  }

  @Test
  void readsSemicolonAndTabSeparatedReportsAlike() throws IOException {
    String csv = HEADER
        + row("881", "1001", "2026-01-04 10:00:00", "Settled", "", "58.99", "0.80", "0.20", "42")
        + row("", "", "2026-01-05 06:00:00", "MerchantPayout", "58.99", "", "", "", "42");
    PayoutBatch comma = AdyenSettlementCsv.read(new StringReader(csv), "adyen");

    for (String separator : new String[] {";", "\t"}) {
      PayoutBatch other = AdyenSettlementCsv.read(new StringReader(csv.replace(",", separator)), "adyen");
      assertThat(other).as("separated by %s", separator).isEqualTo(comma);
    }
  }

  @Test
  void oneFileOfTwoMerchantAccountsIsTwoPayouts() throws IOException {
    String csv = HEADER
        + row("881", "1001", "2026-01-04 10:00:00", "Settled", "", "58.99", "1.00", "", "800")
        + row("", "", "2026-01-05 06:00:00", "MerchantPayout", "58.99", "", "", "", "800")
        + row("882", "1002", "2026-01-04 11:00:00", "Settled", "", "20.00", "0.50", "", "800").replace("AcmeGB", "AcmeUK")
        + row("", "", "2026-01-05 06:00:00", "MerchantPayout", "20.00", "", "", "", "800").replace("AcmeGB", "AcmeUK");

    List<PayoutBatch> batches = AdyenSettlementCsv.readAll(new StringReader(csv), "adyen");

    assertThat(batches).extracting(PayoutBatch::key).containsExactly("800@AcmeGB", "800@AcmeUK");
    assertThat(batches.get(1).transferAmount()).isEqualByComparingTo("20.00");
    assertThatThrownBy(() -> AdyenSettlementCsv.read(new StringReader(csv), "adyen"))
        .hasMessageContaining("holds 2 batches (800@AcmeGB, 800@AcmeUK); read it with readAll");
  }

  @Test
  void refusesThePaymentAccountingReportByName() {
    String csv = "Company Account,Merchant Account,Psp Reference,Merchant Reference,Payment Method,Booking Date,"
        + "TimeZone,Main Currency,Main Amount,Record Type,Payment Currency,Received (PC),Authorised (PC)\n"
        + "Acme,AcmeGB,881,1001,visa,2026-01-04 10:00:00,UTC,GBP,59.99,Settled,GBP,,\n";

    assertThatThrownBy(() -> AdyenSettlementCsv.readAll(new StringReader(csv), "adyen"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 1: this is Adyen's Payment accounting report")
        .hasMessageContaining("Settlement details report");
  }

  @Test
  void keepsRecordTypeModificationReferencesAndTheShoppersCurrency() throws IOException {
    String csv = HEADER
        + "Acme,AcmeGB,881,1001,visa,2026-01-04 10:00:00,UTC,Refunded,RF881,EUR,23.16,,0.8635,GBP,20.00,,,,,,visa,"
        + "RMA678,42\n"
        + row("", "", "2026-01-05 06:00:00", "MerchantPayout", "", "20.00", "", "", "42");

    PayoutItem refund = AdyenSettlementCsv.read(new StringReader(csv), "adyen").items().get(0);

    assertThat(refund.recordType()).hasValue("Refunded");
    assertThat(refund.modificationReference()).hasValue("RF881");
    assertThat(refund.modificationMerchantReference()).hasValue("RMA678");
    assertThat(refund.eventDate()).hasValue(LocalDate.of(2026, 1, 4));
    assertThat(refund.shopperCurrency()).hasValue("EUR");
    assertThat(refund.grossInShopperCurrency()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("-23.16"));
  }
}
