package io.github.centrasage.sync.catalog;

import io.github.centrasage.sync.spi.internal.SyncStyle;
import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One Sage 200 price band published to one Centra pricelist. The currency is declared here and
 * checked on both sides before anything is written: the Sage band's currency must be the Sage
 * currency {@code Mappings.currencies()} maps this ISO code to, and the Centra pricelist must be in
 * this currency.
 *
 * <p>Usage: {@code PriceMapping.of("Standard", 23, "GBP")}
 */
@Value.Immutable
@SyncStyle
public abstract class PriceMapping {
  /** The Sage price band's name ({@code price_band_name}, such as {@code Standard}). */
  public abstract String sagePriceBand();

  /** The Centra pricelist id. */
  public abstract long centraPricelistId();

  /** ISO 4217 code both sides must be in. */
  public abstract String currency();

  /**
   * Whether the Centra pricelist holds VAT-inclusive prices (a B2C market's usually do); empty:
   * not said, prices are published as Sage has them. When the Sage band's basis
   * ({@code Mappings.priceBandBases()}) is the other one, prices are converted with {@link #taxPercent()}.
   */
  public abstract Optional<Boolean> centraPricesIncludeTax();

  /** The VAT rate of the pricelist's market, in percent (20 for UK standard rate); needed to convert. */
  public abstract Optional<BigDecimal> taxPercent();

  /** This mapping with Centra's basis and the market's rate: {@code PriceMapping.of("Standard", 23, "GBP").withTax(true, new BigDecimal("20"))}. */
  public PriceMapping withTax(boolean centraIncludesTax, BigDecimal percent) {
    return ImmutablePriceMapping.builder().from(this).centraPricesIncludeTax(centraIncludesTax).taxPercent(percent).build();
  }

  @Value.Check
  protected void check() {
    if (sagePriceBand().isBlank()) {
      throw new IllegalArgumentException("PriceMapping.sagePriceBand must not be blank");
    }
    if (taxPercent().filter(t -> t.signum() < 0 || t.compareTo(BigDecimal.valueOf(100)) >= 0).isPresent()) {
      throw new IllegalArgumentException("PriceMapping.taxPercent must be 0 or more and below 100, was "
          + taxPercent().get() + " (band " + sagePriceBand() + ")");
    }
    if (!currency().matches("[A-Z]{3}")) {
      throw new IllegalArgumentException("PriceMapping.currency must be an ISO 4217 code such as GBP, was '"
          + currency() + "' (band " + sagePriceBand() + ")");
    }
  }

  /** Band {@code sagePriceBand} → pricelist {@code centraPricelistId}, both in {@code currency}. */
  public static PriceMapping of(String sagePriceBand, long centraPricelistId, String currency) {
    return ImmutablePriceMapping.builder().sagePriceBand(sagePriceBand).centraPricelistId(centraPricelistId)
        .currency(currency).build();
  }
}
