package io.github.centrasage.centra;

import com.squareup.moshi.Json;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A product size as seen from a stock row: id, SKU and EAN.
 *
 * <pre>{@code
 * String sku = row.productSize().sku().orElse("?");
 * }</pre>
 */
@Value.Immutable
public interface ProductSizeRef {
  long id();

  @Json(name = "SKU")

  Optional<String> sku();

  @Json(name = "EAN")

  Optional<String> ean();
}
