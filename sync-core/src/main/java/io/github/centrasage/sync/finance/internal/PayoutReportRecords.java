package io.github.centrasage.sync.finance.internal;

import io.github.centrasage.sync.integration.RecordTreatment;
import io.github.centrasage.sync.finance.ReconciliationLine;
import io.github.centrasage.sync.internal.Texts;
import io.github.centrasage.sync.finance.SettlementReport;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.store.BindingStore;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps each payout's {@link SettlementReport} in the state store's bindings, so it outlives the
 * process and every engine instance sees it. One binding {@code payout} per payout (key
 * {@code <psp>:<payoutId>}) carries the figures in its reference; one binding {@code payout-line}
 * per exception line (key {@code <psp>:<payoutId>#001}…) carries the line. Writing the same payout
 * again replaces its bindings, and removes lines a later posting no longer reports, so a payout
 * posted twice is stored once. References are at most 200 characters (the JDBC column); a longer
 * exception line is shortened with an ellipsis.
 */
public final class PayoutReportRecords {
  /** Entity type of a payout's figures. */
  public static final String PAYOUT = "payout";
  /** Entity type of one exception line of a payout. */
  public static final String PAYOUT_LINE = "payout-line";
  /** Entity type of one reconciliation line of a payout (key {@code <psp>:<payout>#L001}…). */
  public static final String PAYOUT_RECONCILIATION = "payout-rec";
  private static final int MAX_TEXT = 200;

  private PayoutReportRecords() {}

  /** The store key of a payout. */
  public static String key(String psp, String payoutId) {
    return psp + ":" + payoutId;
  }

  /** Stores {@code report}, replacing what an earlier posting of the same payout stored. */
  public static void write(BindingStore store, SettlementReport report) {
    String key = key(report.psp(), report.payoutId() + report.merchantAccount().map(a -> "@" + a).orElse(""));
    Map<String, String> previous = store.bindingByCentraId(PAYOUT, key).flatMap(b -> b.sageReference())
        .map(PayoutReportRecords::fields).orElse(Map.of());
    int previousLines = Integer.parseInt(previous.getOrDefault("x", "0"));
    int previousRecs = Integer.parseInt(previous.getOrDefault("l", "0"));
    List<ReconciliationLine> recs = report.lines();
    for (int i = 0; i < recs.size(); i++) {
      String recKey = recKey(key, i + 1);
      store.bind(Binding.builder().entityType(PAYOUT_RECONCILIATION).centraId(recKey).sageId(recKey)
          .sageReference(encode(recs.get(i))).build());
    }
    for (int i = recs.size() + 1; i <= previousRecs; i++) {
      store.unbind(PAYOUT_RECONCILIATION, recKey(key, i));
    }
    List<String> lines = report.exceptions();
    for (int i = 0; i < lines.size(); i++) {
      String lineKey = lineKey(key, i + 1);
      store.bind(Binding.builder().entityType(PAYOUT_LINE).centraId(lineKey).sageId(lineKey)
          .sageReference(shortened(lines.get(i))).build());
    }
    for (int i = lines.size() + 1; i <= previousLines; i++) {
      store.unbind(PAYOUT_LINE, lineKey(key, i));
    }
    Map<String, String> f = new LinkedHashMap<>();
    f.put("c", report.currency());
    f.put("b", report.clearingBank());
    f.put("r", report.receipts().toPlainString());
    f.put("d", report.refunds().toPlainString());
    f.put("f", report.fees().toPlainString());
    f.put("t", report.transferred().toPlainString());
    f.put("v", report.variance().toPlainString());
    f.put("m", report.clearingMovement().toPlainString());
    f.put("p", Integer.toString(report.posted()));
    f.put("a", Integer.toString(report.alreadyPosted()));
    f.put("x", Integer.toString(lines.size()));
    f.put("l", Integer.toString(recs.size()));
    report.merchantAccount().ifPresent(a -> f.put("ma", a));
    report.payoutDate().ifPresent(d -> f.put("pd", d.toString()));
    StringBuilder figures = new StringBuilder();
    f.forEach((name, value) -> figures.append(figures.length() == 0 ? "" : ";").append(name).append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    if (figures.length() > MAX_TEXT) {
      throw new IllegalStateException("the figures of payout " + key + " do not fit the store: " + figures);
    }
    // Written last: a reader that finds the figures finds every line they count.
    store.bind(Binding.builder().entityType(PAYOUT).centraId(key).sageId(key).sageReference(figures.toString())
        .build());
  }

  /** The stored report of one payout. */
  public static Optional<SettlementReport> read(BindingStore store, String psp, String payoutId) {
    return store.bindingByCentraId(PAYOUT, key(psp, payoutId)).map(b -> decode(store, b));
  }

  /** The most recently stored reports, newest first. */
  public static List<SettlementReport> recent(BindingStore store, int limit) {
    List<SettlementReport> out = new ArrayList<>();
    for (Binding b : store.recentBindings(PAYOUT, limit)) {
      out.add(decode(store, b));
    }
    return out;
  }

  private static SettlementReport decode(BindingStore store, Binding payout) {
    String key = payout.centraId();
    int colon = key.indexOf(':');
    Map<String, String> f = fields(payout.sageReference().orElse(""));
    List<String> lines = new ArrayList<>();
    int count = Integer.parseInt(f.getOrDefault("x", "0"));
    for (int i = 1; i <= count; i++) {
      store.bindingByCentraId(PAYOUT_LINE, lineKey(key, i)).flatMap(Binding::sageReference).ifPresent(lines::add);
    }
    List<ReconciliationLine> recs = new ArrayList<>();
    int recCount = Integer.parseInt(f.getOrDefault("l", "0"));
    for (int i = 1; i <= recCount; i++) {
      store.bindingByCentraId(PAYOUT_RECONCILIATION, recKey(key, i)).flatMap(Binding::sageReference)
          .map(PayoutReportRecords::decodeLine).ifPresent(recs::add);
    }
    String payoutId = key.substring(colon + 1);
    Optional<String> account = Optional.ofNullable(f.get("ma"));
    if (account.isPresent() && payoutId.endsWith("@" + account.get())) {
      payoutId = payoutId.substring(0, payoutId.length() - account.get().length() - 1);
    }
    return SettlementReport.builder().psp(key.substring(0, colon)).payoutId(payoutId).merchantAccount(account)
        .payoutDate(Optional.ofNullable(f.get("pd")).map(java.time.LocalDate::parse)).lines(recs)
        .currency(f.getOrDefault("c", "")).clearingBank(f.getOrDefault("b", "")).receipts(money(f, "r"))
        .refunds(money(f, "d")).fees(money(f, "f")).transferred(money(f, "t")).variance(money(f, "v"))
        .clearingMovement(money(f, "m")).posted(Integer.parseInt(f.getOrDefault("p", "0")))
        .alreadyPosted(Integer.parseInt(f.getOrDefault("a", "0"))).exceptions(lines).recordedAt(payout.syncedAt())
        .build();
  }

  private static BigDecimal money(Map<String, String> f, String name) {
    return new BigDecimal(f.getOrDefault(name, "0"));
  }

  private static Map<String, String> fields(String figures) {
    Map<String, String> f = new LinkedHashMap<>();
    for (String pair : figures.split(";")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        f.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return f;
  }

  private static String recKey(String key, int n) {
    return key + "#L" + String.format("%03d", n);
  }

  /** One reconciliation line in at most 200 characters: the note is shortened first. */
  private static String encode(ReconciliationLine l) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("n", Integer.toString(l.line()));
    f.put("t", l.recordType());
    f.put("p", l.pspReference());
    f.put("m", l.modificationReference());
    f.put("r", l.merchantReference());
    f.put("g", l.gross().toPlainString());
    f.put("f", l.fee().toPlainString());
    f.put("e", l.net().toPlainString());
    f.put("x", l.treatment().name());
    f.put("s", String.join(" ", l.postings()));
    f.put("a", l.status().name());
    String without = join(f);
    String note = l.note();
    while (!note.isEmpty() && (without + ";o=" + URLEncoder.encode(note, StandardCharsets.UTF_8)).length() > MAX_TEXT) {
      note = note.substring(0, Math.max(0, note.length() - 10));
    }
    String out = note.isEmpty() ? without : without + ";o=" + URLEncoder.encode(note, StandardCharsets.UTF_8);
    return out.length() <= MAX_TEXT ? out : out.substring(0, MAX_TEXT);
  }

  private static String join(Map<String, String> f) {
    StringBuilder out = new StringBuilder();
    f.forEach((name, value) -> out.append(out.length() == 0 ? "" : ";").append(name).append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return out.toString();
  }

  private static ReconciliationLine decodeLine(String text) {
    Map<String, String> f = fields(text);
    return ReconciliationLine.builder().line(Integer.parseInt(f.getOrDefault("n", "0")))
        .recordType(f.getOrDefault("t", "")).pspReference(f.getOrDefault("p", ""))
        .modificationReference(f.getOrDefault("m", "")).merchantReference(f.getOrDefault("r", ""))
        .gross(new BigDecimal(f.getOrDefault("g", "0"))).fee(new BigDecimal(f.getOrDefault("f", "0")))
        .net(new BigDecimal(f.getOrDefault("e", "0"))).treatment(RecordTreatment.valueOf(f.getOrDefault("x", "FEE")))
        .postings(f.getOrDefault("s", "").isEmpty() ? List.of() : List.of(f.get("s").split(" ")))
        .status(ReconciliationLine.Status.valueOf(f.getOrDefault("a", "POSTED"))).note(f.getOrDefault("o", "")).build();
  }

  private static String lineKey(String key, int n) {
    return key + "#" + String.format("%03d", n);
  }

  private static String shortened(String line) {
    return line.length() <= MAX_TEXT ? line : Texts.cut(line, MAX_TEXT - 1) + "\u2026";
  }
}
