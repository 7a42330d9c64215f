package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * Nominal analysis of a cash-book payment or receipt.
 *
 * <p>Usage: {@code BankAnalysisItem.builder()…build()}
 */
@Value.Immutable
public interface BankAnalysisItem {
  /** JSON {@code code}. */
  String code();

  /** JSON {@code cost_centre}. */
  Optional<String> costCentre();

  /** JSON {@code department}. */
  Optional<String> department();

  /** JSON {@code narrative}. */
  Optional<String> narrative();

  /** JSON {@code gross_value}. */
  Optional<BigDecimal> grossValue();

  /** JSON {@code goods_value}. */
  Optional<BigDecimal> goodsValue();

  /** JSON {@code tax_code_id}. */
  OptionalLong taxCodeId();

  /** JSON {@code tax_value}. */
  Optional<BigDecimal> taxValue();

  /** JSON {@code transaction_date}. */
  Optional<LocalDate> transactionDate();

  /** JSON {@code reference}. */
  Optional<String> reference();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link BankAnalysisItem}; get one from {@link BankAnalysisItem#builder()}. */
  final class Builder extends ImmutableBankAnalysisItem.Builder {
    Builder() {}
  }
}
