package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * One product's price in one price band ({@code product_price_views}), in the band's currency.
 *
 * <p>Usage: {@code ProductPriceView.builder()…build()}
 */
@Value.Immutable
public interface ProductPriceView {
  /** JSON {@code product_price_id}. */
  long productPriceId();

  /** JSON {@code product_id}. */
  long productId();

  /** JSON {@code product_code}. */
  Optional<String> productCode();

  /** JSON {@code product_name}. */
  Optional<String> productName();

  /** JSON {@code price_band_id}. */
  OptionalLong priceBandId();

  /** JSON {@code price_band_name}. */
  Optional<String> priceBandName();

  /** JSON {@code product_price_use_standard}. */
  Optional<Boolean> productPriceUseStandard();

  /** JSON {@code product_price_price}. */
  Optional<BigDecimal> productPricePrice();

  /** JSON {@code currency_id}. */
  OptionalLong currencyId();

  /** JSON {@code currency_name}. */
  Optional<String> currencyName();

  /** JSON {@code currency_symbol}. */
  Optional<String> currencySymbol();

  /** JSON {@code date_time_updated}. */
  Optional<OffsetDateTime> dateTimeUpdated();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ProductPriceView}; get one from {@link ProductPriceView#builder()}. */
  final class Builder extends ImmutableProductPriceView.Builder {
    Builder() {}
  }
}
