package io.github.centrasage.centra;

import com.squareup.moshi.Json;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The size fields an ERP writes with {@code updateProductSize}; only the fields set are sent.
 * An empty EAN unsets it, as Centra documents.
 *
 * <pre>{@code
 * centra.catalog().updateProductSize(31, ProductSizeInput.builder().ean("5012345678900").build());
 * }</pre>
 */
@Value.Immutable
public interface ProductSizeInput {
  /** JSON name {@code EAN}. */
  @Json(name = "EAN")
  Optional<String> ean();

  /** The size part of the SKU (Centra calls it the SKU suffix). */
  Optional<String> sizeNumber();

  Optional<Boolean> isActive();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  @Value.Check
  default void check() {
    if (ean().isEmpty() && sizeNumber().isEmpty() && isActive().isEmpty()) {
      throw new IllegalArgumentException("ProductSizeInput sets no field; there is nothing to update");
    }
  }

  /** Builds a {@link ProductSizeInput}; get one from {@link ProductSizeInput#builder()}. */
  final class Builder extends ImmutableProductSizeInput.Builder {
    Builder() {}
  }
}
