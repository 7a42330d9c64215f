package io.github.centrasage.sync.finance;

import io.github.centrasage.sync.spi.internal.SyncStyle;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@link RefundImport} did with one Centra return: the Sage credit note (or SOP return) and
 * whether it was allocated against the order's invoice.
 *
 * <p>Usage: {@code refundImport.result(returnId).filter(r -> !r.allocated()).ifPresent(this::tellFinance);}
 */
@Value.Immutable
@SyncStyle
public abstract class CreditNoteResult {
  /** The Centra return id. */
  public abstract long returnId();

  /** The Centra order number. */
  public abstract long orderNumber();

  /** The Sage reference ({@code RMA<returnId>}). */
  public abstract String reference();

  /** The Sage {@code sales_posted_transactions} id of the credit note, or the SOP return id. */
  public abstract long sageId();

  /** Gross credited. */
  public abstract BigDecimal gross();

  /** Gross credited per Sage tax code id. */
  public abstract Map<Long, BigDecimal> grossByTaxCode();

  /** Whether this run found the credit already in Sage (an earlier attempt posted it). */
  public abstract boolean alreadyPosted();

  /** Whether the credit is allocated against the order's invoice. */
  public abstract boolean allocated();

  /** Why it is not allocated, when it is not. */
  public abstract Optional<String> note();

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link CreditNoteResult}. */
  public static final class Builder extends ImmutableCreditNoteResult.Builder {
    Builder() {}
  }
}
