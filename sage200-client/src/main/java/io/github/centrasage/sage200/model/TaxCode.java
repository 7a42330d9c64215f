package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A tax code; orders and lines take its {@code id}, not its {@code code}.
 *
 * <p>Usage: {@code TaxCode.builder()…build()}
 */
@Value.Immutable
public interface TaxCode {
  /** JSON {@code id}. */
  long id();

  /** JSON {@code code}. */
  OptionalLong code();

  /** JSON {@code name}. */
  Optional<String> name();

  /** JSON {@code tax_rate}. */
  Optional<BigDecimal> taxRate();

  /** JSON {@code terms}. */
  Optional<String> terms();

  /** JSON {@code terms_description}. */
  Optional<String> termsDescription();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link TaxCode}; get one from {@link TaxCode#builder()}. */
  final class Builder extends ImmutableTaxCode.Builder {
    Builder() {}
  }
}
