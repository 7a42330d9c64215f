package io.github.centrasage.centra;

import com.squareup.moshi.Json;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A size to create on a variant: which size of the variant's size chart (by name or id), with its
 * EAN and size number. Used by {@code createProductVariant} (its {@code productSizes}) and
 * {@code createProductSize}.
 *
 * <pre>{@code
 * NewProductSize.builder().sizeName("M").ean("5012345678900").sizeNumber("-M").build()
 * }</pre>
 */
@Value.Immutable
public interface NewProductSize {
  /** The size chart's size by name; exactly one of this and {@link #sizeId()}. */
  Optional<String> sizeName();

  /** The size chart's size by id; exactly one of this and {@link #sizeName()}. */
  OptionalLong sizeId();

  @Json(name = "EAN")

  Optional<String> ean();

  /** The size part of the SKU. */
  Optional<String> sizeNumber();

  /** Centra requires it on create; default {@code true}. */
  @Value.Default
  default boolean isActive() {
    return true;
  }

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  @Value.Check
  default void check() {
    if (sizeName().isPresent() == sizeId().isPresent()) {
      throw new IllegalArgumentException("NewProductSize needs exactly one of sizeName and sizeId (Centra's SizeInput), had "
          + (sizeName().isPresent() ? "both" : "neither"));
    }
  }

  /** Builds a {@link NewProductSize}; get one from {@link NewProductSize#builder()}. */
  final class Builder extends ImmutableNewProductSize.Builder {
    Builder() {}
  }
}
