package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A SOP return ({@code sop_returns}, Sage 200 2025 R1 and later). Sage has not published the schema in the sources used, so fields beyond the known ones are kept in {@code extraFields} and written back.
 *
 * <p>Usage: {@code SalesReturn.builder()…build()}
 */
@Value.Immutable
public interface SalesReturn {
  /** JSON {@code id}. */
  OptionalLong id();

  /** JSON {@code document_no}. */
  Optional<String> documentNo();

  /** JSON {@code customer_id}. */
  OptionalLong customerId();

  /** JSON {@code customer_document_no}. */
  Optional<String> customerDocumentNo();

  /** JSON {@code document_date}. */
  Optional<LocalDate> documentDate();

  /** JSON {@code document_status}. */
  Optional<String> documentStatus();

  /** JSON {@code total_net_value}. */
  Optional<BigDecimal> totalNetValue();

  /** JSON {@code total_tax_value}. */
  Optional<BigDecimal> totalTaxValue();

  /** JSON {@code total_gross_value}. */
  Optional<BigDecimal> totalGrossValue();

  /** JSON {@code lines}. */
  List<SalesReturnLine> lines();

  /** JSON {@code date_time_updated}. */
  Optional<OffsetDateTime> dateTimeUpdated();

  /** Fields this library does not model yet, kept as read and written back as given. */
  Map<String, Object> extraFields();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SalesReturn}; get one from {@link SalesReturn#builder()}. */
  final class Builder extends ImmutableSalesReturn.Builder {
    Builder() {}
  }
}
