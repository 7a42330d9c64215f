package io.github.centrasage.centra;

import java.util.List;
import org.immutables.value.Value;

/**
 * Input of {@code setPrices} for one pricelist. Centra skips bad rows with a warning and saves the rest.
 *
 * <pre>{@code
 * centra.catalog().setPrices(SetPricesRequest.builder().pricelistId(23).addProductPrices(price).build());
 * }</pre>
 */
@Value.Immutable
public interface SetPricesRequest {
  long pricelistId();

  List<ProductPrice> productPrices();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  @Value.Check
  default void check() {
    if (productPrices().isEmpty()) {
      throw new IllegalArgumentException("SetPricesRequest.productPrices must not be empty (pricelist " + pricelistId() + ")");
    }
    for (ProductPrice p : productPrices()) {
      p.variantPrices().forEach(v -> {
        if (!v.price().currency().equals(p.price().currency())) {
          throw new IllegalArgumentException("SetPricesRequest: variant " + v.variantId() + " is priced in "
              + v.price().currency() + " but its product " + p.productId() + " in " + p.price().currency());
        }
      });
    }
  }

  /** Builds a {@link SetPricesRequest}; get one from {@link SetPricesRequest#builder()}. */
  final class Builder extends ImmutableSetPricesRequest.Builder {
    Builder() {}
  }
}
