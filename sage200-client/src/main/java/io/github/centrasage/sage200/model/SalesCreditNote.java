package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A sales-ledger credit note to post ({@code POST /sales_credit_notes}); Sage answers with a URN.
 *
 * <p>Usage: {@code SalesCreditNote.builder()…build()}
 */
@Value.Immutable
public interface SalesCreditNote {
  /** JSON {@code customer_id}. */
  long customerId();

  /** JSON {@code transaction_date}. */
  Optional<LocalDate> transactionDate();

  /** JSON {@code reference}. */
  Optional<String> reference();

  /** JSON {@code second_reference}. */
  Optional<String> secondReference();

  /** JSON {@code exchange_rate}. */
  Optional<BigDecimal> exchangeRate();

  /** JSON {@code settled_immediately}. */
  Optional<Boolean> settledImmediately();

  /** JSON {@code document_goods_value}. */
  Optional<BigDecimal> documentGoodsValue();

  /** JSON {@code document_tax_value}. */
  Optional<BigDecimal> documentTaxValue();

  /** JSON {@code document_discount_value}. */
  Optional<BigDecimal> documentDiscountValue();

  /** JSON {@code tax_analysis_items}. */
  List<TaxAnalysisItem> taxAnalysisItems();

  /** JSON {@code nominal_analysis_items}. */
  List<NominalAnalysisItem> nominalAnalysisItems();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  @Value.Check
  default void check() {
    reference().ifPresent(v -> SageModelChecks.maxLength("SalesCreditNote", "reference", v, 20));
    secondReference().ifPresent(v -> SageModelChecks.maxLength("SalesCreditNote", "second_reference", v, 20));
  }

  /** Builds a {@link SalesCreditNote}; get one from {@link SalesCreditNote#builder()}. */
  final class Builder extends ImmutableSalesCreditNote.Builder {
    Builder() {}
  }
}
