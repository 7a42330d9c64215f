package io.github.centrasage.sync.finance;

import io.github.centrasage.sync.integration.RecordTreatment;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads Adyen's "Settlement details report" (CSV) into {@link PayoutBatch}es, one per merchant
 * account and batch. Columns are found by their header names, so their order and any extra columns
 * do not matter; the separator (comma, semicolon or tab) is taken from the header line.
 *
 * <p>Columns read: {@code Merchant Account} (optional; batches are numbered per merchant account),
 * {@code Psp Reference}, {@code Merchant Reference} (the Centra order number), {@code Creation Date}
 * ({@code yyyy-MM-dd HH:mm:ss}), {@code Type}, {@code Modification Reference} and
 * {@code Modification Merchant Reference} (optional), {@code Gross Currency},
 * {@code Gross Debit (GC)}, {@code Gross Credit (GC)} (optional; the shopper's currency),
 * {@code Net Currency}, {@code Net Debit (NC)}, {@code Net Credit (NC)}, {@code Commission (NC)},
 * {@code Markup (NC)}, {@code Scheme Fees (NC)}, {@code Interchange (NC)} and {@code Batch Number}.
 * Every row keeps its {@code Type} as the line's record type ({@link RecordTreatment} says what is
 * posted for it): net = credit - debit, fee = commission + markup + scheme fees + interchange,
 * gross = net + fee (in the net currency). {@code MerchantPayout} gives the payout amount and date.
 * Amounts may have as many decimals as the currency has minor units (3 for KWD).
 *
 * <p>Every bad row is reported at once, by line number, in an {@link IllegalArgumentException};
 * so is a file that is not a Settlement details report (such as the Payment accounting report).
 *
 * <p>Usage: {@code List<PayoutBatch> batches = AdyenSettlementCsv.readAll(Files.newBufferedReader(path), "adyen");}
 */
public final class AdyenSettlementCsv {
  private static final DateTimeFormatter CREATION_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
  private static final List<String> REQUIRED = List.of("Psp Reference", "Merchant Reference", "Creation Date", "Type",
      "Net Currency", "Net Debit (NC)", "Net Credit (NC)", "Batch Number");
  private static final List<String> FEE_COLUMNS = List.of("Commission (NC)", "Markup (NC)", "Scheme Fees (NC)",
      "Interchange (NC)");
  private static final char[] SEPARATORS = {',', ';', '\t'};

  private AdyenSettlementCsv() {}

  /**
   * Reads a report of one batch of one merchant account; {@code psp} is the payment method name the
   * batch is mapped under ({@code Mappings.paymentAccounts}).
   *
   * @throws IllegalArgumentException listing every bad row, a missing column, or more than one batch
   */
  public static PayoutBatch read(Reader csv, String psp) throws IOException {
    List<PayoutBatch> batches = readAll(csv, psp);
    if (batches.size() > 1) {
      throw new IllegalArgumentException("Adyen settlement report holds " + batches.size() + " batches ("
          + batches.stream().map(PayoutBatch::key).collect(java.util.stream.Collectors.joining(", "))
          + "); read it with readAll");
    }
    return batches.get(0);
  }

  /**
   * Reads a report of any number of merchant accounts and batches: one {@link PayoutBatch} per
   * merchant account and batch number, in the order they first appear.
   *
   * @throws IllegalArgumentException listing every bad row or a missing column
   */
  public static List<PayoutBatch> readAll(Reader csv, String psp) throws IOException {
    Objects.requireNonNull(psp, "psp");
    String text = slurp(csv);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // a byte-order mark from a spreadsheet export
    }
    List<List<String>> rows = parse(new java.io.StringReader(text), separator(text));
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("Adyen settlement report is empty");
    }
    Map<String, Integer> column = new HashMap<>();
    List<String> header = rows.get(0);
    for (int i = 0; i < header.size(); i++) {
      column.put(header.get(i).trim(), i);
    }
    if (column.containsKey("Record Type") && column.containsKey("Booking Date") && !column.containsKey("Batch Number")) {
      throw new IllegalArgumentException("line 1: this is Adyen's Payment accounting report (columns Record Type, "
          + "Booking Date); settlement posting needs the Settlement details report, which has one row per booking of "
          + "a payout batch");
    }
    List<String> missing = REQUIRED.stream().filter(c -> !column.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("line 1: Adyen settlement report lacks column(s) " + missing
          + (header.size() == 1 ? " (separator not comma, semicolon or tab?)" : ""));
    }
    List<String> problems = new ArrayList<>();
    Map<String, Group> groups = new LinkedHashMap<>();
    for (int r = 1; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      int line = r + 1;
      if (row.stream().allMatch(String::isBlank)) {
        continue;
      }
      List<String> rowProblems = new ArrayList<>();
      Cells cells = new Cells(row, column, rowProblems);
      String type = cells.text("Type");
      String rowBatch = cells.text("Batch Number");
      String account = cells.optional("Merchant Account");
      String rowCurrency = cells.text("Net Currency");
      int digits = minorUnits(rowCurrency, "Net Currency", rowProblems);
      BigDecimal net = cells.amount("Net Credit (NC)", digits).subtract(cells.amount("Net Debit (NC)", digits));
      BigDecimal fee = BigDecimal.ZERO;
      for (String feeColumn : FEE_COLUMNS) {
        if (column.containsKey(feeColumn)) {
          fee = fee.add(cells.amount(feeColumn, digits));
        }
      }
      String grossCurrency = cells.optional("Gross Currency");
      BigDecimal grossInShopperCurrency = null;
      if (!grossCurrency.isEmpty() && !grossCurrency.equals(rowCurrency) && column.containsKey("Gross Credit (GC)")) {
        int gcDigits = minorUnits(grossCurrency, "Gross Currency", rowProblems);
        grossInShopperCurrency = cells.amount("Gross Credit (GC)", gcDigits)
            .subtract(cells.optionalAmount("Gross Debit (GC)", gcDigits));
      }
      LocalDate date = cells.date("Creation Date");
      if (type.isEmpty()) {
        rowProblems.add("Type is empty");
      }
      if (rowBatch.isEmpty()) {
        rowProblems.add("Batch Number is empty");
      }
      Group group = groups.computeIfAbsent(account + "\u0000" + rowBatch, k -> new Group(account, rowBatch));
      if (group.currency == null && !rowCurrency.isEmpty()) {
        group.currency = rowCurrency;
      } else if (!rowCurrency.isEmpty() && !rowCurrency.equals(group.currency)) {
        rowProblems.add("Net Currency " + rowCurrency + " differs from " + group.currency + " of batch " + rowBatch);
      }
      if (!rowProblems.isEmpty()) {
        rowProblems.forEach(p -> problems.add("line " + line + ": " + p));
        continue;
      }
      if (date != null && (group.latest == null || date.isAfter(group.latest))) {
        group.latest = date;
      }
      Optional<String> merchantReference = Optional.of(cells.text("Merchant Reference")).filter(v -> !v.isEmpty());
      Optional<String> pspReference = Optional.of(cells.text("Psp Reference")).filter(v -> !v.isEmpty());
      Optional<RecordTreatment.Rule> known = RecordTreatment.adyenDefault(type);
      if (known.filter(k -> k.treatment() == RecordTreatment.PAYOUT).isPresent()) {
        group.payout = (group.payout == null ? BigDecimal.ZERO : group.payout).add(net.negate());
        group.payoutDate = date;
        continue;
      }
      boolean shopperLine = known.map(k -> k.treatment() == RecordTreatment.RECEIPT
          || k.treatment() == RecordTreatment.REFUND || k.treatment() == RecordTreatment.CHARGEBACK).orElse(false);
      if (net.signum() == 0 && fee.signum() == 0) {
        if (shopperLine) {
          problems.add("line " + line + ": " + type + " row has no amount");
        }
        continue; // a row that moves no money (a notification of chargeback…) posts nothing
      }
      ImmutablePayoutItem.Builder item = PayoutItem.builder().recordType(type).orderNumber(merchantReference)
          .pspReference(pspReference).gross(net.add(fee)).fee(fee).net(net).eventDate(Optional.ofNullable(date))
          .modificationReference(Optional.of(cells.optional("Modification Reference")).filter(v -> !v.isEmpty()))
          .modificationMerchantReference(Optional.of(cells.optional("Modification Merchant Reference"))
              .filter(v -> !v.isEmpty()));
      if (grossInShopperCurrency != null) {
        item.shopperCurrency(grossCurrency).grossInShopperCurrency(grossInShopperCurrency);
      }
      try {
        group.items.add(item.build());
      } catch (IllegalArgumentException e) {
        problems.add("line " + line + ": " + e.getMessage());
      }
    }
    List<PayoutBatch> out = new ArrayList<>();
    boolean rowsBad = !problems.isEmpty();
    for (Group g : groups.values()) {
      if (g.items.isEmpty() && !rowsBad) {
        problems.add("batch " + g.batch + (g.account.isEmpty() ? "" : " of " + g.account) + " has no bookings to post");
        continue;
      }
      if (!problems.isEmpty()) {
        continue;
      }
      ImmutablePayoutBatch.Builder b = PayoutBatch.builder().psp(psp).payoutId(g.batch).currency(g.currency)
          .merchantAccount(Optional.of(g.account).filter(a -> !a.isEmpty()))
          .payoutDate(g.payoutDate != null ? g.payoutDate : g.latest).items(g.items);
      if (g.payout != null) {
        b.payoutAmount(g.payout);
      }
      out.add(b.build());
    }
    if (groups.isEmpty()) {
      problems.add("no rows");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Adyen settlement report has " + problems.size() + " problem(s):\n  "
          + String.join("\n  ", problems));
    }
    return out;
  }

  /** The rows of one merchant account's batch. */
  private static final class Group {
    final String account;
    final String batch;
    final List<PayoutItem> items = new ArrayList<>();
    String currency;
    LocalDate payoutDate;
    LocalDate latest;
    BigDecimal payout;

    Group(String account, String batch) {
      this.account = account;
      this.batch = batch;
    }
  }

  private static int minorUnits(String currency, String column, List<String> problems) {
    try {
      int digits = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
      return Math.max(digits, 0);
    } catch (IllegalArgumentException | NullPointerException e) {
      problems.add(column + " '" + currency + "' is not an ISO 4217 currency");
      return 2;
    }
  }

  /** The separator of the header line: the one of comma, semicolon and tab that splits it most (outside quotes). */
  static char separator(String text) {
    int[] counts = new int[SEPARATORS.length];
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '"') {
        quoted = !quoted;
      } else if (!quoted && (ch == '\n' || ch == '\r')) {
        break;
      } else if (!quoted) {
        for (int s = 0; s < SEPARATORS.length; s++) {
          if (ch == SEPARATORS[s]) {
            counts[s]++;
          }
        }
      }
    }
    int best = 0;
    for (int s = 1; s < SEPARATORS.length; s++) {
      if (counts[s] > counts[best]) {
        best = s;
      }
    }
    return SEPARATORS[best];
  }

  private static String slurp(Reader reader) throws IOException {
    StringBuilder out = new StringBuilder();
    char[] buffer = new char[8192];
    int n;
    while ((n = reader.read(buffer)) != -1) {
      out.append(buffer, 0, n);
    }
    return out.toString();
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

    String optional(String name) {
      return column.containsKey(name) ? text(name) : "";
    }

    BigDecimal optionalAmount(String name, int digits) {
      return column.containsKey(name) ? amount(name, digits) : BigDecimal.ZERO;
    }

    BigDecimal amount(String name, int digits) {
      String value = text(name);
      if (value.isEmpty()) {
        return BigDecimal.ZERO;
      }
      try {
        BigDecimal amount = new BigDecimal(value);
        if (amount.stripTrailingZeros().scale() > digits) {
          problems.add(name + " '" + value + "' has more than " + digits + " decimals");
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

  /** RFC 4180 CSV with the given separator: quoted fields may hold separators, quotes ("") and line breaks. */
  static List<List<String>> parse(Reader reader, char separator) throws IOException {
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
      } else if (ch == separator) {
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
