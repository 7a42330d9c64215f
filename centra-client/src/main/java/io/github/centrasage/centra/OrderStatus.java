package io.github.centrasage.centra;

/**
 * Order statuses. Hold and waiting-for-payment are flags on {@link Order}, not statuses.
 * {@code SHIPPED} is what the AMS shows as "Completed". {@code UNRECOGNIZED} stands for a new value.
 *
 * <pre>{@code
 * if (order.status() == OrderStatus.CONFIRMED) importIt(order);
 * }</pre>
 */
public enum OrderStatus {
  PENDING,
  CONFIRMED,
  PROCESSING,
  SHIPPED,
  ARCHIVED,
  CANCELLED,
  UNRECOGNIZED
}
