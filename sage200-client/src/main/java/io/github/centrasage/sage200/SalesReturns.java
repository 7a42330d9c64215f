package io.github.centrasage.sage200;

import io.github.centrasage.sage200.internal.SageRequest;
import io.github.centrasage.sage200.internal.SageTransport;
import io.github.centrasage.sage200.model.NewSalesReturn;
import io.github.centrasage.sage200.model.SalesReturn;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * SOP returns ({@code sop_returns}), added in Sage 200 2025 R1. Older Professional sites answer
 * {@link Sage200NotFoundException}; fall back to {@code sales_credit_notes} there. Because Sage has
 * not published the schema in the sources used, the resource name and the field that carries the
 * caller's reference (the idempotency key) are client settings
 * ({@link Sage200Client.Builder#salesReturnsResource}, {@link Sage200Client.Builder#salesReturnReferenceField});
 * the defaults are {@code sop_returns} and {@code customer_document_no}, inferred from {@code sop_orders}.
 *
 * <p>Usage: {@code client.salesReturns().findByReference("RMA77").stream().findFirst().orElseGet(() -> client.salesReturns().create("RMA77", draft))}
 */
public final class SalesReturns extends SageResource<SalesReturn> {
  /** The reference field used unless the client is configured otherwise. */
  public static final String DEFAULT_REFERENCE_FIELD = "customer_document_no";

  private final String referenceField;

  SalesReturns(SageTransport transport, String resource, String referenceField) {
    super(transport, List.of(resource), SalesReturn.class, "id", r -> r.id().orElse(0));
    this.referenceField = referenceField;
  }

  /** The field the reference is written to and looked up by. */
  public String referenceField() {
    return referenceField;
  }

  /** {@code POST /sop_returns}; fields this library does not model can go in {@code extraFields}. */
  public SalesReturn create(NewSalesReturn salesReturn) {
    return transport.execute(SageRequest.post(path, transport.toJson(salesReturn)), SalesReturn.class);
  }

  /**
   * {@code POST /sop_returns} with {@code reference} in the configured reference field. Not retried
   * after it may have reached Sage: on {@link Sage200Exception#requiresLookupBeforeRetry()} call
   * {@link #findByReference} before creating it again.
   */
  public SalesReturn create(String reference, NewSalesReturn draft) {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(draft, "draft");
    if (reference.isBlank()) {
      throw new IllegalArgumentException("a sales return reference must not be blank");
    }
    NewSalesReturn.Builder body = NewSalesReturn.builder().from(draft);
    if (referenceField.equals(DEFAULT_REFERENCE_FIELD)) {
      body.customerDocumentNo(reference);
    } else {
      body.putExtraFields(referenceField, reference);
    }
    return transport.execute(SageRequest.post(path, transport.toJson(body.build())), SalesReturn.class);
  }

  /** Returns whose reference field equals {@code reference} (Sage does not keep it unique). */
  public List<SalesReturn> findByReference(String reference) {
    return list(ODataQuery.where(ODataFilter.eq(referenceField, reference)));
  }

  /** Returns with this customer document number. */
  public List<SalesReturn> findByCustomerDocumentNo(String customerDocumentNo) {
    return list(ODataQuery.where(ODataFilter.eq("customer_document_no", customerDocumentNo)));
  }

  /** The reference a return carries in the configured field, if any. */
  public Optional<String> referenceOf(SalesReturn salesReturn) {
    if (referenceField.equals(DEFAULT_REFERENCE_FIELD)) {
      return salesReturn.customerDocumentNo();
    }
    return Optional.ofNullable(salesReturn.extraFields().get(referenceField)).map(Object::toString);
  }
}
