package io.github.centrasage.sync.finance.internal;

import io.github.centrasage.centra.CentraReturn;
import io.github.centrasage.centra.NamedRef;
import io.github.centrasage.centra.Order;
import io.github.centrasage.centra.OrderLine;
import io.github.centrasage.centra.PaymentHistoryEntry;
import io.github.centrasage.centra.ReturnLine;
import io.github.centrasage.sage200.model.NominalAnalysisItem;
import io.github.centrasage.sage200.model.TaxAnalysisItem;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.finance.RefundImportOptions;
import io.github.centrasage.sync.integration.internal.OrderTaxes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The values of a credit note for a Centra return, per Sage tax code. The money is what the PSP
 * refunded (the return's refund payments); it is split over tax codes by the returned lines.
 * A refund above the returned goods is shipping and handling, credited at the shipping rate to the
 * shipping nominal; a refund below them (a restocking fee kept) scales every rate alike, the
 * rounding penny going to the largest part, so the parts always add up to the refund exactly.
 */
public final class CreditNotePlan {
  private static final int MONEY = 2;

  /** One tax code's part: gross, and its goods and tax that add up to it, at {@code rate} percent. */
  public record Part(long taxCodeId, BigDecimal rate, String nominal, BigDecimal gross, BigDecimal goods,
      BigDecimal tax) {}

  private final List<Part> parts;
  private final List<String> problems;
  private final BigDecimal refunded;

  private CreditNotePlan(List<Part> parts, List<String> problems, BigDecimal refunded) {
    this.parts = parts;
    this.problems = problems;
    this.refunded = refunded;
  }

  public List<Part> parts() {
    return parts;
  }

  public List<String> problems() {
    return problems;
  }

  public BigDecimal refunded() {
    return refunded;
  }

  /** The refund payments of a return (successful entries whose type names a refund); zero if none yet. */
  public static BigDecimal refunded(CentraReturn ret) {
    BigDecimal total = BigDecimal.ZERO;
    for (PaymentHistoryEntry e : ret.refundPaymentHistory()) {
      boolean refund = e.entryType().toUpperCase(Locale.ROOT).contains("REFUND");
      boolean ok = e.status().equalsIgnoreCase("SUCCESS") || e.status().equalsIgnoreCase("OK");
      if (refund && ok && e.value().isPresent()) {
        total = total.add(e.value().get().value().abs());
      }
    }
    return total;
  }

  public static CreditNotePlan of(CentraReturn ret, Order order, Mappings mappings, RefundImportOptions options) {
    List<String> problems = new ArrayList<>();
    String country = OrderTaxes.country(order).orElse("");
    if (country.isEmpty()) {
      problems.add("order " + order.number() + " has no shipping or billing country, so no tax code can be chosen");
    }
    boolean includesTax = OrderTaxes.pricesIncludeTax(order);
    Map<Long, OrderLine> orderLines = new LinkedHashMap<>();
    order.lines().forEach(l -> orderLines.put(l.id(), l));
    Map<Long, BigDecimal> grossByCode = new LinkedHashMap<>();
    BigDecimal highestRate = order.lines().stream().map(OrderLine::taxPercent).max(BigDecimal::compareTo)
        .orElse(BigDecimal.ZERO);
    Map<Long, BigDecimal> rateByCode = new LinkedHashMap<>();
    // What the sale put on Sage for the returned units: unit net rounded as OrderImport sends it, tax per line as Sage computes it.
    Map<Long, BigDecimal> saleNetByCode = new LinkedHashMap<>();
    Map<Long, BigDecimal> saleTaxByCode = new LinkedHashMap<>();
    for (ReturnLine line : ret.lines()) {
      Optional<OrderLine> orderLine = line.orderLine().map(NamedRef::id).map(orderLines::get);
      if (orderLine.isEmpty()) {
        problems.add("return line " + line.id() + " points at no line of order " + order.number());
        continue;
      }
      OrderLine ol = orderLine.get();
      BigDecimal qty = BigDecimal.valueOf(line.quantity().orElse(0));
      BigDecimal unitGross = includesTax ? ol.unitPrice().value()
          : ol.unitPrice().value().multiply(BigDecimal.valueOf(100).add(ol.taxPercent()))
              .divide(BigDecimal.valueOf(100), 10, RoundingMode.HALF_UP);
      Optional<Long> code = mappings.sageTaxCode(ol.taxPercent(), country);
      if (code.isEmpty()) {
        problems.add("no Sage tax code for " + ol.taxPercent().stripTrailingZeros().toPlainString() + "% VAT in "
            + (country.isEmpty() ? "an unknown country" : country));
        continue;
      }
      grossByCode.merge(code.get(), unitGross.multiply(qty), BigDecimal::add);
      rateByCode.put(code.get(), ol.taxPercent());
      BigDecimal lineNet = OrderTaxes.net(ol.unitPrice().value(), ol.taxPercent(), includesTax)
          .setScale(options.saleUnitPriceScale(), RoundingMode.HALF_UP).multiply(qty).setScale(MONEY, RoundingMode.HALF_UP);
      saleNetByCode.merge(code.get(), lineNet, BigDecimal::add);
      saleTaxByCode.merge(code.get(), lineNet.multiply(ol.taxPercent()).divide(BigDecimal.valueOf(100), MONEY,
          RoundingMode.HALF_UP), BigDecimal::add);
    }
    BigDecimal refunded = refunded(ret);
    BigDecimal goodsGross = grossByCode.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)
        .setScale(MONEY, RoundingMode.HALF_UP);
    List<Part> parts = new ArrayList<>();
    if (!problems.isEmpty() || goodsGross.signum() == 0) {
      if (goodsGross.signum() == 0 && problems.isEmpty()) {
        problems.add("return " + ret.id() + " has no returned quantity to credit");
      }
      return new CreditNotePlan(parts, problems, refunded);
    }
    Map<Long, BigDecimal> scaled = new LinkedHashMap<>();
    BigDecimal saleGross = saleNetByCode.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)
        .add(saleTaxByCode.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
    BigDecimal saleRounding = goodsGross.subtract(saleGross);
    Optional<Long> zeroTax = mappings.sageTaxCode(BigDecimal.ZERO, country);
    boolean asSold = refunded.compareTo(goodsGross) >= 0 && (saleRounding.signum() == 0
        || saleRounding.abs().compareTo(mappings.roundingTolerance()) <= 0 && mappings.roundingNominal().isPresent()
            && zeroTax.isPresent());
    if (asSold) {
      // The goods are credited back in full: goods and tax exactly as the sale booked them (so a full return
      // leaves no VAT behind), and the sale's rounding line reversed on the rounding nominal.
      saleNetByCode.forEach((code, net) -> parts.add(new Part(code, rateByCode.get(code), options.goodsNominal(),
          net.add(saleTaxByCode.get(code)), net, saleTaxByCode.get(code))));
      if (saleRounding.signum() != 0) {
        parts.add(new Part(zeroTax.get(), BigDecimal.ZERO, mappings.roundingNominal().get(), saleRounding, saleRounding,
            BigDecimal.ZERO.setScale(MONEY)));
      }
    } else if (refunded.compareTo(goodsGross) >= 0) {
      grossByCode.forEach((code, gross) -> scaled.put(code, gross.setScale(MONEY, RoundingMode.HALF_UP)));
    } else {
      grossByCode.forEach((code, gross) -> scaled.put(code,
          gross.multiply(refunded).divide(goodsGross, MONEY, RoundingMode.HALF_UP)));
    }
    if (!asSold) {
      BigDecimal goodsTarget = refunded.min(goodsGross);
      BigDecimal rounding = goodsTarget.subtract(scaled.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
      if (rounding.signum() != 0) {
        Long largest = scaled.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        scaled.merge(largest, rounding, BigDecimal::add);
      }
      scaled.forEach((code, gross) -> parts.add(part(code, options.goodsNominal(), gross, rateByCode.get(code))));
    }
    BigDecimal shipping = refunded.subtract(goodsGross);
    if (shipping.signum() > 0) {
      BigDecimal rate = options.shippingTaxPercent().orElse(highestRate);
      Optional<Long> code = mappings.sageTaxCode(rate, country);
      if (options.shippingNominal().isEmpty()) {
        problems.add("refund of " + refunded + " includes " + shipping + " shipping/handling, but no shipping nominal "
            + "is set (RefundImportOptions.shippingNominal)");
      }
      if (code.isEmpty()) {
        problems.add("no Sage tax code for shipping at " + rate.stripTrailingZeros().toPlainString() + "% VAT in "
            + (country.isEmpty() ? "an unknown country" : country));
      }
      if (problems.isEmpty()) {
        parts.add(part(code.get(), options.shippingNominal().get(), shipping, rate));
      }
    }
    return new CreditNotePlan(parts, problems, refunded);
  }

  private static Part part(long code, String nominal, BigDecimal gross, BigDecimal rate) {
    BigDecimal goods = OrderTaxes.net(gross, rate, true).setScale(MONEY, RoundingMode.HALF_UP);
    return new Part(code, rate, nominal, gross, goods, gross.subtract(goods));
  }

  public BigDecimal goods() {
    return parts.stream().map(Part::goods).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  public BigDecimal tax() {
    return parts.stream().map(Part::tax).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** Tax analysis: one item per tax code (shipping at a line's rate merges into it). */
  public List<TaxAnalysisItem> taxAnalysis() {
    Map<Long, BigDecimal[]> byCode = new LinkedHashMap<>();
    for (Part p : parts) {
      BigDecimal[] sum = byCode.computeIfAbsent(p.taxCodeId(), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      sum[0] = sum[0].add(p.goods());
      sum[1] = sum[1].add(p.tax());
    }
    List<TaxAnalysisItem> out = new ArrayList<>();
    byCode.forEach((code, sum) -> out.add(TaxAnalysisItem.builder().id(code).goodsAmount(sum[0]).taxAmount(sum[1])
        .build()));
    return out;
  }

  /** Nominal analysis: the goods value of each part on its nominal. */
  public List<NominalAnalysisItem> nominalAnalysis(String narrative) {
    List<NominalAnalysisItem> out = new ArrayList<>();
    for (Part p : parts) {
      out.add(NominalAnalysisItem.builder().code(p.nominal()).value(p.goods()).narrative(narrative).build());
    }
    return out;
  }

  /** Gross per tax code. */
  public Map<Long, BigDecimal> grossByTaxCode() {
    Map<Long, BigDecimal> out = new LinkedHashMap<>();
    parts.forEach(p -> out.merge(p.taxCodeId(), p.gross(), BigDecimal::add));
    return out;
  }
}
