package io.github.centrasage.centra;

import java.util.List;
import org.immutables.value.Value;

/**
 * A product price, optionally with variant overrides (input of {@code setPrices}).
 *
 * <pre>{@code
 * ProductPrice.builder().productId(2).price(Money.of("290", "EUR")).build()
 * }</pre>
 */
@Value.Immutable
public interface ProductPrice {
  long productId();

  Money price();

  /** {@code true} pushes the product price to every variant; {@code false} only to inheriting variants. */
  @Value.Default
  default boolean overrideIndividualVariantPrices() {
    return false;
  }

  List<VariantPrice> variantPrices();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ProductPrice}; get one from {@link ProductPrice#builder()}. */
  final class Builder extends ImmutableProductPrice.Builder {
    Builder() {}
  }
}
