package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Tax analysis of a ledger posting; {@code id} is the tax code id (Sage fails with SageNullFieldException without it).
 *
 * <p>Usage: {@code TaxAnalysisItem.builder()…build()}
 */
@Value.Immutable
public interface TaxAnalysisItem {
  /** JSON {@code id}. */
  long id();

  /** JSON {@code goods_amount}. */
  Optional<BigDecimal> goodsAmount();

  /** JSON {@code discount_amount}. */
  Optional<BigDecimal> discountAmount();

  /** JSON {@code tax_amount}. */
  Optional<BigDecimal> taxAmount();

  /** JSON {@code tax_discount_amount}. */
  Optional<BigDecimal> taxDiscountAmount();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link TaxAnalysisItem}; get one from {@link TaxAnalysisItem#builder()}. */
  final class Builder extends ImmutableTaxAnalysisItem.Builder {
    Builder() {}
  }
}
