package io.github.centrasage.sync.catalog;

/**
 * A field of the shared item record whose owner {@link FieldOwnership} declares. The default owner
 * follows the split both vendors recommend: Sage 200 masters the core item record and core prices,
 * Centra the merchandising.
 *
 * <p>Usage: {@code FieldOwnership.defaults().owner(CatalogField.PRICE)} is {@code SAGE}.
 */
public enum CatalogField {
  /** The SKU (Sage product code, Centra size SKU); the link key. */
  SKU(FieldOwner.SAGE),
  /** EAN / GTIN barcode of a size (Sage {@code barcode}); the second link key. */
  EAN(FieldOwner.SAGE),
  /** Weight: Centra keeps one per product, the flow writes the heaviest linked Sage item's. */
  WEIGHT(FieldOwner.SAGE),
  /**
   * Country of origin (ISO alpha-2). The Sage 200 REST field that holds it is unconfirmed, so its
   * name is {@link CatalogPublishOptions#countryOfOriginField()}.
   */
  COUNTRY_OF_ORIGIN(FieldOwner.SAGE),
  /** Harmonised commodity code, from {@link CatalogPublishOptions#commodityCodeField()} (name unconfirmed too). */
  COMMODITY_CODE(FieldOwner.SAGE),
  /**
   * Whether the item may be sold (Sage {@code product_status_type}, {@code allow_sales_order}):
   * the product status and the sizes' {@code isActive}. Sage's by default, so a product a
   * merchandiser sets inactive in Centra is set back by the next full pass while a linked Sage item
   * may be sold; give it to {@link FieldOwner#CENTRA} to let merchandisers launch and withdraw
   * products (the flow then only stops selling withdrawn items and creates products inactive).
   */
  STATUS(FieldOwner.SAGE),
  /** The product price per mapped pricelist (Sage price band). */
  PRICE(FieldOwner.SAGE),
  /**
   * Individual variant prices in a pricelist. Centra's by default, so a merchandiser's variant
   * override survives; Sage's when {@link CatalogPublishOptions#overrideIndividualVariantPrices()}.
   */
  VARIANT_PRICES(FieldOwner.CENTRA),
  /** Product name (from the Sage description when Sage owns it; always set on a created product). */
  NAME(FieldOwner.CENTRA),
  /** Descriptions and SEO text. */
  DESCRIPTION(FieldOwner.CENTRA),
  /** Displays (the per-store merchandising layer). */
  DISPLAYS(FieldOwner.CENTRA),
  /** Images and other media. */
  MEDIA(FieldOwner.CENTRA),
  /** Categories. */
  CATEGORIES(FieldOwner.CENTRA),
  /** Collections. */
  COLLECTIONS(FieldOwner.CENTRA),
  /** Translations. */
  TRANSLATIONS(FieldOwner.CENTRA);

  private final FieldOwner defaultOwner;

  CatalogField(FieldOwner defaultOwner) {
    this.defaultOwner = defaultOwner;
  }

  /** Who owns this field unless {@link FieldOwnership} says otherwise. */
  public FieldOwner defaultOwner() {
    return defaultOwner;
  }
}
