package io.github.centrasage.sync.catalog;

/**
 * The grouping rule from a Sage product code to Centra's product / variant / size, used when
 * {@link CatalogPublishOptions#createMissingProducts()} creates what Centra lacks. Throw
 * {@link IllegalArgumentException} with the reason for a code the rule cannot cut; that item is
 * parked with it.
 *
 * <p>Usage: {@code CatalogPublishOptions.builder().createMissingProducts(true).skuSplitter(SkuSplitter.separatedBy('/'))}
 */
@FunctionalInterface
public interface SkuSplitter {
  /** The parts of Sage product code {@code sku}. */
  SkuParts split(String sku);

  /**
   * Product, colour and size separated by {@code separator}, cut at its last two occurrences:
   * {@code P00001-BLK-M} is product {@code P00001}, variant {@code -BLK}, size {@code -M} of size
   * name {@code M}, so the three parts joined give the Sage code back. The default.
   */
  static SkuSplitter separatedBy(char separator) {
    return sku -> {
      int last = sku.lastIndexOf(separator);
      int middle = last <= 0 ? -1 : sku.lastIndexOf(separator, last - 1);
      if (middle <= 0 || last == sku.length() - 1 || last == middle + 1) {
        throw new IllegalArgumentException("Sage code " + sku + " is not <product>" + separator + "<variant>" + separator
            + "<size>; configure CatalogPublishOptions.skuSplitter for this catalogue");
      }
      return SkuParts.of(sku.substring(0, middle), sku.substring(middle, last), sku.substring(last),
          sku.substring(last + 1));
    };
  }
}
