package io.github.centrasage.centra;

import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * The product fields an ERP writes, for {@code updateProduct} (only the fields set are sent, so a
 * field left unset keeps Centra's value) and {@code createProduct} (which needs name, product
 * number and status).
 *
 * <pre>{@code
 * centra.catalog().updateProduct(12, ProductInput.builder().status("INACTIVE").weight(Weight.of(kg, "KG")).build());
 * }</pre>
 */
@Value.Immutable
public interface ProductInput {
  Optional<String> name();

  /** A value of Centra's {@code ProductStatus} enum, such as {@code ACTIVE} or {@code INACTIVE}. */
  Optional<String> status();

  /** The product part of the SKU. */
  Optional<String> productNumber();

  OptionalLong brandId();

  OptionalLong collectionId();

  OptionalLong folderId();

  /** ISO 3166-1 alpha-2 code, sent as {@code countryOfOrigin: {code}}. */
  Optional<String> countryOfOrigin();

  Optional<String> harmonizedCommodityCode();

  Optional<String> harmonizedCommodityCodeDescription();

  Optional<Weight> weight();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Whether no field is set (an update that would change nothing). */
  default boolean isEmpty() {
    return name().isEmpty() && status().isEmpty() && productNumber().isEmpty() && brandId().isEmpty()
        && collectionId().isEmpty() && folderId().isEmpty() && countryOfOrigin().isEmpty()
        && harmonizedCommodityCode().isEmpty() && harmonizedCommodityCodeDescription().isEmpty() && weight().isEmpty();
  }

  /** Builds a {@link ProductInput}; get one from {@link ProductInput#builder()}. */
  final class Builder extends ImmutableProductInput.Builder {
    Builder() {}
  }
}
