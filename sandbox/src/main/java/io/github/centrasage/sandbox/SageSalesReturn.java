package io.github.centrasage.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of one SOP return ({@code sop_returns}, Sage 200 2025 R1) as the sandbox holds it.
 * {@code otherFields} are the text fields sent that the sandbox does not model (a configured
 * reference field such as {@code spare_text_1}, a return reason).
 *
 * <pre>{@code assertThat(sage.salesReturns()).extracting(SageSalesReturn::customerDocumentNo).containsOnlyOnce("RMA77");}</pre>
 */
public record SageSalesReturn(long id, String documentNo, String customerReference, String customerDocumentNo,
    Map<String, String> otherFields, List<Line> lines, BigDecimal totalNetValue, BigDecimal totalTaxValue,
    BigDecimal totalGrossValue, Instant dateTimeCreated) {

  /** Copies the collections so the snapshot stays immutable. */
  public SageSalesReturn {
    otherFields = Map.copyOf(otherFields);
    lines = List.copyOf(lines);
  }

  /**
   * One return line; {@code sku} and {@code warehouse} are null on free-text lines, {@code taxCode}
   * is the Sage tax code number ({@code 1} standard rate) or null.
   *
   * <pre>{@code ret.lines().get(0).lineQuantity()}</pre>
   */
  public record Line(String lineType, String sku, String warehouse, String description, BigDecimal lineQuantity,
      BigDecimal sellingUnitPrice, Integer taxCode, BigDecimal lineTotalValue, BigDecimal lineTaxValue,
      String nominalReference) {}
}
