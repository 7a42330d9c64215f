package io.github.centrasage.sync.catalog;

/**
 * How a Sage 200 product finds its Centra size.
 *
 * <p>Usage: {@code CatalogPublishOptions.builder().match(SkuMatch.SKU_THEN_EAN).build()}
 */
public enum SkuMatch {
  /** The Sage product code equals the Centra size SKU. */
  SKU,
  /** The Sage {@code barcode} equals the Centra size EAN. */
  EAN,
  /** By SKU, and by EAN for a product whose code no Centra size has. */
  SKU_THEN_EAN
}
