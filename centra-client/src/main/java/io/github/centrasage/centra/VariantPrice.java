package io.github.centrasage.centra;

import org.immutables.value.Value;

/**
 * A variant's own price overriding its product's price (input of {@code setPrices}).
 *
 * <pre>{@code
 * VariantPrice.of(7, Money.of("310", "EUR"))
 * }</pre>
 */
@Value.Immutable
public interface VariantPrice {
  long variantId();

  Money price();

  static VariantPrice of(long variantId, Money price) {
    return ImmutableVariantPrice.builder().variantId(variantId).price(price).build();
  }
}
