package io.github.centrasage.sync.finance.internal;

import io.github.centrasage.sync.finance.PayoutBatch;
import io.github.centrasage.sync.finance.ImmutablePayoutItem;
import io.github.centrasage.sync.finance.PayoutItem;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A payout batch as a job payload: a header line and one line per item, tab-separated fields,
 * each URL-encoded so a tab or newline in a PSP reference cannot break the layout. Plain text
 * keeps the payload readable in the job table.
 */
public final class PayoutCodec {
  private PayoutCodec() {}

  public static String encode(PayoutBatch batch) {
    StringBuilder out = new StringBuilder();
    line(out, batch.psp(), batch.payoutId(), batch.payoutDate().toString(), batch.currency(),
        batch.payoutAmount().map(BigDecimal::toPlainString).orElse(""), batch.merchantAccount().orElse(""));
    for (PayoutItem item : batch.items()) {
      line(out, item.orderNumber().orElse(""), item.returnId().orElse(""), item.pspReference().orElse(""),
          item.gross().toPlainString(), item.fee().toPlainString(), item.net().toPlainString(),
          item.recordType().orElse(""), item.modificationReference().orElse(""),
          item.modificationMerchantReference().orElse(""), item.eventDate().map(LocalDate::toString).orElse(""),
          item.shopperCurrency().orElse(""), item.grossInShopperCurrency().map(BigDecimal::toPlainString).orElse(""));
    }
    return out.toString();
  }

  public static PayoutBatch decode(String payload) {
    String[] lines = payload.split("\n");
    // Payloads queued before record types (5 and 6 fields) still decode.
    List<String> head = fields(lines[0], 5, 6);
    List<PayoutItem> items = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      List<String> f = fields(lines[i], 6, 12);
      ImmutablePayoutItem.Builder item = PayoutItem.builder().orderNumber(optional(f.get(0)))
          .returnId(optional(f.get(1))).pspReference(optional(f.get(2))).gross(new BigDecimal(f.get(3)))
          .fee(new BigDecimal(f.get(4))).net(new BigDecimal(f.get(5)));
      if (f.size() == 12) {
        item.recordType(optional(f.get(6))).modificationReference(optional(f.get(7)))
            .modificationMerchantReference(optional(f.get(8))).eventDate(optional(f.get(9)).map(LocalDate::parse))
            .shopperCurrency(optional(f.get(10))).grossInShopperCurrency(optional(f.get(11)).map(BigDecimal::new));
      }
      items.add(item.build());
    }
    return PayoutBatch.builder().psp(head.get(0)).payoutId(head.get(1)).payoutDate(LocalDate.parse(head.get(2)))
        .currency(head.get(3)).payoutAmount(optional(head.get(4)).map(BigDecimal::new))
        .merchantAccount(head.size() > 5 ? optional(head.get(5)) : Optional.empty()).items(items).build();
  }

  private static void line(StringBuilder out, String... fields) {
    if (out.length() > 0) {
      out.append('\n');
    }
    for (int i = 0; i < fields.length; i++) {
      out.append(i == 0 ? "" : "\t").append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8));
    }
  }

  private static List<String> fields(String line, int old, int expected) {
    String[] raw = line.split("\t", -1);
    if (raw.length != expected && raw.length != old) {
      throw new IllegalArgumentException("payout payload line has " + raw.length + " fields, expected " + expected);
    }
    List<String> out = new ArrayList<>();
    Function<String, String> decode = s -> URLDecoder.decode(s, StandardCharsets.UTF_8);
    for (String r : raw) {
      out.add(decode.apply(r));
    }
    return out;
  }

  private static Optional<String> optional(String s) {
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }
}
