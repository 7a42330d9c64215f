package io.github.centrasage.centra;

/**
 * Which date an order window filters on.
 *
 * <pre>{@code
 * OrderQuery.builder().dateField(OrderDateField.CREATED_AT)
 * }</pre>
 */
public enum OrderDateField {
  ORDER_DATE("orderDate"),
  CREATED_AT("createdAt");

  private final String filterName;

  OrderDateField(String filterName) {
    this.filterName = filterName;
  }

  /** The name of the {@code OrderFilter} field. */
  public String filterName() {
    return filterName;
  }
}
