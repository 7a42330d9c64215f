package io.github.centrasage.centra;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A variant (usually a colour) of a product with its sizes.
 *
 * <pre>{@code
 * product.variants().forEach(v -> System.out.println(v.variantNumber()));
 * }</pre>
 */
@Value.Immutable
public interface ProductVariant {
  long id();

  Optional<String> name();

  /** The variant part of the SKU. */
  Optional<String> variantNumber();

  List<ProductSize> productSizes();
}
