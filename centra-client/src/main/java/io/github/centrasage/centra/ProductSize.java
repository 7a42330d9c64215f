package io.github.centrasage.centra;

import com.squareup.moshi.Json;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A sellable size of a variant: where SKU, EAN and stock live.
 *
 * <pre>{@code
 * Map<String, Long> sizeIdBySku = variant.productSizes().stream().collect(toMap(s -> s.sku().orElseThrow(), ProductSize::id));
 * }</pre>
 */
@Value.Immutable
public interface ProductSize {
  long id();

  /** Full SKU; JSON name {@code SKU}. */
  @Json(name = "SKU")
  Optional<String> sku();

  /** JSON name {@code EAN}. */
  @Json(name = "EAN")
  Optional<String> ean();

  /** The size part of the SKU. */
  Optional<String> sizeNumber();

  /** The size of the size chart (id and name). */
  Optional<NamedRef> size();

  /**
   * Whether the size may be sold; empty when Centra did not say. Written by {@code updateProductSize}
   * ({@code ProductSizeUpdateInput.isActive}); read back as {@code ProductSize.isActive}, which is
   * inferred (the filter and update inputs have it, the type's page was not found).
   */
  Optional<Boolean> isActive();
}
