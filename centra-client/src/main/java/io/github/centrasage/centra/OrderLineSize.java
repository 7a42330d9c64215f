package io.github.centrasage.centra;

import com.squareup.moshi.Json;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The product size an order line sold: SKU, EAN and size ids.
 *
 * <pre>{@code
 * String sku = line.productSize().flatMap(OrderLineSize::sku).orElseThrow();
 * }</pre>
 */
@Value.Immutable
public interface OrderLineSize {
  Optional<Long> id();

  /** The full SKU (product + variant + size parts); JSON name {@code SKU}. */
  @Json(name = "SKU")
  Optional<String> sku();

  /** JSON name {@code EAN}. */
  @Json(name = "EAN")
  Optional<String> ean();

  Optional<String> sizeNumber();

  Optional<String> description();

  /** The size of the size chart (id and name such as {@code "XL"}). */
  Optional<NamedRef> size();
}
