package io.github.centrasage.sync.catalog;

import io.github.centrasage.sync.spi.internal.SyncStyle;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.immutables.value.Value;

/**
 * Settings of {@link CatalogPublish}: which fields Sage owns, which price bands go to which
 * pricelists, how products are matched, batching and polling.
 *
 * <p>Usage: {@code CatalogPublishOptions.builder().addPriceMappings(PriceMapping.of("Standard", 23, "GBP")).build()}
 */
@Value.Immutable
@SyncStyle
public abstract class CatalogPublishOptions {
  /** Which fields Sage owns; the flow writes only those. Default {@link FieldOwnership#defaults()}. */
  @Value.Default
  public FieldOwnership ownership() {
    return FieldOwnership.defaults();
  }

  /** Sage price band → Centra pricelist; a band may feed several pricelists, a pricelist only one band. */
  public abstract List<PriceMapping> priceMappings();

  /**
   * Centra's {@code overrideIndividualVariantPrices} on every row written: {@code true} pushes the
   * product price to every variant (Sage owns variant prices), {@code false} updates only variants
   * that inherit it (a merchandiser's variant price survives). Defaults to whether the ownership
   * gives {@link CatalogField#VARIANT_PRICES} to Sage, and must agree with it.
   */
  @Value.Default
  public boolean overrideIndividualVariantPrices() {
    return ownership().sageOwns(CatalogField.VARIANT_PRICES);
  }

  /** How Sage products find their Centra sizes; default {@link SkuMatch#SKU_THEN_EAN}. */
  @Value.Default
  public SkuMatch match() {
    return SkuMatch.SKU_THEN_EAN;
  }

  /**
   * Whether a Sage product without a Centra size parks its job with the reason (default), so it
   * shows on the dashboard until someone links or discards it. {@code false} suits a Sage site
   * whose many non-web items would flood the parked list: they are logged at INFO and listed by
   * {@link CatalogPublish#linkReport}.
   */
  @Value.Default
  public boolean parkUnmatched() {
    return true;
  }

  /**
   * Whether a Sage product without a Centra size is created in Centra (product → variant → size,
   * grouped by {@link #skuSplitter()}) instead of parked or reported; default {@code false}.
   * Creation looks the parts up by product number, variant number and size first, so a repeated
   * or crashed run completes what exists rather than creating it twice.
   */
  @Value.Default
  public boolean createMissingProducts() {
    return false;
  }

  /** How a Sage code is cut into product / variant / size for creation; default {@link SkuSplitter#separatedBy(char) separatedBy('-')}. */
  @Value.Default
  public SkuSplitter skuSplitter() {
    return SkuSplitter.separatedBy('-');
  }

  /**
   * Whether created products and variants get an ID conversion entry (product: its product number;
   * variant: product + variant number), so other integrations can address them by Sage's codes;
   * default {@code false}. Centra gives sizes theirs itself.
   */
  @Value.Default
  public boolean setIdConversions() {
    return false;
  }

  /** Centra product status for a product with at least one Sage item that may be sold; default {@code ACTIVE}. */
  @Value.Default
  public String activeStatus() {
    return "ACTIVE";
  }

  /** Centra product status for a product none of whose Sage items may be sold; default {@code INACTIVE}. */
  @Value.Default
  public String inactiveStatus() {
    return "INACTIVE";
  }

  /**
   * The unit of Sage's {@code weight}, sent as Centra's weight unit; default {@code KG}. Sage does
   * not state the unit of the field (a site setting), and Centra's docs do not list its unit values.
   */
  @Value.Default
  public String weightUnit() {
    return "KG";
  }

  /**
   * The Sage {@code products} field that holds the country of origin, read from
   * {@link io.github.centrasage.sage200.model.Product#extraFields()}; default
   * {@code country_of_origin}, which Sage's contract describes as a read-only object (a
   * {@code country_codes} record, with a {@code code}). Its value is an ISO 3166-1 alpha-2 code
   * ({@code "PT"}) or an object with a {@code code}; written to Centra's
   * {@code countryOfOrigin} when Sage owns {@link CatalogField#COUNTRY_OF_ORIGIN}.
   */
  @Value.Default
  public String countryOfOriginField() {
    return "country_of_origin";
  }

  /**
   * The Sage {@code products} field that holds the harmonised commodity (intrastat) code, read from
   * {@link io.github.centrasage.sage200.model.Product#extraFields()}; default {@code commodity_code}
   * (in Sage's contract). Written to Centra's {@code harmonizedCommodityCode} when Sage owns
   * {@link CatalogField#COMMODITY_CODE}.
   */
  @Value.Default
  public String commodityCodeField() {
    return "commodity_code";
  }

  /**
   * How long one engine may hold the creation lease of a product number; default 2 min. The lease
   * keeps two engines from creating the same product at once.
   */
  @Value.Default
  public Duration creationLease() {
    return Duration.ofMinutes(2);
  }

  /**
   * How a Sage price with more decimals than its currency has (19.995 GBP) is rounded to the
   * currency's precision (ISO 4217 minor units: 2 for GBP and EUR, 0 for JPY) before it is compared
   * with Centra's and written; default {@link RoundingMode#HALF_UP}, as a till rounds. Without it a
   * price Centra stores rounded would differ on every pass and be written again.
   */
  @Value.Default
  public RoundingMode priceRounding() {
    return RoundingMode.HALF_UP;
  }

  /**
   * What happens to a Centra size whose Sage item was deleted, or is inactive in Sage (not
   * {@code allow_sales_order}, or an inactive {@code product_status_type}); default
   * {@link WithdrawAction#DEACTIVATE}: the size stops being sold, and its product when no linked
   * size may be sold. A size deactivated because its Sage item is inactive is activated again when
   * the item is, as long as Sage owns {@link CatalogField#STATUS}.
   */
  @Value.Default
  public WithdrawAction withdrawnItemAction() {
    return WithdrawAction.DEACTIVATE;
  }

  /**
   * What happens when Sage has no price in a mapped band for a linked size that Centra prices in
   * the band's pricelist (the price row was deleted in Sage); default {@link WithdrawAction#PARK}:
   * nothing of the product is written to that pricelist and its jobs park with the reason, so
   * Centra's old price is never kept in silence and a variant without a Sage price never takes over
   * another's. Centra has no mutation that removes a price, so {@link WithdrawAction#DEACTIVATE}
   * stops selling those sizes instead.
   */
  @Value.Default
  public WithdrawAction missingPriceAction() {
    return WithdrawAction.PARK;
  }

  /**
   * Sage products per processed batch; default 200. The Centra catalogue and the mapped pricelists
   * are read once per poll and shared by its batches, not read per batch.
   */
  @Value.Default
  public int batchSize() {
    return 200;
  }

  /** Product rows per {@code setPrices} mutation; default 100. */
  @Value.Default
  public int pricesPerMutation() {
    return 100;
  }

  /** How often Sage prices and products are polled; default 5 min. */
  @Value.Default
  public Duration discoverInterval() {
    return Duration.ofMinutes(5);
  }

  /** How far before the cursor each poll reads again (late commits, coarse timestamps); default 2 min. */
  @Value.Default
  public Duration overlap() {
    return Duration.ofMinutes(2);
  }

  /**
   * How often a poll reads every product instead of the changed ones, which puts back a Sage-owned
   * value someone changed in Centra (Centra changes move no Sage cursor); default 24 h. The first
   * poll is always a full one.
   */
  @Value.Default
  public Duration fullPassInterval() {
    return Duration.ofHours(24);
  }

  @Value.Check
  protected void check() {
    if (priceRounding() == RoundingMode.UNNECESSARY) {
      // a net/gross conversion or a third decimal would throw mid-batch, after fields were written
      throw new IllegalArgumentException("priceRounding must round (HALF_UP, HALF_EVEN, …), not UNNECESSARY");
    }
    if (batchSize() < 1 || pricesPerMutation() < 1) {
      throw new IllegalArgumentException("batchSize and pricesPerMutation must be at least 1, were "
          + batchSize() + " and " + pricesPerMutation());
    }
    for (Duration d : List.of(discoverInterval(), fullPassInterval(), creationLease())) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("discoverInterval, fullPassInterval and creationLease must be positive, were "
            + discoverInterval() + ", " + fullPassInterval() + " and " + creationLease());
      }
    }
    if (countryOfOriginField().isBlank() || commodityCodeField().isBlank()) {
      throw new IllegalArgumentException("countryOfOriginField and commodityCodeField must not be blank");
    }
    if (overlap().isNegative()) {
      throw new IllegalArgumentException("overlap must not be negative, was " + overlap());
    }
    if (overrideIndividualVariantPrices() != ownership().sageOwns(CatalogField.VARIANT_PRICES)) {
      throw new IllegalArgumentException("overrideIndividualVariantPrices=" + overrideIndividualVariantPrices()
          + " contradicts the ownership of VARIANT_PRICES (" + ownership().owner(CatalogField.VARIANT_PRICES)
          + "): overriding variant prices writes a field Centra owns");
    }
    Set<Long> pricelists = new HashSet<>();
    for (PriceMapping m : priceMappings()) {
      if (!pricelists.add(m.centraPricelistId())) {
        throw new IllegalArgumentException("Centra pricelist " + m.centraPricelistId()
            + " is mapped from more than one Sage price band; the bands would overwrite each other");
      }
    }
  }

  /** The defaults (no price mappings: linking only). */
  public static CatalogPublishOptions defaults() {
    return builder().build();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link CatalogPublishOptions}. */
  public static final class Builder extends ImmutableCatalogPublishOptions.Builder {
    Builder() {}
  }
}
