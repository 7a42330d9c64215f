package io.github.centrasage.sync.order;

import io.github.centrasage.sage200.model.NewSalesOrder;
import io.github.centrasage.sync.spi.internal.SyncStyle;
import java.math.BigDecimal;
import org.immutables.value.Value;

/**
 * A Centra order mapped to the Sage 200 sales order it becomes, with the figures the totals check
 * compares. Only a complete mapping yields a draft; otherwise every problem is reported at once.
 *
 * <p>Usage: {@code sage.salesOrders().create(draft.salesOrder())}
 */
@Value.Immutable
@SyncStyle
public abstract class SalesOrderDraft {
  /** The Centra order number. */
  public abstract long centraOrderNumber();

  /** The idempotency key written to the configured Sage field (prefix + order number). */
  public abstract String documentKey();

  /** The Sage customer account reference the order is for. */
  public abstract String customerReference();

  /** The request body for {@code POST /sop_orders}. */
  public abstract NewSalesOrder salesOrder();

  /** ISO currency of the order. */
  public abstract String currency();

  /** Centra's grand total (tax included). */
  public abstract BigDecimal centraGrandTotal();

  /** The gross total Sage is expected to compute from the lines (per-line rounding, as Sage does). */
  public abstract BigDecimal expectedSageGrossTotal();

  /** The rounding line added to meet Centra's total within the tolerance (zero when none). */
  public abstract BigDecimal roundingAdjustment();

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SalesOrderDraft}. */
  public static final class Builder extends ImmutableSalesOrderDraft.Builder {
    Builder() {}
  }
}
