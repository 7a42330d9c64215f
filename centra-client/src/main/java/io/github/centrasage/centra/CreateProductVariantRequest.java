package io.github.centrasage.centra;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * Input of {@code createProductVariant}: a variant of an existing product, optionally with its sizes.
 *
 * <pre>{@code
 * centra.catalog().createProductVariant(CreateProductVariantRequest.builder().productId(12).name("Black")
 *     .variantNumber("-BLK").addProductSizes(NewProductSize.builder().sizeName("M").build()).build());
 * }</pre>
 */
@Value.Immutable
public interface CreateProductVariantRequest {
  long productId();

  String name();

  /** The variant part of the SKU. */
  Optional<String> variantNumber();

  /** A value of Centra's status enum; Centra's default when absent. */
  Optional<String> status();

  /** The size chart the sizes come from; the sizes' chart must be known to Centra. */
  OptionalLong sizeChartId();

  List<NewProductSize> productSizes();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  @Value.Check
  default void check() {
    if (name().isBlank()) {
      throw new IllegalArgumentException("CreateProductVariantRequest.name must not be blank (product " + productId() + ")");
    }
  }

  /** Builds a {@link CreateProductVariantRequest}; get one from {@link CreateProductVariantRequest#builder()}. */
  final class Builder extends ImmutableCreateProductVariantRequest.Builder {
    Builder() {}
  }
}
