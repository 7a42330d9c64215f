package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Nominal analysis of a sales-ledger posting.
 *
 * <p>Usage: {@code NominalAnalysisItem.builder()…build()}
 */
@Value.Immutable
public interface NominalAnalysisItem {
  /** JSON {@code code}. */
  String code();

  /** JSON {@code cost_centre}. */
  Optional<String> costCentre();

  /** JSON {@code department}. */
  Optional<String> department();

  /** JSON {@code narrative}. */
  Optional<String> narrative();

  /** JSON {@code value}. */
  Optional<BigDecimal> value();

  /** JSON {@code transaction_analysis_code}. */
  Optional<String> transactionAnalysisCode();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link NominalAnalysisItem}; get one from {@link NominalAnalysisItem#builder()}. */
  final class Builder extends ImmutableNominalAnalysisItem.Builder {
    Builder() {}
  }
}
