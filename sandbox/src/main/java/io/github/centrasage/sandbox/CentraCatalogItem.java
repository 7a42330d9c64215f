package io.github.centrasage.sandbox;

import java.math.BigDecimal;

/**
 * A snapshot of one size of the Centra sandbox's catalogue with its variant's and product's
 * fields, as the Centra admin would show them.
 *
 * <pre>{@code
 * CentraCatalogItem item = centra.catalogItem("P00001-BLK-M");
 * assertThat(item.ean()).isEqualTo("5012345678900");
 * }</pre>
 */
public record CentraCatalogItem(long productId, String productNumber, String productName, String productStatus,
    BigDecimal weight, String countryOfOrigin, String commodityCode, long variantId, String variantNumber,
    String variantName, long sizeId, String sku, String ean, String sizeNumber, String sizeName,
    boolean sizeActive) {}
