package io.github.centrasage.sync.finance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads an Adyen "Settlement details report" (CSV, one settlement batch) into a {@link PayoutBatch}.
 * Columns are found by their header names, so their order and any extra columns do not matter.
 *
 * <p>Columns read: {@code Psp Reference}, {@code Merchant Reference} (the Centra order number),
 * {@code Creation Date} ({@code yyyy-MM-dd HH:mm:ss}), {@code Type}, {@code Net Currency},
 * {@code Net Debit (NC)}, {@code Net Credit (NC)}, {@code Commission (NC)}, {@code Markup (NC)},
 * {@code Scheme Fees (NC)}, {@code Interchange (NC)} and {@code Batch Number}. Rows by {@code Type}:
 * <ul>
 *   <li>{@code Settled}: a payment; net = credit - debit, fee = commission + markup + scheme fees +
 *       interchange, gross = net + fee (in the net currency, so a converted payment still balances);</li>
 *   <li>{@code Refunded}, {@code Chargeback}, {@code SecondChargeback}, {@code RefundedReversed},
 *       {@code ChargebackReversed}: money back to (or from) the shopper, signed the same way;</li>
 *   <li>{@code Fee}, {@code InvoiceDeduction}, {@code PaidOutReversed}…: any other row without a
 *       merchant reference is a fee line (gross 0, fee = debit - credit);</li>
 *   <li>{@code MerchantPayout}: the payout itself; its debit is the amount transferred to the bank
 *       and its creation date the payout date.</li>
 * </ul>
 * Every bad row is reported at once, by line number, in an {@link IllegalArgumentException}.
 *
 * <p>Usage: {@code PayoutBatch batch = AdyenSettlementCsv.read(Files.newBufferedReader(path), "adyen");}
 */
public final class AdyenSettlementCsv {
  private static final DateTimeFormatter CREATION_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
  private static final List<String> REQUIRED = List.of("Psp Reference", "Merchant Reference", "Creation Date", "Type",
      "Net Currency", "Net Debit (NC)", "Net Credit (NC)", "Batch Number");
  private static final List<String> FEE_COLUMNS = List.of("Commission (NC)", "Markup (NC)", "Scheme Fees (NC)",
      "Interchange (NC)");

  private AdyenSettlementCsv() {}

  /**
   * Reads one batch; {@code psp} is the payment method name the batch is mapped under
   * ({@code Mappings.paymentAccounts}).
   *
   * @throws IllegalArgumentException listing every bad row, a missing column, or more than one batch
   */
  public static PayoutBatch read(Reader csv, String psp) throws IOException {
    Objects.requireNonNull(psp, "psp");
    List<List<String>> rows = parse(csv);
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("Adyen settlement report is empty");
    }
    Map<String, Integer> column = new HashMap<>();
    List<String> header = rows.get(0);
    for (int i = 0; i < header.size(); i++) {
      column.put(header.get(i).trim(), i);
    }
    List<String> missing = REQUIRED.stream().filter(c -> !column.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("Adyen settlement report lacks column(s) " + missing);
    }
    List<String> problems = new ArrayList<>();
    List<PayoutItem> items = new ArrayList<>();
    String batch = null;
    String currency = null;
    LocalDate payoutDate = null;
    LocalDate latest = null;
    BigDecimal payout = null;
    for (int r = 1; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      int line = r + 1;
      if (row.size() == 1 && row.get(0).isBlank()) {
        continue;
      }
      List<String> rowProblems = new ArrayList<>();
      Cells cells = new Cells(row, column, rowProblems);
      String type = cells.text("Type");
      String rowBatch = cells.text("Batch Number");
      String rowCurrency = cells.text("Net Currency");
      BigDecimal net = cells.amount("Net Credit (NC)").subtract(cells.amount("Net Debit (NC)"));
      BigDecimal fee = BigDecimal.ZERO;
      for (String feeColumn : FEE_COLUMNS) {
        if (column.containsKey(feeColumn)) {
          fee = fee.add(cells.amount(feeColumn));
        }
      }
      LocalDate date = cells.date("Creation Date");
      if (type.isEmpty()) {
        rowProblems.add("Type is empty");
      }
      if (batch == null && !rowBatch.isEmpty()) {
        batch = rowBatch;
      } else if (!rowBatch.isEmpty() && !rowBatch.equals(batch)) {
        rowProblems.add("Batch Number " + rowBatch + " differs from " + batch + " (one batch per file)");
      }
      if (currency == null && !rowCurrency.isEmpty()) {
        currency = rowCurrency;
      } else if (!rowCurrency.isEmpty() && !rowCurrency.equals(currency)) {
        rowProblems.add("Net Currency " + rowCurrency + " differs from " + currency);
      }
      if (!rowProblems.isEmpty()) {
        rowProblems.forEach(p -> problems.add("line " + line + ": " + p));
        continue;
      }
      if (date != null && (latest == null || date.isAfter(latest))) {
        latest = date;
      }
      String merchantReference = cells.text("Merchant Reference");
      Optional<String> pspReference = Optional.of(cells.text("Psp Reference")).filter(s -> !s.isEmpty());
      if (type.equals("MerchantPayout")) {
        payout = (payout == null ? BigDecimal.ZERO : payout).add(net.negate());
        payoutDate = date;
      } else if (type.equals("Settled") || type.startsWith("Refunded") || type.contains("Chargeback")) {
        if (net.signum() == 0 && fee.signum() == 0) {
          problems.add("line " + line + ": " + type + " row has no amount");
          continue;
        }
        items.add(PayoutItem.builder().orderNumber(Optional.of(merchantReference).filter(s -> !s.isEmpty()))
            .pspReference(pspReference).gross(net.add(fee)).fee(fee).net(net).build());
      } else if (net.signum() != 0) {
        // Fees, invoice deductions, corrections: money the PSP kept (or gave) that no order explains.
        items.add(PayoutItem.builder().pspReference(pspReference.or(() -> Optional.of(type)))
            .gross(BigDecimal.ZERO).fee(net.negate()).net(net).build());
      }
    }
    if (batch == null) {
      problems.add("no row has a Batch Number");
    }
    if (currency == null) {
      problems.add("no row has a Net Currency");
    }
    if (items.isEmpty() && problems.isEmpty()) {
      problems.add("no Settled, Refunded, Chargeback or fee rows");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Adyen settlement report has " + problems.size() + " problem(s):\n  "
          + String.join("\n  ", problems));
    }
    ImmutablePayoutBatch.Builder out = PayoutBatch.builder().psp(psp).payoutId(batch).currency(currency)
        .payoutDate(payoutDate != null ? payoutDate : latest).items(items);
    if (payout != null) {
      out.payoutAmount(payout);
    }
    return out.build();
  }

  /** One row's cells by column name; bad values are collected, not thrown, so every row is checked. */
  private static final class Cells {
    private final List<String> row;
    private final Map<String, Integer> column;
    private final List<String> problems;

    Cells(List<String> row, Map<String, Integer> column, List<String> problems) {
      this.row = row;
      this.column = column;
      this.problems = problems;
    }

    String text(String name) {
      int i = column.get(name);
      return i < row.size() ? row.get(i).trim() : "";
    }

    BigDecimal amount(String name) {
      String value = text(name);
      if (value.isEmpty()) {
        return BigDecimal.ZERO;
      }
      try {
        BigDecimal amount = new BigDecimal(value);
        if (amount.scale() > 2) {
          problems.add(name + " '" + value + "' has more than 2 decimals");
        }
        return amount;
      } catch (NumberFormatException e) {
        problems.add(name + " '" + value + "' is not a number");
        return BigDecimal.ZERO;
      }
    }

    LocalDate date(String name) {
      String value = text(name);
      try {
        return value.length() == 10 ? LocalDate.parse(value) : LocalDateTime.parse(value, CREATION_DATE).toLocalDate();
      } catch (DateTimeParseException e) {
        problems.add(name + " '" + value + "' is not yyyy-MM-dd HH:mm:ss");
        return null;
      }
    }
  }

  /** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
  static List<List<String>> parse(Reader reader) throws IOException {
    BufferedReader in = new BufferedReader(reader);
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    int c;
    while ((c = in.read()) != -1) {
      any = true;
      char ch = (char) c;
      if (quoted) {
        if (ch == '"') {
          in.mark(1);
          int next = in.read();
          if (next == '"') {
            field.append('"');
          } else {
            quoted = false;
            if (next != -1) {
              in.reset();
            }
          }
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (ch == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else if (ch != '\r') {
        field.append(ch);
      }
    }
    if (any && (field.length() > 0 || !row.isEmpty())) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
