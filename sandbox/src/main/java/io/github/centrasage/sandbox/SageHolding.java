package io.github.centrasage.sandbox;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A snapshot of one Sage warehouse holding: {@code freeStockAvailable = inStock − allocated}.
 *
 * <pre>{@code assertThat(sage.holding("P00001-BLK-M", "Leeds DC").freeStockAvailable()).isEqualByComparingTo("12");}</pre>
 */
public record SageHolding(long id, String sku, String warehouse, BigDecimal quantityInStock,
    BigDecimal quantityAllocated, BigDecimal freeStockAvailable, Instant dateTimeUpdated) {}
