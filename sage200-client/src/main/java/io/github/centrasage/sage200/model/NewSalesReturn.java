package io.github.centrasage.sage200.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A SOP return to create ({@code POST /sop_returns}, Sage 200 2025 R1 and later). Sage has not
 * published the body in the sources this library was built from; the fields are inferred from
 * {@code sop_orders} (which the 2025 R1 return screens mirror: customer, customer document number,
 * lines of product, warehouse, quantity, price and tax code). Anything a site needs beyond them (a
 * return reason, analysis codes) goes into {@link #extraFields()}. The idempotency key is written by
 * {@code SalesReturns.create(reference, draft)} into the field the client is configured for.
 *
 * <p>Usage: {@code NewSalesReturn.builder().customerId(27006).addLines(NewSalesReturnLine.standard(p, w, qty).build()).build()}
 */
@Value.Immutable
public interface NewSalesReturn {
  /** JSON {@code customer_id}. */
  long customerId();

  /** JSON {@code document_date}. */
  Optional<LocalDate> documentDate();

  /** JSON {@code customer_document_no} (at most 30 characters, as on orders). */
  Optional<String> customerDocumentNo();

  /** JSON {@code analysis_code_1}. */
  Optional<String> analysisCode1();

  /** JSON {@code lines}; at least one. */
  List<NewSalesReturnLine> lines();

  /** Fields a site needs that this library does not model, written as given. */
  Map<String, Object> extraFields();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  @Value.Check
  default void check() {
    customerDocumentNo().ifPresent(v -> SageModelChecks.maxLength("NewSalesReturn", "customer_document_no", v, 30));
    SageModelChecks.notEmpty("NewSalesReturn", "lines", lines());
  }

  /** Builds a {@link NewSalesReturn}; get one from {@link NewSalesReturn#builder()}. */
  final class Builder extends ImmutableNewSalesReturn.Builder {
    Builder() {}
  }
}
