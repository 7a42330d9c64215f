package io.github.centrasage.centra;

/**
 * Which quantity {@code setStock} sets. {@code PHYSICAL} is documented; the name of the
 * free-to-allocate value is inferred (see docs/known-unknowns.md).
 *
 * <pre>{@code
 * SetStockRequest.builder().quantityType(StockQuantityType.PHYSICAL)
 * }</pre>
 */
public enum StockQuantityType {
  PHYSICAL,
  FREE_TO_ALLOCATE
}
