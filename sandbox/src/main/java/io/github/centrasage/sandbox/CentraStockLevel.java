package io.github.centrasage.sandbox;

import java.math.BigDecimal;

/**
 * A snapshot of Centra stock of one SKU in one warehouse: {@code physical = freeToAllocate + allocated}.
 *
 * <pre>{@code assertThat(centra.stock("P00001-BLK-M", "Leeds DC").freeToAllocate()).isEqualByComparingTo("3");}</pre>
 */
public record CentraStockLevel(String sku, String warehouse, BigDecimal physical, BigDecimal allocated,
    BigDecimal freeToAllocate) {}
