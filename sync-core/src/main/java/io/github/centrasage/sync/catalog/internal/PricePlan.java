package io.github.centrasage.sync.catalog.internal;

import io.github.centrasage.centra.Money;
import io.github.centrasage.centra.ProductPrice;
import io.github.centrasage.centra.VariantPrice;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns Sage's per-SKU prices of one Centra product into the {@code setPrices} row that makes
 * Centra agree, or nothing when it already does. Centra prices per product, optionally per variant,
 * never per size, so the sizes of a variant must agree in Sage; the product price is the price most
 * variants share (the lowest on a tie), the other variants get individual prices.
 */
public final class PricePlan {
  private PricePlan() {}

  /** A row to write, or the reason none can be written. */
  public record Outcome(Optional<ProductPrice> row, Optional<String> problem) {
    static Outcome none() {
      return new Outcome(Optional.empty(), Optional.empty());
    }

    static Outcome problem(String reason) {
      return new Outcome(Optional.empty(), Optional.of(reason));
    }
  }

  /**
   * @param productId the Centra product
   * @param sagePricesByVariant per Centra variant, the Sage prices of its linked sizes (by SKU)
   * @param currentProduct Centra's product price in the pricelist, if any
   * @param currentVariants Centra's individual variant prices in the pricelist
   * @param sageOwnsVariantPrices whether variant prices may be written (and stale ones cleared)
   */
  public static Outcome plan(long productId, String currency, String band,
      Map<Long, Map<String, BigDecimal>> sagePricesByVariant, Optional<BigDecimal> currentProduct,
      Map<Long, BigDecimal> currentVariants, boolean sageOwnsVariantPrices) {
    Map<Long, BigDecimal> variantPrice = new TreeMap<>();
    for (Map.Entry<Long, Map<String, BigDecimal>> v : sagePricesByVariant.entrySet()) {
      TreeSet<BigDecimal> distinct = new TreeSet<>(Comparator.naturalOrder());
      distinct.addAll(v.getValue().values());
      if (distinct.size() > 1) {
        return Outcome.problem("Sage band " + band + " prices the sizes of Centra variant " + v.getKey()
            + " differently " + new TreeMap<>(v.getValue()) + "; Centra prices per variant, never per size");
      }
      if (!distinct.isEmpty()) {
        variantPrice.put(v.getKey(), distinct.first());
      }
    }
    if (variantPrice.isEmpty()) {
      return Outcome.none();
    }
    BigDecimal productPrice = mostShared(variantPrice);
    List<VariantPrice> overrides = new ArrayList<>();
    variantPrice.forEach((variant, price) -> {
      if (price.compareTo(productPrice) != 0) {
        overrides.add(VariantPrice.of(variant, Money.of(price, currency)));
      }
    });
    if (!overrides.isEmpty() && !sageOwnsVariantPrices) {
      return Outcome.problem("Sage band " + band + " prices the variants of Centra product " + productId
          + " differently " + variantPrice + ", but variant prices are owned by Centra"
          + " (give VARIANT_PRICES to Sage to publish them)");
    }
    boolean differs = currentProduct.filter(p -> p.compareTo(productPrice) == 0).isEmpty();
    for (VariantPrice o : overrides) {
      BigDecimal current = currentVariants.get(o.variantId());
      differs |= current == null || current.compareTo(o.price().value()) != 0;
    }
    if (sageOwnsVariantPrices) {
      // an individual price other than the one Sage asks for is stale (or a merchandiser's, on a
      // field Sage owns); one equal to it is left alone, as Centra may list inherited prices too
      for (Map.Entry<Long, BigDecimal> current : currentVariants.entrySet()) {
        BigDecimal wanted = variantPrice.getOrDefault(current.getKey(), productPrice);
        differs |= current.getValue().compareTo(wanted) != 0;
      }
    }
    if (!differs) {
      return Outcome.none();
    }
    return new Outcome(Optional.of(ProductPrice.builder().productId(productId).price(Money.of(productPrice, currency))
        .overrideIndividualVariantPrices(sageOwnsVariantPrices).variantPrices(overrides).build()), Optional.empty());
  }

  /**
   * The index of the {@code setPrices} row a {@code userWarnings} path ({@code input, productPrices,
   * <index>, …}) points at, if it points at one.
   */
  public static Optional<Integer> warnedRow(List<String> path) {
    int at = path.indexOf("productPrices");
    if (at < 0 || at + 1 >= path.size()) {
      return Optional.empty();
    }
    try {
      int index = Integer.parseInt(path.get(at + 1));
      return index < 0 ? Optional.empty() : Optional.of(index);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static BigDecimal mostShared(Map<Long, BigDecimal> variantPrice) {
    Map<BigDecimal, Integer> counts = new TreeMap<>();
    variantPrice.values().forEach(p -> counts.merge(p.stripTrailingZeros(), 1, Integer::sum));
    BigDecimal best = null;
    int bestCount = 0;
    for (Map.Entry<BigDecimal, Integer> e : counts.entrySet()) { // ascending: the lowest wins a tie
      if (e.getValue() > bestCount) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    BigDecimal chosen = best;
    return variantPrice.values().stream().filter(p -> p.compareTo(chosen) == 0).findFirst().orElseThrow();
  }
}
